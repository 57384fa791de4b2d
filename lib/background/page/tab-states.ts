import type { AgentStatus, PageReport } from '../../page/reports';
import type { TabState, ViewEvent } from '../../protocol';
import { siteOf } from '../../sites';
import type { StoredTabState } from '../../store/schema';
import type { Repositories } from '../../store/transaction';
import type { BackgroundContext } from '../context';
import type { EventDraft } from '../../store/events';
import type { TabAccess } from '../../page/tab-access-types';

/** A tab as the browser shows it to the extension: the URL and title only where the extension may run. */
export interface BrowserTab {
  tabId: number;
  url?: string;
  title?: string;
}

export interface TabStatesDeps {
  context: BackgroundContext;
  tabs: Pick<TabAccess, 'listTabs'>;
  /** The sites the tester allowed (`scheme://host`). */
  allowedSites: () => Promise<string[]>;
}

const MAX_TITLE = 200;

/**
 * The background's one model of each open tab: the origin and title the browser reports, whether its site is allowed,
 * and the newest status its page agent pushed from the tab's top frame. Every change is pushed to every view as a `tab`
 * event the moment it holds here, then stored (a restarted worker still knows it); views render from it and never ask a
 * page for a status its agent already pushed. A frame's own report never speaks for the tab.
 */
export function createTabStates({ context, tabs, allowedSites }: TabStatesDeps) {
  const states = new Map<number, StoredTabState>();
  let sites: string[] = [];
  let ready: Promise<void> | null = null;

  const allowed = (origin: string | null) => origin !== null && sites.includes(siteOf(origin));
  const shown = (state: StoredTabState): TabState => ({ ...state, allowed: allowed(state.origin) });
  const save = ({ meta }: Repositories) => meta.setTabStates([...states.values()]);

  /** The stored states of tabs still open, brought up to date with what the browser shows now. */
  function load(): Promise<void> {
    ready ??= (async () => {
      const [stored, open, allowedNow] = await Promise.all([
        context.store.read(({ meta }) => meta.tabStates()),
        tabs.listTabs().catch((): BrowserTab[] => []),
        allowedSites().catch(() => []),
      ]);
      sites = allowedNow;
      const openIds = new Set(open.map((tab) => tab.tabId));
      for (const state of stored) if (openIds.has(state.tabId)) states.set(state.tabId, currentShape(state));
      for (const tab of open) {
        const next = seen(states.get(tab.tabId), tab);
        if (next) states.set(tab.tabId, next);
      }
    })().catch((error: unknown) => {
      ready = null;
      throw error;
    });
    return ready;
  }

  /**
   * Pushes `tabId`'s new state at once, then logs the event that came with it, if any, and stores the state when the
   * agent's status changed: what the browser says of a tab (origin, title, closed) it says again to a restarted worker
   * (`load`), so it is only pushed. Resolves to the logged event.
   */
  function change(tabId: number, next: StoredTabState | null, { draft, isAgents = false }: { draft?: EventDraft; isAgents?: boolean } = {}) {
    if (next) states.set(tabId, next);
    else states.delete(tabId);
    context.tell(next ? { type: 'tab', tab: shown(next) } : { type: 'tabClosed', tabId });
    if (!draft && !isAgents) return Promise.resolve(null);
    return context.note({ ...(draft ? { draft } : {}), ...(isAgents ? { write: save } : {}) });
  }

  return {
    /** Resolves to a reader of every known tab's state, for a subscribing view (see `context.setTabsSource`). */
    async prepare(): Promise<() => TabState[]> {
      await load();
      return () => [...states.values()].map(shown);
    },

    /**
     * A report from the page agent in `tabId`'s top frame, whose document is on `origin` (the browser's word): the
     * tab's state follows it, and `draft` (what the app did, if the timeline lists it) is logged with it.
     */
    async agentReported(tabId: number, origin: string, report: PageReport, draft: EventDraft | null) {
      await load();
      const previous = states.get(tabId);
      const isSameOrigin = previous?.origin === origin && previous.agent !== null;
      const agent: AgentStatus = {
        ...report.status,
        // The SDK's version shows in its REST requests only: a reloaded app may open its socket before any, and
        // until then the version the tab's earlier documents of the same origin saw stands.
        sdkVersion: report.status.sdkVersion ?? (isSameOrigin ? (previous.agent?.sdkVersion ?? null) : null),
      };
      const now = context.now();
      const loadedAt = report.activity.kind === 'start' || !isSameOrigin ? now : (previous.loadedAt ?? now);
      const next: StoredTabState = { tabId, origin, title: previous?.title ?? '', agent, reportedAt: now, loadedAt };
      return change(tabId, next, { ...(draft ? { draft } : {}), isAgents: true });
    },

    /** The browser says something of the tab changed (its URL, title or loading state). */
    async tabUpdated(tab: BrowserTab): Promise<void> {
      await load();
      const previous = states.get(tab.tabId);
      const next = seen(previous, tab);
      if (next && !sameState(previous, next)) await change(tab.tabId, next);
    },

    /** The tab closed: its state goes. */
    async tabClosed(tabId: number): Promise<void> {
      await load();
      if (states.has(tabId)) await change(tabId, null);
    },

    /**
     * The allowed sites changed: every tab whose `allowed` flips is pushed again, and so is every tab of a newly allowed
     * site the browser hid until now (it shows a tab's URL only where the extension has access, and tells of no tab
     * when access arrives): a view then knows the tab is allowed with no agent yet, and offers to reload it.
     */
    async sitesChanged(): Promise<void> {
      // Before the first load nothing is known to flip, and the load reads the sites itself: a worker's start (which
      // syncs the scripts) reads no tabs for it.
      if (ready === null) return;
      await load();
      const before = new Map([...states.values()].map((state) => [state.tabId, allowed(state.origin)]));
      const [allowedNow, open] = await Promise.all([allowedSites().catch(() => sites), tabs.listTabs().catch((): BrowserTab[] => [])]);
      sites = allowedNow;
      for (const tab of open) {
        const next = states.has(tab.tabId) ? null : seen(undefined, tab);
        if (next) states.set(tab.tabId, next);
      }
      const flipped = [...states.values()].filter((state) => before.get(state.tabId) !== allowed(state.origin));
      if (flipped.length > 0) context.tell(...flipped.map((state): ViewEvent => ({ type: 'tab', tab: shown(state) })));
    },

    /** A tab's state now (tests and the pins' badge). */
    async get(tabId: number): Promise<TabState | null> {
      await load();
      const state = states.get(tabId);
      return state ? shown(state) : null;
    },
  };
}

