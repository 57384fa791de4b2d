import { describe, expect, it, vi } from 'vitest';
import { createBackground } from '@/lib/background/create-background';
import { createActivityService, RATE_LIMIT } from '@/lib/background/page/activity-service';
import type { TabBadge } from '@/lib/background/page/tab-badges';
import { BADGE_COLORS, type BadgeState } from '@/lib/badge';
import type { TabState } from '@/lib/protocol';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';
import { englishWords } from './support/english-messages';

const ORIGIN = 'http://127.0.0.1:5173';
const TAB = 7;
const TOP = { tabId: TAB, frameId: 0, url: `${ORIGIN}/chat` };
const status = (change: object = {}) => ({
  sdkVersion: 'javascript@4.2.0',
  hasGlobalSdk: true,
  users: [{ appId: 'app-1', uid: 'cometchat-uid-1' }],
  stored: [{ appId: 'app-1', uid: 'cometchat-uid-1' }],
  socket: { state: 'authenticated', since: 1_700_000_000_000 },
  pin: null,
  ...change,
});
const report = (activity: object, change: object = {}) => JSON.stringify({ activity, status: status(change) });

async function setUp() {
  const background = createMemoryBackground();
  await background.profiles.saveProfile(PROFILE);
  background.tabs.open(TAB, ORIGIN);
  background.tabs.allow(ORIGIN);
  const view = background.connectView('devtools-panel.html');
  let tabs: ReadonlyMap<number, TabState> = new Map();
  view.onTabs((next) => (tabs = next));
  await view.request('getEvents', {});
  return { ...background, view, tabsHeard: () => tabs };
}

