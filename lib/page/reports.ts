/**
 * What the page agent (a main-world script on sites the tester allowed) tells the extension about the app under
 * test, and the names both sides of the page use. Reports are information only: the background bounds and stores
 * them as page activity, and nothing in one can make the extension act.
 *
 * Path: page agent (MAIN world) ─ CustomEvent on `document`, detail = JSON string ─> page relay (isolated world of
 * the top frame, injected once the page has loaded) ─ `runtime.sendMessage({type: PAGE_REPORT_MESSAGE, report})` ─>
 * background.
 */

/** Event the agent dispatches on `document` for each report; `detail` is the report as a JSON string. */
export const AGENT_REPORT_EVENT = '__cometchat_inspector_report';
/** Event the relay dispatches on `document` when it listens (and in answer to `AGENT_HELLO_EVENT`): the agent then sends what it buffered. */
export const RELAY_READY_EVENT = '__cometchat_inspector_relay_ready';
/** Event the agent dispatches on `document` when it starts, for a relay that started first. */
export const AGENT_HELLO_EVENT = '__cometchat_inspector_agent_hello';
/** The `runtime.sendMessage` type the relay uses; the background accepts nothing else from a content script. */
export const PAGE_REPORT_MESSAGE = 'pageReport';

/** What every web-storage key the extension writes into a page starts with: none of them is ever an app's. */
export const EXTENSION_KEY_PREFIX = '__cometchat_inspector:';
/** `sessionStorage` key of a pinned tab's pin (JSON `PagePin`); read once when the agent starts. */
export const PIN_KEY = `${EXTENSION_KEY_PREFIX}pin`;
/** Prefix of a pinned tab's CometChat keys, re-homed from `localStorage` into the tab's `sessionStorage`. */
export const PINNED_PREFIX = `${EXTENSION_KEY_PREFIX}pinned:`;
/** Where the agent leaves its status for the background's `executeScript` reads (non-enumerable, on `window`). */
export const AGENT_GLOBAL = '__cometchatInspectorAgent';

/** CometChat's stores in web storage (page-scripts doc): the keys a pinned tab keeps in its own storage. */
export const COMETCHAT_KEY = /^(.+):(common_store|keys_store|users_store|messages_store|message_listeners_list)\//;

/** A tab's pin as the agent reads it. */
export interface PagePin {
  uid: string;
  /** Unix ms. */
  pinnedAt: number;
}

export type SocketState = 'connecting' | 'open' | 'authenticated' | 'refused' | 'closed';

/** What the agent knows about the app at the time of a report. */
export interface AgentStatus {
  /** `javascript@4.2.0` style, from the SDK's `sdk` request header or `CometChat.getVersion()`; null until seen. */
  sdkVersion: string | null;
  /** Whether `window.CometChat` was found (a bundled app may have none). */
  hasGlobalSdk: boolean;
  /**
   * The user the app's SDK runs, per app: the stored user when the page started, then the page's own writes, then
   * other tabs' changes the SDK follows (the `user` key created or removed while the tab is unfocused).
   */
  users: { appId: string; uid: string | null }[];
  /**
   * Per app, the user in the storage the tab uses now (a pinned tab's own, else the origin's `localStorage`, which
   * other tabs change too): the SDK may run another (`users`) until the tab reloads.
   */
  stored: { appId: string; uid: string | null }[];
  /**
   * Apps whose SDK keeps its session in the tab's own `sessionStorage` (`CometChat.StorageMode.SESSION`, the UI Kit's
   * `setStorageMode`): every tab of such an app runs its own user already, and no other tab can change it. For these,
   * `stored` is the tab's `sessionStorage`.
   */
  sessionStorageApps: string[];
  /** The app's WebSocket; null until one opens. `since` is unix ms. */
  socket: { state: SocketState; since: number; closeCode?: number } | null;
  /** The tab's pin, when it is pinned. */
  pin: PagePin | null;
}

/** One thing the app did. Strings are the agent's; the background cuts every one to a bound. */
export type PageActivity =
  /** The agent started in a new document. */
  | { kind: 'start' }
  /** The app wrote or removed `{appId}:common_store/user` itself: its own login (uid) or logout (null). */
  | { kind: 'storage'; appId: string; uid: string | null }
  /** A CometChat REST call (a request with an `appId` header): never headers, tokens or bodies. */
  | { kind: 'rest'; appId?: string; method: string; endpoint: string; status: number; code?: string; durationMs: number }
  /**
   * The status changed, but not by the app: another tab changed the origin's shared storage (`stored` changed, and
   * `users` too if the SDK followed), or the extension wrote the page's storage (a page switch or logout). The
   * background keeps the new status; the timeline does not list it.
   */
  | { kind: 'status' }
  /** The CometChat WebSocket changed state; `code` on close, `code` of the refusal on `refused`. */
  | { kind: 'socket'; state: SocketState; closeCode?: number; code?: string }
  /** The global SDK's `LoginListener` or `ConnectionListener` fired (only where `window.CometChat` exists). */
  | { kind: 'listener'; listener: 'login' | 'connection'; event: string; uid?: string; code?: string };

/** What the relay sends: one activity and the status after it. */
export interface PageReport {
  activity: PageActivity;
  status: AgentStatus;
}
