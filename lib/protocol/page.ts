/**
 * The page wing's requests and results: page operations, pins, each tab's pushed state, allowed sites.
 * Part of the protocol (`lib/protocol.ts`): types and constants only.
 */
import type { CometChatUser } from '../cometchat/user';
import type { AgentStatus } from '../page/reports';
import type { SessionSlot } from '../page/page-types';

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

/** What unpinning did. */
export interface UnpinTabResult {
  /** Whether the tab's token was ended; null when it was not asked, not the tab's own, or kept (below). */
  tokenRevoked: boolean | null;
  /**
   * The app keeps each tab's session apart (CometChat's session storage mode): the tab goes on running the user it
   * was pinned to, in its own session, and keeps its token.
   */
  keptOwnSession: boolean;
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