describe("the background's one state per tab, pushed to every view", () => {
  it('should push what the tab’s top frame reports to every view, and give it to a view that opens later', async () => {
    const { activity, tabsHeard, connectView } = await setUp();

    await activity.acceptReport(report({ kind: 'start' }), TOP);

    await vi.waitFor(() => expect(tabsHeard().get(TAB)).toMatchObject({ tabId: TAB, origin: ORIGIN, allowed: true, agent: status() }));
    const later = connectView('popup.html');
    let heard: ReadonlyMap<number, TabState> = new Map();
    later.onTabs((next) => (heard = next));
    await vi.waitFor(() => expect(heard.get(TAB)?.agent?.users).toEqual([{ appId: 'app-1', uid: 'cometchat-uid-1' }]));
  });

  it('should ignore a report from a frame inside the page: a frame never speaks for the tab', async () => {
    const { activity, tabStates, log } = await setUp();

    // An iframe of another port of the site claims the tab runs someone else, pinned.
    const forged = report({ kind: 'start' }, { users: [{ appId: 'app-1', uid: 'ceo-of-company' }], pin: { uid: 'ceo-of-company', pinnedAt: 1 } });
    await expect(activity.acceptReport(forged, { tabId: TAB, frameId: 3, url: 'http://127.0.0.1:4000/ad' })).resolves.toBeNull();

    expect((await tabStates.get(TAB))?.agent ?? null).toBeNull();
    expect(await log.getEvents()).toEqual([]);
  });

  it('should keep a status update in the tab’s state without listing it in the timeline', async () => {
    const { activity, tabsHeard, log } = await setUp();
    await activity.acceptReport(report({ kind: 'start' }), TOP);

    // Another tab logged in as uid-2; this tab's SDK did not follow.
    await activity.acceptReport(report({ kind: 'status' }, { stored: [{ appId: 'app-1', uid: 'cometchat-uid-2' }] }), TOP);

    await vi.waitFor(() => expect(tabsHeard().get(TAB)?.agent?.stored).toEqual([{ appId: 'app-1', uid: 'cometchat-uid-2' }]));
    expect((await log.getEvents()).map((event) => event.activity?.kind)).toEqual(['start']);
  });

  it('should still know what the tab runs after the log is cleared', async () => {
    const { activity, log, view, tabStates } = await setUp();
    await activity.acceptReport(report({ kind: 'start' }), TOP);

    await view.request('clearEvents', {});

    expect(await log.getEvents()).toEqual([]);
    expect((await tabStates.get(TAB))?.agent?.users).toEqual([{ appId: 'app-1', uid: 'cometchat-uid-1' }]);
  });

  it('should still know what the tab runs after the worker restarts', async () => {
    const { activity, store, tabs } = await setUp();
    await activity.acceptReport(report({ kind: 'start' }), TOP);

    const restarted = createBackground({ store, tabs: tabs.access, createClient: () => ({}) as never, isTrusted: () => true });

    expect((await restarted.tabStates.get(TAB))?.agent?.socket).toEqual({ state: 'authenticated', since: 1_700_000_000_000 });
  });

  it('should read a state an earlier version stored, before the agent told session storage mode apart, as naming no such app', async () => {
    const { store, tabs } = await setUp();
    const { sessionStorageApps: _none, ...earlier } = status() as ReturnType<typeof status> & { sessionStorageApps?: string[] };
    await store.write(async ({ meta }) => {
      await meta.setTabStates([{ tabId: TAB, origin: ORIGIN, title: 'Chat', agent: earlier as never, reportedAt: 1, loadedAt: 1 }]);
    });

    const restarted = createBackground({ store, tabs: tabs.access, createClient: () => ({}) as never, isTrusted: () => true });

    expect((await restarted.tabStates.get(TAB))?.agent).toMatchObject({ users: earlier.users, sessionStorageApps: [] });
  });

  it('should forget the agent’s status when the browser says the tab left for another origin, and the tab when it closes', async () => {
    const { activity, tabStates, tabsHeard } = await setUp();
    await activity.acceptReport(report({ kind: 'start' }), TOP);

    // The browser hides the URL of a site the tester has not allowed.
    await tabStates.tabUpdated({ tabId: TAB, title: 'Elsewhere' });
    await vi.waitFor(() => expect(tabsHeard().get(TAB)).toMatchObject({ origin: null, allowed: false, agent: null }));

    await tabStates.tabClosed(TAB);
    await vi.waitFor(() => expect(tabsHeard().has(TAB)).toBe(false));
  });

  it('should keep the SDK version the tab’s earlier document saw until the reloaded app’s first request', async () => {
    const { activity, tabStates } = await setUp();
    await activity.acceptReport(report({ kind: 'start' }), TOP);

    await activity.acceptReport(report({ kind: 'start' }, { sdkVersion: null }), TOP);

    expect((await tabStates.get(TAB))?.agent?.sdkVersion).toBe('javascript@4.2.0');
  });
});

