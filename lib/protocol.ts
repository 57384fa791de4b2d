/**
 * The one protocol between views (popup, devtools panel) and the background: types and constants only.
 * Views import this file, never background code. Requests go view → background over a named port and
 * always get a response; events go background → every connected view.
 */
import type { CometChatError } from './cometchat/exception';
import type { SessionHealth } from './cometchat/session-health';
import type { CometChatUser } from './cometchat/user';
import type { AgentStatus, PageActivity } from './page/reports';
import type { PageInspection, SessionSlot } from './page/page-types';

/** Name of the long-lived port every view opens to the background. */
export const SESSION_PORT = 'SESSION';

export type AuthEventType = 'loginSuccess' | 'loginFailure' | 'logoutSuccess' | 'logoutFailure';

/** Every entry of the timeline: an auth event, or what an app did by itself (`pageActivity`, reported by the page agent). */
export type EventType = AuthEventType | 'pageActivity';

/** How a login happened: a fresh Auth Key login, a pasted token, or a switch to a held session. */
export type LoginMethod = 'authKey' | 'authToken' | 'switch';

/** What a tester types to set up an app; with `id`, an edit of that profile. */
export interface ProfileInput {
  id?: string;
  label?: string;
  appId: string;
  region: string;
  authKey: string;
  apiHost?: string;
}

/** A profile as views see it: the Auth Key never leaves the background unmasked. */
export interface ProfileSummary {
  id: string;
  label: string;
  appId: string;
  region: string;
  apiHost?: string;
  authKeyMasked: string;
}

/** A session the background holds, without its secrets. */
export interface SessionSummary {
  uid: string;
  user: CometChatUser;
  authTokenMasked: string;
  hasJwt: boolean;
  loggedInAt: number;
  /** The last `checkSessions` verdict on its token; null: not checked yet (or stored by an older version). */
  health: SessionHealth | null;
  /** When CometChat minted the token (unix seconds), from its timestamp part; null when the token has none. */
  tokenCreatedAt: number | null;
}

/** What `checkSessions` did: each held session of the active app asked about, or nothing (`skipped`: asked within the last minute). */
export interface SessionCheckReport {
  skipped: boolean;
  /** Per session: its health now, or the error that kept the check from saying (the network); its health is then left as it was. */
  results: { uid: string; health: SessionHealth | null; error?: CometChatError }[];
}

/** One entry of the persisted auth-event log. */
export interface AuthEvent {
  /** Gap-free sequence number, assigned in the same transaction as the state change. */
  seq: number;
  at: number;
  type: EventType;
  appId: string;
  uid?: string;
  method?: LoginMethod;
  error?: CometChatError;
  /** Which view asked: `popup`, `devtools-panel`, … */
  source: string;
  durationMs: number;
  /** Whose session changed: the extension's own (default), the inspected page's, or what the app did by itself (`pageActivity`). */
  target?: 'extension' | 'page' | 'app';
  /** For page events: the origin of the page whose session changed. */
  pageOrigin?: string;
  /** For `pageActivity`: what the app did, bounded by the background. */
  activity?: PageActivity;
  /** For `pageActivity`: the page agent's status after it (the panel's live strip). */
  agentStatus?: AgentStatus;
  /** For `pageActivity`: the tab it happened in. */
  tabId?: number;
}

/** One profile found in an import file, and what importing it would do. */
export interface ImportItem {
  /** `appId@region` plus API host: how a profile is recognised across machines. */
  key: string;
  label: string;
  appId: string;
  region: string;
  apiHost?: string;
  hasAuthKey: boolean;
  /** `new`: added; `same`: already here, nothing to do; `conflict`: here with other settings, replaced only if asked. */
  status: 'new' | 'same' | 'conflict';
}

export interface ImportPreview {
  items: ImportItem[];
}

/** A session the background obtained for writing into an inspected page: secrets included. */
export interface PageSessionGrant {
  user: CometChatUser;
  authToken: string;
  jwt?: string;
  wsChannel?: unknown;
  /** `settings` from `PUT me`, for a page that has none stored yet. */
  settings?: Record<string, unknown>;
}

/** What a page switch should log in as: a uid (fresh Auth Key login), a held session, or a pasted token. */
export type PageSessionTarget = { uid: string } | { heldUid: string } | { authToken: string };

/** The tab a page operation acts on, and the origin the tester saw (the tab must still be there). */
export interface PageTab {
  tabId: number;
  origin?: string;
}

/** A page operation on one stored app of the page. */
export interface PageSlotParams extends PageTab {
  slot: SessionSlot;
}

/**
 * The tester's answers to the questions the background asks before a page write (each a yes to an error whose
 * `details.origin` names the origin asked about). A yes holds only for that origin: a request with one must carry it as
 * `origin`, and is refused (`ERR_PAGE_ORIGIN_CHANGED`, nothing written or remembered) without it or once the tab has left it.
 */
export interface PageWriteAnswers {
  /** The tester said yes to this app's sessions on `origin` (remembered per app and origin). */
  consent?: boolean;
  /** The tester chose to write a new session where the page stores none for the active app. */
  createSession?: boolean;
  /**
   * For a held session of an app without an Auth Key (no fresh token can be minted): the tester accepted that page and
   * extension share the held token.
   */
  shareToken?: boolean;
}