export type TabStates = ReturnType<typeof createTabStates>;

/**
 * The state after the browser showed `tab`: its origin and title follow the browser. A tab the extension cannot see
 * (no URL: a site not allowed) keeps nothing of an agent; a tab now on another origin drops its agent's status, which
 * was about the document it left.
 */
function seen(previous: StoredTabState | undefined, tab: BrowserTab): StoredTabState | null {
  const origin = webOrigin(tab.url);
  if (origin === null && !previous) return null;
  const title = (tab.title ?? previous?.title ?? '').slice(0, MAX_TITLE);
  if (previous && previous.origin === origin) return { ...previous, title };
  return { tabId: tab.tabId, origin, title, agent: null, reportedAt: null, loadedAt: null };
}

function sameState(a: StoredTabState | undefined, b: StoredTabState): boolean {
  return a !== undefined && a.origin === b.origin && a.title === b.title && a.agent === b.agent;
}

function webOrigin(url: string | undefined): string | null {
  try {
    const parsed = new URL(url ?? '');
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** A state as an earlier version stored it, in today's shape: its agent's status had no `sessionStorageApps` (none known). */
function currentShape(state: StoredTabState): StoredTabState {
  const agent = state.agent as (Omit<AgentStatus, 'sessionStorageApps'> & Partial<AgentStatus>) | null;
  return agent && !Array.isArray(agent.sessionStorageApps) ? { ...state, agent: { ...agent, sessionStorageApps: [] } } : state;
}
