import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '@/lib/page/reports';
import type { TabState } from '@/lib/protocol';
import { isAwaitingReload, pageChangeKey, tabNames } from '@/lib/tab-watch';

const ORIGIN = 'http://127.0.0.1:5173';
const AGENT: AgentStatus = { sdkVersion: null, hasGlobalSdk: false, users: [], stored: [], sessionStorageApps: [], socket: null, pin: null };

describe('whether a tab needs a reload to be watched', () => {
  it.each([
    ['an allowed site with no agent yet (allowed after the page loaded)', { allowed: true, origin: ORIGIN, agent: null }, true],
    ['an allowed site whose agent reports', { allowed: true, origin: ORIGIN, agent: AGENT }, false],
    ['a site not allowed', { allowed: false, origin: ORIGIN, agent: null }, false],
    ['a tab whose address the browser hides', { allowed: false, origin: null, agent: null }, false],
    ['a tab the background knows nothing of', null, false],
  ])('should say %s: %s', (_name, tab, expected) => {
    expect(isAwaitingReload(tab)).toBe(expected);
  });
});

const tab = (tabId: number, changes: Partial<TabState> = {}): TabState => ({
  tabId,
  origin: ORIGIN,
  title: 'Shop',
  allowed: true,
  agent: AGENT,
  reportedAt: 1_000,
  loadedAt: 900,
  ...changes,
});
const tabsOf = (...tabs: TabState[]) => new Map(tabs.map((state) => [state.tabId, state]));

describe('what the page a tab shows can have stored differently since', () => {
  it("should stay the same through the agent's news of its socket and the time of its reports", () => {
    const before = pageChangeKey(tab(7));
    const socket = { state: 'open' as const, since: 1_200 };

    expect(pageChangeKey(tab(7, { reportedAt: 2_000, agent: { ...AGENT, socket, sdkVersion: '4.2.0' } }))).toBe(before);
  });

  it.each([
    ['another user run', { agent: { ...AGENT, users: [{ appId: 'app', uid: 'cometchat-uid-1' }] } }],
    ['another user stored', { agent: { ...AGENT, stored: [{ appId: 'app', uid: 'cometchat-uid-2' }] } }],
    ['a pin', { agent: { ...AGENT, pin: { uid: 'cometchat-uid-3', pinnedAt: 1 } } }],
    ['a new document', { loadedAt: 1_500 }],
    ['another origin', { origin: 'http://127.0.0.1:4000' }],
  ])('should change with %s', (_name, changes) => {
    expect(pageChangeKey(tab(7, changes))).not.toBe(pageChangeKey(tab(7)));
  });

  it('should be null for a tab no agent watches, or none known', () => {
    expect(pageChangeKey(tab(7, { agent: null }))).toBeNull();
    expect(pageChangeKey(null)).toBeNull();
  });
});

describe('what each tab is called', () => {
  it("should stay the very same map through a tab's other news, so a view labelling by it is not rendered again", () => {
    const names = tabNames(tabsOf(tab(7), tab(8, { title: 'Admin' })), new Map());

    expect([...names]).toEqual([
      [7, { title: 'Shop', origin: ORIGIN }],
      [8, { title: 'Admin', origin: ORIGIN }],
    ]);
    expect(tabNames(tabsOf(tab(7, { reportedAt: 5_000, agent: null }), tab(8, { title: 'Admin', allowed: false })), names)).toBe(names);
  });

  it.each([
    ['a new title', tabsOf(tab(7, { title: 'Checkout' }), tab(8))],
    ['a new origin', tabsOf(tab(7, { origin: 'http://127.0.0.1:4000' }), tab(8))],
    ['a tab opened', tabsOf(tab(7), tab(8), tab(9))],
    ['a tab closed', tabsOf(tab(7))],
    ['a tab closed as another opened', tabsOf(tab(7), tab(9))],
  ])('should be a new map after %s', (_name, next) => {
    const names = tabNames(tabsOf(tab(7), tab(8)), new Map());
    const after = tabNames(next, names);

    expect(after).not.toBe(names);
    expect([...after]).toEqual([...next].map(([tabId, state]) => [tabId, { title: state.title, origin: state.origin }]));
  });
});