export interface PageSwitchParams extends PageTab, PageWriteAnswers {
  target: PageSessionTarget;
  /** Where to write; left out (Apply to this tab), the page's slot for the active app. */
  slot?: SessionSlot;
}

export interface PageLogoutParams extends PageSlotParams {
  /** Also end the page's token on the server (the active app's pages only). */
  revokeToken?: boolean;
}

/** A verified page switch: who the page now runs, what verified it, and the tab's origin. */
export interface PageSwitchOutcome {
  user: CometChatUser;
  verifiedBy: 'sdk' | 'storage';
  origin: string;
}

/** Pins a tab to a user (`pinTab`), or opens the tab's page again in a new tab pinned to one (`openPinnedTab`). */
export interface PinTabParams extends PageTab, Omit<PageWriteAnswers, 'createSession'> {
  target: PageSessionTarget;
}

export interface UnpinTabParams extends PageTab {
  /** Also end the tab's token on the server (nothing else uses it once the tab is unpinned). */
  revokeToken?: boolean;
}

/** A tab pinned to a user, as views see it (no token). */
export interface PinnedTabSummary {
  tabId: number;
  origin: string;
  appId: string;
  uid: string;
  name: string;
  pinnedAt: number;
  /** When the tab closed: its session is gone, its token is valid until revoked. */
  closedAt?: number;
  /** The extension minted the tab's token and can revoke it. */
  canRevoke: boolean;
}

/**
 * What the background knows of one open tab, pushed to every view whenever it changes (views never ask for it): the
 * origin the browser reports, whether the site is allowed, and the newest status of the page agent in the tab's top
 * frame. Its pin is a stored record, in the snapshot (`Snapshot.pinnedTabs`).
 */
export interface TabState {
  tabId: number;
  /** The origin of the tab's page as the browser reports its URL (never as the page says); null where the browser hides it. */
  origin: string | null;
  /** The tab's title as the browser reports it, at most 200 characters. */
  title: string;
  /** The tester allowed the tab's site: its new documents are watched, and the background may read and write them. */
  allowed: boolean;
  /** The newest status of the page agent in the tab's top frame, for its current document; null: not watched. */
  agent: AgentStatus | null;
  /** When that status arrived (unix ms); null while `agent` is. */
  reportedAt: number | null;
  /** When the agent reported the current document's start (unix ms): a new document, a new value; null while `agent` is. */
  loadedAt: number | null;
}

/** A site the tester allowed, or agreed to write an app's sessions into. */
export interface AllowedSite {
  /** `scheme://host`: access covers every port. */
  site: string;
  /** The browser grants the extension access to its pages now. */
  hostAccess: boolean;
  /**
   * `site` is a granted pattern wider than one site (e.g. `https://*\/*`, from an older version or the browser's own
   * settings): listed so that it can be removed, never asked for.
   */
  wide?: true;
  consents: { origin: string; profileId: string; app: string; appId: string }[];
}

/** A page-session outcome, recorded so that the timeline shows it. */
export interface PageEventReport {
  type: AuthEventType;
  appId: string;
  uid?: string;
  error?: CometChatError;
  durationMs: number;
  pageOrigin: string;
}

/** One page of the active app's users, every value bounded (uids and names at most 300 characters). */
export interface DirectoryPage {
  /** At most 100 (the directory asks for 30); uid, name, and avatar/role/status when short and safe. */
  users: CometChatUser[];
  /** 1-based, as CometChat counts. */
  page: number;
  totalPages: number;
  /** How many users match the search in the whole app. */
  total: number;
  /** The search this page answers (a view drops answers to searches it no longer shows). */
  search: string;
}

/**
 * The longest `createUser` field the background sends on (views give their inputs the same `maxLength`): CometChat's
 * own uid bound, and clear ones for the rest (a 5 MB name is not a name). The avatar must also be an http(s) URL.
 */
export const NEW_USER_LIMITS = { uid: 100, name: 100, avatar: 2000, role: 100 } as const satisfies Record<keyof NewUserInput, number>;

/** A new user of the active app: CometChat lower-cases the uid and checks it (letters, digits, - and _, at most 100). */
export interface NewUserInput {
  uid: string;
  name: string;
  avatar?: string;
  role?: string;
}

/** What `createTestUsers` did: the test users it created, and those the app had already. */
export interface TestUsersOutcome {
  created: string[];
  existing: string[];
}

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

/** Which events `getEvents` returns, oldest first: after a number, and/or only the newest few. */
export interface EventQuery {
  afterSeq?: number;
  newest?: number;
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
  /** Creates (no `id`) or edits a profile; a new profile becomes the active one. */
  saveProfile: { params: { profile: ProfileInput }; result: ProfileSummary };
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
  unpinTab: { params: UnpinTabParams; result: { tokenRevoked: boolean | null } };
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
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'authEvent'; event: AuthEvent }
  | { type: 'eventsCleared' }
  /** A tab's state changed (it replaces the one the view had). */
  | { type: 'tab'; tab: TabState }
  /** A tab closed. */
  | { type: 'tabClosed'; tabId: number };

/** view → background */
export type ViewMessage = { kind: 'request'; id: number; request: Request };

/** background → view */
export type BackgroundMessage = { kind: 'response'; id: number; result: Result<unknown> } | { kind: 'event'; event: ViewEvent };
