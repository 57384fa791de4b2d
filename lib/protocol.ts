/**
 * The one protocol between views (popup, devtools panel) and the background: types and constants only.
 * Views import this file, never background code. Requests go view → background over a named port and
 * always get a response; events go background → every connected view.
 */
import type { CometChatError } from './cometchat/exception';
import type { CometChatUser } from './cometchat/user';
import type { PageInspection } from './page/page-types';
import type { AuthEvent, EventQuery } from './protocol/events';
import type { ProfileInput, ProfileSummary, ImportPreview } from './protocol/profiles';
import type { SessionSummary, SessionCheckReport } from './protocol/sessions';
import type {
  PageTab,
  PageSlotParams,
  PageSwitchParams,
  PageLogoutParams,
  PageSwitchOutcome,
  PinTabParams,
  UnpinTabParams,
  UnpinTabResult,
  PinnedTabSummary,
  TabState,
  AllowedSite,
} from './protocol/page';
import type { DirectoryPage, NewUserInput, TestUsersOutcome } from './protocol/directory';

export type * from './protocol/events';
export type * from './protocol/profiles';
export type * from './protocol/sessions';
export type * from './protocol/page';
export type * from './protocol/directory';
export { NEW_USER_LIMITS } from './protocol/directory';
/** Name of the long-lived port every view opens to the background. */
export const SESSION_PORT = 'SESSION';

/**
 * The stored state as views may see it (secrets masked). It carries no events: a view asks for the
 * ones it missed once, when it subscribes, and hears every later one live.
 */
export interface Snapshot {
  /** Names the database's life: a reset starts a new epoch, whose revisions and event numbers start over. */
  epoch: string;
  /** Increases with every committed change; views drop snapshots older than the one they show (same epoch). */
  revision: number;
  /** The last auth event's `seq` (0 for none). */
  lastSeq: number;
  /** Every app profile; `profile` is the active one. */
  profiles: ProfileSummary[];
  profile: ProfileSummary | null;
  active: SessionSummary | null;
  sessions: SessionSummary[];
  /** The error of the extension's last login attempt if it failed (the badge turns red), else null. */
  lastLoginError: CometChatError | null;
  /** Stored records that were damaged and left out; views offer a reset when this is not 0. */
  unreadableRecords: number;
  /** Tabs pinned to a user, open ones and closed ones whose token the tester has not decided about yet. */
  pinnedTabs: PinnedTabSummary[];
}

/** What a view gets when it subscribes: the state now, and the events after the last one it had. */
export interface Subscription {
  snapshot: Snapshot;
  /** Events after the view's `afterSeq`, oldest first; none for a new view or a new epoch. */
  missed: AuthEvent[];
  /** Every tab the background knows of now; later changes arrive as `tab` and `tabClosed` events. */
  tabs: TabState[];
}

/** The parameters of a request that takes none. */
export type NoParams = Record<string, never>;

