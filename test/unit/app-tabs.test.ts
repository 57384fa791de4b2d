import { describe, expect, it } from 'vitest';
import { appTabsOf } from '@/lib/app-tabs';
import type { PinnedTabSummary, Snapshot, TabState } from '@/lib/protocol';

const ORIGIN = 'http://localhost:3000';
const profile = { id: 'p1', label: 'Staging', appId: 'app-1', region: 'eu', authKeyMasked: '••••' };
const snapshot = (pinnedTabs: PinnedTabSummary[] = []): Snapshot => ({
  epoch: 'e1',
  revision: 1,
  lastSeq: 0,
  profiles: [profile],
  profile,
  active: null,
  sessions: [],
  lastLoginError: null,
  unreadableRecords: 0,
  pinnedTabs,
});
const tab = (tabId: number, running: string | null, stored: string | null, change: Partial<TabState> = {}): TabState => ({
  tabId,
  origin: ORIGIN,
  title: `Tab ${tabId}`,
  allowed: true,
  agent: {
    sdkVersion: 'javascript@4.2.0',
    hasGlobalSdk: true,
    users: [{ appId: 'app-1', uid: running }],
    stored: [{ appId: 'app-1', uid: stored }],
    sessionStorageApps: [],
    socket: null,
    pin: null,
  },
  reportedAt: 1,
  loadedAt: 1,
  ...change,
});
const pin = (tabId: number, uid: string, closedAt?: number): PinnedTabSummary => ({
  tabId,
  origin: ORIGIN,
  appId: 'app-1',
  uid,
  name: uid,
  pinnedAt: 1,
  ...(closedAt ? { closedAt } : {}),
  canRevoke: true,
});
const tabsOf = (...states: TabState[]) => new Map(states.map((state) => [state.tabId, state]));

describe('the Tabs view, from the pushed tab states and the stored pins', () => {
  it('should list the tabs of the inspected tab’s origin only, each with the user it stores and runs', () => {
    const view = appTabsOf(tabsOf(tab(1, 'u1', 'u1'), tab(2, 'u2', 'u2'), tab(3, 'u1', 'u1', { origin: 'http://localhost:4000' })), snapshot(), 1);

    expect(view).toMatchObject({ kind: 'tabs', origin: ORIGIN, appId: 'app-1' });
    expect(view.kind === 'tabs' && view.tabs.map((row) => [row.tabId, row.isInspected, row.storedUid, row.runningUid])).toEqual([
      [1, true, 'u1', 'u1'],
      [2, false, 'u2', 'u2'],
    ]);
  });

  it('should warn of a tab whose SDK still runs the user another tab replaced', () => {
    const view = appTabsOf(tabsOf(tab(1, 'u3', 'u3'), tab(2, 'u1', 'u3')), snapshot(), 1);

    expect(view.kind === 'tabs' && view.tabs.map((row) => row.stale)).toEqual([false, true]);
  });

  it('should tell a tab of an app in session storage mode as running its own session, never stale', () => {
    const own = (tabId: number, running: string, stored: string | null) => {
      const state = tab(tabId, running, stored);
      return { ...state, agent: { ...state.agent!, sessionStorageApps: ['app-1'] } };
    };

    const view = appTabsOf(tabsOf(own(1, 'u3', 'u3'), own(2, 'u1', null), tab(3, 'u1', 'u3')), snapshot(), 1);

    expect(view.kind === 'tabs' && view.tabs.map((row) => [row.tabId, row.ownSession, row.stale])).toEqual([
      [1, true, false],
      [2, true, false],
      [3, false, true],
    ]);
  });

  it('should take a tab’s pin from the extension’s record, and call a pin only its page claims a copy', () => {
    const claimed = { pin: { uid: 'u2', pinnedAt: 1 } };
    const states = tabsOf(
      tab(1, 'u2', 'u2', { agent: { ...tab(1, 'u2', 'u2').agent!, ...claimed } }),
      tab(2, 'u2', 'u2', { agent: { ...tab(2, 'u2', 'u2').agent!, ...claimed } }),
    );

    const view = appTabsOf(states, snapshot([pin(1, 'u2'), pin(9, 'u5', 5)]), 1);

    expect(view.kind === 'tabs' && view.tabs.map((row) => [row.pin?.uid ?? null, row.copiedPin, row.stale])).toEqual([
      ['u2', false, false],
      [null, true, false],
    ]);
    expect(view.kind === 'tabs' && view.closedPins.map((closed) => closed.tabId)).toEqual([9]);
  });

  it.each([
    ['the background knows nothing of the tab', tabsOf()],
    ['the browser hides the tab’s page', tabsOf(tab(1, null, null, { origin: null, agent: null }))],
    ['the site is not allowed', tabsOf(tab(1, null, null, { allowed: false, agent: null }))],
  ])('should ask for the site’s access when %s', (_case, states) => {
    expect(appTabsOf(states, snapshot(), 1)).toEqual({ kind: 'notAllowed' });
  });
});
