import type { AgentStatus } from './page/reports';
import { TEST_USERS } from './test-users';
import type { PinnedTabSummary, Snapshot, TabState } from './protocol';

/** The name of `uid` where the extension knows it (a session it holds, or a test user); undefined elsewhere. */
export function knownName(snapshot: Snapshot, uid: string): string | undefined {
  return (
    [snapshot.active, ...snapshot.sessions].find((session) => session?.uid === uid)?.user.name ?? TEST_USERS.find((user) => user.uid === uid)?.name
  );
}

/**
 * A page's WebSocket state as the four a tester tells apart, in English: the panel's strip names it in `data-state`;
 * the views show it in the tester's language (`socketText` in components/shared/session-words.ts).
 */
export const SOCKET_WORDS = {
  connecting: 'connecting',
  open: 'connecting',
  authenticated: 'connected',
  refused: 'refused',
  closed: 'disconnected',
} as const;

/** An open tab of the inspected tab's origin, and the user it runs, as the Tabs view shows it. */
export interface AppTab {
  tabId: number;
  title: string;
  /** The tab the view is about. */
  isInspected: boolean;
  /** Its page agent reported (the site was allowed before the page loaded): running user, SDK and socket are known. */
  watched: boolean;
  /** The extension's pin record of the tab (null: not pinned by the extension). */
  pin: PinnedTabSummary | null;
  /** Its agent says it is pinned, but the extension never pinned it: duplicated or opened from a pinned tab, it shares that tab's token. */
  copiedPin: boolean;
  /**
   * The app's SDK keeps its session in the tab's own `sessionStorage` (session storage mode): the tab runs a user of its
   * own already, which no other tab changes; a page switch, a pin and a logout write there.
   */
  ownSession: boolean;
  /** The app's user in the storage the tab uses (its own when pinned or in session storage mode, else the origin's), as its agent last saw it. */
  storedUid: string | null;
  /** The app's user the page's SDK runs, as its agent saw it; null: nobody (or not watched). */
  runningUid: string | null;
  sdkVersion: string | null;
  socket: AgentStatus['socket'];
  /** Runs another user than the origin's shared storage now holds: another tab switched it, and the SDK did not follow. */
  stale: boolean;
}

/** What the Tabs view shows for a tab: its origin's open tabs and closed pins, or why it cannot. */
export type AppTabsView =
  | { kind: 'tabs'; origin: string; appId: string | null; tabs: AppTab[]; closedPins: PinnedTabSummary[] }
  /** The browser hides the tab's page from the extension, or its site is not allowed. */
  | { kind: 'notAllowed' };

/**
 * The Tabs view of `tabId`, computed from what the background pushed (every tab's state) and stored (the pins): the
 * open tabs on the same origin, each with the active app's user it stores and runs.
 */
export function appTabsOf(tabs: ReadonlyMap<number, TabState>, snapshot: Snapshot, tabId: number): AppTabsView {
  const inspected = tabs.get(tabId);
  if (!inspected?.origin || !inspected.allowed) return { kind: 'notAllowed' };
  const { origin } = inspected;
  const appId = snapshot.profile?.appId ?? null;
  const openPins = new Map(snapshot.pinnedTabs.filter((pin) => !pin.closedAt).map((pin) => [pin.tabId, pin]));
  const rows = [...tabs.values()]
    .filter((tab) => tab.origin === origin)
    .sort((a, b) => a.tabId - b.tabId)
    .map((tab) => rowOf(tab, appId, tab.tabId === tabId, openPins.get(tab.tabId) ?? null));
  const closedPins = snapshot.pinnedTabs.filter((pin) => pin.closedAt && pin.origin === origin);
  return { kind: 'tabs', origin, appId, tabs: rows, closedPins };
}

/**
 * One tab as every view tells it (the popup's "This tab", the toolbar badge, the Tabs list): null where its site is not
 * allowed or the browser hides its page, unless the extension pinned it.
 */
function appTabOf(tab: TabState | undefined, snapshot: Snapshot, tabId: number): AppTab | null {
  const pin = snapshot.pinnedTabs.find((stored) => stored.tabId === tabId && !stored.closedAt) ?? null;
  if (!pin && !(tab?.origin && tab.allowed)) return null;
  const state = tab ?? { tabId, origin: pin!.origin, title: '', allowed: false, agent: null, reportedAt: null, loadedAt: null };
  return rowOf(state, snapshot.profile?.appId ?? null, true, pin);
}

/**
 * The tab as the popup's This tab and the toolbar badge tell it: only a tab the extension pinned, or whose page runs a
 * CometChat app (its agent saw a user run or stored); null elsewhere.
 */
export function appPageTabOf(tab: TabState | undefined, snapshot: Snapshot, tabId: number): AppTab | null {
  const shown = appTabOf(tab, snapshot, tabId);
  const runsAnApp = Boolean(tab?.agent && tab.agent.users.length + tab.agent.stored.length > 0);
  return shown && (shown.pin || runsAnApp) ? shown : null;
}

function rowOf({ tabId, title, agent }: TabState, appId: string | null, isInspected: boolean, pin: PinnedTabSummary | null): AppTab {
  const app = appId ?? agent?.users[0]?.appId ?? agent?.stored[0]?.appId ?? null;
  const storedUid = agent?.stored.find((user) => user.appId === app)?.uid ?? null;
  const runningUid = agent?.users.find((user) => user.appId === app)?.uid ?? null;
  const isPinnedInPage = agent?.pin != null;
  const ownSession = app !== null && agent?.sessionStorageApps.includes(app) === true;
  return {
    tabId,
    title,
    isInspected,
    watched: agent !== null,
    pin,
    copiedPin: isPinnedInPage && pin === null,
    ownSession,
    storedUid,
    runningUid,
    sdkVersion: agent?.sdkVersion ?? null,
    socket: agent?.socket ?? null,
    stale: agent !== null && !isPinnedInPage && !ownSession && runningUid !== storedUid,
  };
}