describe("a tab's own badge: who runs in this tab", () => {
  async function withBadges() {
    const { store, tabs, profiles } = createMemoryBackground();
    const shown: [number, BadgeState | null][] = [];
    const tabBadge: TabBadge = { show: async (tabId, badge) => void shown.push([tabId, badge]) };
    const background = createBackground({
      store,
      tabs: tabs.access,
      createClient: () => ({}) as never,
      isTrusted: () => true,
      tabBadge,
      words: englishWords,
    });
    const profile = await profiles.saveProfile(PROFILE);
    tabs.open(TAB, ORIGIN);
    tabs.allow(ORIGIN);
    // The snapshot the worker draws from when it starts.
    background.tabBadges.onSnapshot(await background.context.snapshot());
    return { background, profile, shown, last: () => shown.at(-1)?.[1] };
  }

  it('should name the user the page runs, in the shared colour, and say it is this tab’s', async () => {
    const { background, last } = await withBadges();

    await background.activity.acceptReport(report({ kind: 'start' }), TOP);

    await vi.waitFor(() =>
      expect(last()).toEqual({
        text: 'U1',
        color: BADGE_COLORS.user,
        title: `CometChat: this tab runs Andrew Joseph (cometchat-uid-1) on ${ORIGIN} (the shared session)`,
      }),
    );
    await background.activity.acceptReport(report({ kind: 'storage', appId: 'app-1', uid: null }, { users: [{ appId: 'app-1', uid: null }] }), TOP);
    await vi.waitFor(() => expect(last()).toMatchObject({ text: '', title: expect.stringContaining('nobody is logged in to the app in this tab') }));
  });

  it('should draw a pin from the extension’s pin record only, never from what a page reports', async () => {
    const { background, profile, shown, last } = await withBadges();

    // A page that forges a pinned start report gets no pinned badge.
    await background.activity.acceptReport(report({ kind: 'start' }, { pin: { uid: 'cometchat-uid-2', pinnedAt: 1 } }), TOP);
    await vi.waitFor(() => expect(shown).not.toEqual([]));
    expect(shown.every(([, badge]) => badge?.color !== BADGE_COLORS.pinned)).toBe(true);

    await background.context.command((commit) =>
      commit(async ({ meta }) => {
        await meta.setPinnedTabs([
          { tabId: TAB, origin: ORIGIN, profileId: profile.id, appId: PROFILE.appId, uid: 'cometchat-uid-2', name: 'George Alan', pinnedAt: 1 },
        ]);
        return { value: undefined };
      }),
    );
    await vi.waitFor(() =>
      expect(last()).toEqual({
        text: 'U2',
        color: BADGE_COLORS.pinned,
        title: `CometChat: this tab is pinned to George Alan (cometchat-uid-2) on ${ORIGIN}`,
      }),
    );
  });

  it('should leave the toolbar’s badge (the extension’s user) on a tab where no CometChat page runs', async () => {
    const { background, last } = await withBadges();

    await background.activity.acceptReport(report({ kind: 'start' }, { users: [], stored: [] }), TOP);

    await vi.waitFor(() => expect(background.tabStates.get(TAB)).resolves.toMatchObject({ agent: expect.anything() }));
    expect(last() ?? null).toBeNull();
  });
});

describe('a tab over its report budget', () => {
  it('should keep the log within the budget, and still end on the newest status the agent pushed', async () => {
    const { context, tabStates, log, tabs } = await setUp();
    // The budget's clock stands still while the reports arrive (a busy machine must not end the window early); the held
    // report is applied by a real 200 ms timer.
    const clock = { ...context, now: () => 1_700_000_000_000 };
    const activity = createActivityService(clock, () => tabs.access.allowedSites(), tabStates, { rateWindowMs: 200 });
    const login = report({ kind: 'storage', appId: 'app-1', uid: 'cometchat-uid-1' });

    for (let count = 0; count < RATE_LIMIT; count++) await activity.acceptReport(login, TOP);
    // The app logs out after the budget ran out: the log does not take it, the tab's state must.
    await expect(
      activity.acceptReport(report({ kind: 'storage', appId: 'app-1', uid: null }, { users: [{ appId: 'app-1', uid: null }] }), TOP),
    ).resolves.toBeNull();

    expect((await log.getEvents()).filter((event) => event.tabId === TAB)).toHaveLength(RATE_LIMIT);
    await vi.waitFor(async () => expect((await tabStates.get(TAB))?.agent?.users).toEqual([{ appId: 'app-1', uid: null }]), { timeout: 2_000 });
    expect((await log.getEvents()).filter((event) => event.tabId === TAB)).toHaveLength(RATE_LIMIT);
  });
});

describe('a tab whose site the tester allows', () => {
  it('should be pushed as allowed with no agent yet, though the browser hid its address until then', async () => {
    const background = createMemoryBackground();
    await background.profiles.saveProfile(PROFILE);
    background.tabs.open(TAB, ORIGIN);
    const view = background.connectView('devtools-panel.html');
    let tabs: ReadonlyMap<number, TabState> = new Map();
    view.onTabs((next) => (tabs = next));
    await view.request('getEvents', {});
    expect(tabs.get(TAB)).toBeUndefined();

    background.tabs.allow(ORIGIN);
    await background.tabStates.sitesChanged();

    await vi.waitFor(() => expect(tabs.get(TAB)).toMatchObject({ tabId: TAB, origin: ORIGIN, allowed: true, agent: null }));
  });
});