/** Every request a view can make, with its parameters and result. */
export interface RequestMap {
  /**
   * A view's first request on every port: it joins the broadcasts in the same step that reads its reply,
   * so from then on it hears every event exactly once, live. `afterSeq` and `epoch` are what it last saw.
   */
  subscribe: { params: { afterSeq: number | null; epoch: string | null }; result: Subscription };
  /**
   * Creates (no `id`) or edits a profile; a new profile becomes the active one. With `checkApiHost`, an API host that
   * does not answer as CometChat is refused first (`ERR_API_HOST_UNREACHABLE`, nothing saved).
   */
  saveProfile: { params: { profile: ProfileInput; checkApiHost?: boolean }; result: ProfileSummary };
  activateProfile: { params: { id: string }; result: null };
  /** A profile's Auth Key, for the reveal and copy buttons. */
  revealAuthKey: { params: { id: string }; result: string };
  /** Deletes a profile and the sessions held for it, revoking its pinned tabs' tokens; `unrevoked`: those it could not. */
  deleteProfile: { params: { id: string }; result: { unrevoked: PinnedTabSummary[] } };
  /** Profiles as a JSON file; Auth Keys only with `includeSecrets`. */
  exportProfiles: { params: { includeSecrets: boolean }; result: string };
  /** What importing `json` would do, without doing it. */
  previewImport: { params: { json: string }; result: ImportPreview };
  /** Imports `json`: new profiles are added; the conflicting ones listed in `replace` are overwritten, the rest kept. */
  applyImport: { params: { json: string; replace: string[] }; result: ImportPreview };
  /**
   * Logs in as `uid`. A uid whose session the active app already holds reuses it (no network, logged like a switch),
   * as the SDK returns its stored user for the same uid; `fresh` mints a new token with the Auth Key anyway.
   */
  login: { params: { uid: string; fresh?: boolean }; result: CometChatUser };
  loginWithAuthToken: { params: { authToken: string }; result: CometChatUser };
  logout: { params: NoParams; result: null };
  switchSession: { params: { uid: string }; result: CometChatUser };
  /** A held session's secret, for the reveal and copy buttons of an extension page. */
  revealSecret: { params: { uid: string; secret: 'authToken' | 'jwt' }; result: string };
  /** Drops a held session; with `revoke`, `DELETE me` first. `revoked`: true, false (the server no longer knew it), null (not asked). */
  forgetSession: { params: { uid: string; revoke?: boolean }; result: { revoked: boolean | null } };
  /**
   * `GET me` for every held session of the active app, storing each verdict. `throttled` (the popup on open): skipped
   * when the app was checked less than a minute ago (kept in the background's memory).
   */
  checkSessions: { params: { throttled?: boolean }; result: SessionCheckReport };
  /** The persisted log (up to the cap), oldest first; all of it unless `query` narrows it. */
  getEvents: { params: { query?: EventQuery }; result: AuthEvent[] };
  clearEvents: { params: NoParams; result: null };
  /** Deletes all stored data (apps, sessions, events): the way out of damaged storage. Revokes pinned tabs' tokens first; `unrevoked`: those it could not. */
  resetStorage: { params: NoParams; result: { unrevoked: PinnedTabSummary[] } };
  /** The log as JSON with every Auth Key, token and jwt replaced by `[redacted]`. */
  exportEvents: { params: NoParams; result: string };
  /** What a tab's page stores, read by the background (it needs the tester's access to the site). */
  readPage: { params: PageTab; result: PageInspection };
  /** Switches a tab's page to a user with a token of its own, verified after the reload; see `page-operations.ts`. */
  switchPage: { params: PageSwitchParams; result: PageSwitchOutcome };
  /** Logs a tab's page out; `tokenRevoked` says what the server did (null: not asked). */
  logoutPage: { params: PageLogoutParams; result: { tokenRevoked: boolean | null; origin: string } };
  /** The extension logs in as the page's user, with a fresh session of its own. */
  adoptPageSession: { params: PageSlotParams; result: CometChatUser };
  listAllowedSites: { params: NoParams; result: AllowedSite[] };
  /** Pins the tab to a user: its page keeps that user's session in the tab's own storage (a token minted for it). */
  pinTab: { params: PinTabParams; result: PageSwitchOutcome };
  /** Opens the tab's page again in a new tab, pinned to a user. */
  openPinnedTab: { params: PinTabParams; result: PageSwitchOutcome & { tabId: number } };
  /** Gives the tab back the origin's shared session; `tokenRevoked` as for `logoutPage`. */
  unpinTab: { params: UnpinTabParams; result: UnpinTabResult };
  /** Forgets a closed pinned tab; with `revoke`, ends its token on the server first. */
  forgetClosedPin: { params: { tabId: number; pinnedAt: number; revoke?: boolean }; result: { revoked: boolean | null } };
  /** A page of the active app's users, listed with its active held session's token (ERR_DIRECTORY_NEEDS_SESSION without one). */
  listUsers: { params: { search?: string; page?: number }; result: DirectoryPage };
  /** Creates a user in the active app with its Auth Key (ERR_NO_AUTH_KEY without one). */
  createUser: { params: NewUserInput; result: CometChatUser };
  /** Creates whichever of cometchat-uid-1..5 the active app lacks, with the Auth Key. */
  createTestUsers: { params: NoParams; result: TestUsersOutcome };
  /** Takes back a site's access and every yes for it; with `profileId`, only that app's yes. */
  forgetSite: { params: { site: string; profileId?: string }; result: null };
}

export type RequestType = keyof RequestMap;
export type Request = { [K in RequestType]: { type: K } & RequestMap[K]['params'] }[RequestType];

export type Result<T> = { ok: true; value: T } | { ok: false; error: CometChatError };

/** What the background broadcasts to subscribed views, each only after its change has committed. */
export type ViewEvent =
  /**
   * The state after a change, with the event the change logged (if any): told in one message, so a view handles both
   * in one task and one render, and the next view's handling of the event does not hold up this one's new state. A
   * reset's new epoch comes alone, so an event here is always numbered in the epoch the view has.
   */
  | { type: 'snapshot'; snapshot: Snapshot; event?: AuthEvent }
  | { type: 'authEvent'; event: AuthEvent }
  | { type: 'eventsCleared' }
  /** A tab's state changed (it replaces the one the view had). */
  | { type: 'tab'; tab: TabState }
  /** A tab closed. */
  | { type: 'tabClosed'; tabId: number };

/** view → background */
export type ViewMessage = { kind: 'request'; id: number; request: Request };

/** background → view */
export type BackgroundMessage =
  | { kind: 'response'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: ViewEvent }
  /**
   * Several events of one write, in order (a burst of an app's reports, each logged with its tab's new state): one
   * message, so a view handles them in one task and renders once, not once for each.
   */
  | { kind: 'events'; events: ViewEvent[] };
