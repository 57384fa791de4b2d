import { describe, expect, it } from 'vitest';
import { startPageAgent } from '@/lib/page/agent/agent';
import { AGENT_GLOBAL, AGENT_HELLO_EVENT, AGENT_REPORT_EVENT, RELAY_READY_EVENT } from '@/lib/page/reports';
import { REPORT_BUFFER_LIMIT } from '@/lib/page/agent/report-channel';
import { UNREADABLE_UID } from '@/lib/page/agent/stored-user';
import { writeRawSlot, writeSession } from '@/lib/page/page-storage';
import { createFakeWindow, createOrigin, listenAsRelay, sdkEncode, statusOf } from './page-agent-fakes';

const APP = 'app-1';
const ORIGIN = 'http://127.0.0.1:5173';
const USER_KEY = `${APP}:common_store/user`;
const user = (uid: string) => sdkEncode({ uid, name: uid.toUpperCase(), authToken: `${uid}_secret-token`, jwt: `${uid}.jwt.secret` });

/** A tab running the agent, with a relay that already listens. */
function startedTab(options: Parameters<typeof createFakeWindow>[0] = {}) {
  const tab = createFakeWindow(options);
  startPageAgent(tab.window);
  return { ...tab, ...listenAsRelay(tab.window) };
}

describe('starting the agent', () => {
  it('should say hello, keep its reports until the relay listens, then send them in order', () => {
    const tab = createFakeWindow();
    const heard: string[] = [];
    tab.window.document.addEventListener(AGENT_HELLO_EVENT, () => heard.push('hello'));
    tab.window.document.addEventListener(AGENT_REPORT_EVENT, () => heard.push('report'));

    startPageAgent(tab.window);
    tab.local.setItem(USER_KEY, user('cometchat-uid-1'));
    expect(heard).toEqual(['hello']);

    const relay = listenAsRelay(tab.window);

    expect(relay.activities()).toEqual([{ kind: 'start' }, { kind: 'storage', appId: APP, uid: 'cometchat-uid-1' }]);
  });

  it('should say hello to a relay that started first', () => {
    const tab = createFakeWindow();
    let hellos = 0;
    tab.window.document.addEventListener(AGENT_HELLO_EVENT, () => (hellos++, tab.window.document.dispatchEvent(new CustomEvent(RELAY_READY_EVENT))));
    const reports: unknown[] = [];
    tab.window.document.addEventListener(AGENT_REPORT_EVENT, (event) => reports.push(JSON.parse((event as CustomEvent).detail)));

    startPageAgent(tab.window);

    expect(hellos).toBe(1);
    expect(reports).toEqual([{ activity: { kind: 'start' }, status: expect.any(Object) }]);
  });

  it('should keep only the latest reports while no relay listens', () => {
    const tab = createFakeWindow();
    startPageAgent(tab.window);
    for (let index = 0; index < REPORT_BUFFER_LIMIT + 10; index++) tab.local.setItem(USER_KEY, user(`uid-${index}`));

    const { activities } = listenAsRelay(tab.window);

    expect(activities()).toHaveLength(REPORT_BUFFER_LIMIT);
    expect(activities().at(-1)).toEqual({ kind: 'storage', appId: APP, uid: `uid-${REPORT_BUFFER_LIMIT + 9}` });
  });

  it('should do nothing when started a second time in the same window', () => {
    const tab = startedTab();
    const patched = tab.window.Storage.prototype.setItem;

    startPageAgent(tab.window);
    tab.local.setItem(USER_KEY, user('cometchat-uid-1'));

    expect(tab.window.Storage.prototype.setItem).toBe(patched);
    expect(tab.activities()).toEqual([{ kind: 'start' }, { kind: 'storage', appId: APP, uid: 'cometchat-uid-1' }]);
  });

  it('should leave its status on window, hidden, frozen and as a copy', () => {
    const tab = startedTab();

    expect(Object.keys(tab.window)).not.toContain(AGENT_GLOBAL);
    expect(Object.isFrozen((tab.window as any)[AGENT_GLOBAL])).toBe(true);
    expect(() => ((tab.window as any)[AGENT_GLOBAL] = null)).toThrow();
    const status = statusOf(tab.window);
    expect(status).toEqual({ sdkVersion: null, hasGlobalSdk: false, users: [], stored: [], sessionStorageApps: [], socket: null, pin: null });
    status.users.push({ appId: 'x', uid: 'y' });
    expect(structuredClone(statusOf(tab.window))).toEqual({
      sdkVersion: null,
      hasGlobalSdk: false,
      users: [],
      stored: [],
      sessionStorageApps: [],
      socket: null,
      pin: null,
    });
  });
});

describe("the page's own logins and logouts", () => {
  it('should know the user stored when the page started, in either storage', () => {
    const origin = createOrigin();
    origin.items.set(USER_KEY, user('cometchat-uid-1'));
    const tab = startedTab({ origin, session: { 'app-2:common_store/user': user('cometchat-uid-2') } });

    expect(tab.reports[0]!.status.users).toEqual([
      { appId: APP, uid: 'cometchat-uid-1' },
      { appId: 'app-2', uid: 'cometchat-uid-2' },
    ]);
  });

  it('should report a login and a logout, and not the SDK rewriting the same user', () => {
    const tab = startedTab();

    tab.local.setItem(USER_KEY, user('cometchat-uid-1'));
    tab.local.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1', name: 'New name' }));
    tab.local.removeItem(USER_KEY);
    tab.local.removeItem(USER_KEY);

    expect(tab.activities()).toEqual([
      { kind: 'start' },
      { kind: 'storage', appId: APP, uid: 'cometchat-uid-1' },
      { kind: 'storage', appId: APP, uid: null },
    ]);
    expect(tab.reports[1]!.status.users).toEqual([{ appId: APP, uid: 'cometchat-uid-1' }]);
    expect(statusOf(tab.window).users).toEqual([{ appId: APP, uid: null }]);
    expect(JSON.stringify(tab.reports)).not.toMatch(/secret|jwt/);
  });

  it.each([
    ['a value that is not JSON', '{"uid":'],
    ['single JSON', JSON.stringify({ uid: 'cometchat-uid-1' })],
    ['a user without a uid', sdkEncode({ name: 'Nobody' })],
    ['a number for the uid', sdkEncode({ uid: 7 })],
  ])('should report a stored user it cannot read (%s) as "?"', (_, raw) => {
    const tab = startedTab();

    tab.local.setItem(USER_KEY, raw);

    expect(tab.activities()[1]).toEqual({ kind: 'storage', appId: APP, uid: UNREADABLE_UID });
  });

  it('should report a logout when the page clears its storage', () => {
    const tab = startedTab();
    tab.session.setItem(USER_KEY, user('cometchat-uid-1'));

    tab.session.clear();

    expect(tab.activities().slice(1)).toEqual([
      { kind: 'storage', appId: APP, uid: 'cometchat-uid-1' },
      { kind: 'storage', appId: APP, uid: null },
    ]);
  });

  it("should not report other keys, the agent's own keys or storages that are not the window's", () => {
    const tab = startedTab();
    const detached = new (tab.window.Storage as unknown as new (items: Map<string, string>) => Storage)(new Map());

    tab.local.setItem(`${APP}:common_store/app_settings`, sdkEncode({}));
    tab.session.setItem(`__cometchat_inspector:pinned:${USER_KEY}`, user('cometchat-uid-1'));
    detached.setItem(USER_KEY, user('cometchat-uid-1'));

    expect(tab.activities()).toEqual([{ kind: 'start' }]);
  });

  it("should report the extension's own writes (a page switch, a page logout) as status updates, not as the app's", () => {
    const tab = startedTab();
    const slot = { storage: 'localStorage' as const, appId: APP };
    // The page functions run in the page's main world, as `scripting.executeScript` runs them.
    inPage({ window: tab.window, location: { origin: ORIGIN } }, () => {
      writeSession(ORIGIN, slot, { uid: 'cometchat-uid-2', name: 'George Alan' }, null);
      expect(statusOf(tab.window).users).toEqual([{ appId: APP, uid: 'cometchat-uid-2' }]);
      writeRawSlot(ORIGIN, slot, { user: null, appSettings: null });
      expect(statusOf(tab.window).users).toEqual([{ appId: APP, uid: null }]);
      expect(statusOf(tab.window).stored).toEqual([{ appId: APP, uid: null }]);
    });
    expect(tab.activities()).toEqual([{ kind: 'start' }, { kind: 'status' }, { kind: 'status' }]);

    tab.local.setItem(USER_KEY, user('cometchat-uid-3'));

    expect(tab.activities().at(-1)).toEqual({ kind: 'storage', appId: APP, uid: 'cometchat-uid-3' });
  });

  it("should give the page its own errors and keep Storage's methods looking the same", () => {
    const tab = startedTab();
    const { setItem, removeItem, clear } = tab.window.Storage.prototype;

    expect([setItem.name, setItem.length, removeItem.name, removeItem.length, clear.name, clear.length]).toEqual([
      'setItem',
      2,
      'removeItem',
      1,
      'clear',
      0,
    ]);
    expect(() => setItem.call({}, USER_KEY, 'x')).toThrow();
  });
});

describe("an app in session storage mode (its SDK keeps its session in the tab's sessionStorage)", () => {
  const SESSION_APP = 'app-2';
  const SESSION_USER_KEY = `${SESSION_APP}:common_store/user`;

  it("should tell such an app apart at start, its stored user the tab's own", () => {
    const origin = createOrigin();
    origin.items.set(SESSION_USER_KEY, user('cometchat-uid-3'));
    const tab = startedTab({
      origin,
      session: { [`${SESSION_APP}:common_store/appId`]: sdkEncode(SESSION_APP), [SESSION_USER_KEY]: user('cometchat-uid-2') },
    });

    const status = statusOf(tab.window);
    expect(status.sessionStorageApps).toEqual([SESSION_APP]);
    expect(status.users).toEqual([{ appId: SESSION_APP, uid: 'cometchat-uid-2' }]);
    // The origin's localStorage (another mode's leftover, or another app version's) is not this tab's session.
    expect(status.stored).toEqual([{ appId: SESSION_APP, uid: 'cometchat-uid-2' }]);
  });

  it('should know such an app with nobody logged in: nobody, in its own storage', () => {
    const tab = startedTab({ session: { [`${SESSION_APP}:common_store/appId`]: sdkEncode(SESSION_APP) } });

    expect(statusOf(tab.window)).toMatchObject({ sessionStorageApps: [SESSION_APP], stored: [{ appId: SESSION_APP, uid: null }] });
  });

  it("should learn the mode from the SDK's init, reported once as a status update, then its login as the app's", () => {
    const tab = startedTab();

    tab.session.setItem(`${SESSION_APP}:common_store/appId`, sdkEncode(SESSION_APP));
    tab.session.setItem(`${SESSION_APP}:common_store/app_settings`, sdkEncode({}));
    tab.session.setItem(SESSION_USER_KEY, user('cometchat-uid-4'));

    expect(tab.activities()).toEqual([{ kind: 'start' }, { kind: 'status' }, { kind: 'storage', appId: SESSION_APP, uid: 'cometchat-uid-4' }]);
    expect(statusOf(tab.window)).toMatchObject({ sessionStorageApps: [SESSION_APP], stored: [{ appId: SESSION_APP, uid: 'cometchat-uid-4' }] });
  });

  it("should not follow another tab's localStorage for such an app: no other tab changes its session", () => {
    const origin = createOrigin();
    const other = createFakeWindow({ origin });
    const tab = startedTab({ origin, session: { [SESSION_USER_KEY]: user('cometchat-uid-2') } });
    tab.focus(false);

    other.local.setItem(SESSION_USER_KEY, user('cometchat-uid-5'));

    expect(statusOf(tab.window)).toMatchObject({
      users: [{ appId: SESSION_APP, uid: 'cometchat-uid-2' }],
      stored: [{ appId: SESSION_APP, uid: 'cometchat-uid-2' }],
    });
    expect(tab.activities()).toEqual([{ kind: 'start' }]);
  });
});

describe('other tabs, as the SDK follows them', () => {
  it.each([
    ['another tab logs in, while this one is unfocused', false, null, 'cometchat-uid-2', 'cometchat-uid-2'],
    ['another tab logs out, while this one is unfocused', false, 'cometchat-uid-1', null, null],
    ['another tab logs in, while this one is focused', true, null, 'cometchat-uid-2', 'cometchat-uid-1'],
    ['another tab switches user (the SDK ignores a change)', false, 'cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-1'],
  ])('should follow what the SDK follows: %s', (_, isFocused, before, after, expected) => {
    const origin = createOrigin();
    const other = createFakeWindow({ origin });
    if (before !== null) origin.items.set(USER_KEY, user(before));
    const tab = startedTab({ origin });
    tab.local.setItem(USER_KEY, user('cometchat-uid-1'));
    if (before === null) origin.items.delete(USER_KEY);
    tab.focus(isFocused);

    if (after === null) other.local.removeItem(USER_KEY);
    else other.local.setItem(USER_KEY, user(after));

    expect(statusOf(tab.window).users).toEqual([{ appId: APP, uid: expected }]);
    // What the origin's storage holds now, whether or not the SDK followed: a tab that did not follow runs a stale user.
    expect(statusOf(tab.window).stored).toEqual([{ appId: APP, uid: after }]);
    expect(tab.activities().at(-1)).toEqual({ kind: 'status' });
  });

  it("should not report another tab's rewrite of the same user: only a change of user is news", () => {
    const origin = createOrigin();
    const other = createFakeWindow({ origin });
    origin.items.set(USER_KEY, user('cometchat-uid-1'));
    const tab = startedTab({ origin });
    const before = tab.activities().length;

    // The SDK writes its user key again with every login and settings change.
    other.local.setItem(USER_KEY, user('cometchat-uid-1'));

    expect(tab.activities()).toHaveLength(before);
  });
});

/**
 * Runs `body` with `globals` (the page's `window`, `location`) in place, then puts back exactly what they replaced.
 * Not `vi.unstubAllGlobals()`: that would also take away the fake `browser` and `chrome` the WXT set-up stubbed, from
 * every later test file of the worker (the unit tests share their modules: vitest.config.ts).
 */
function inPage(globals: Record<string, unknown>, body: () => void): void {
  const saved = Object.keys(globals).map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  for (const [name, value] of Object.entries(globals)) Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
  try {
    body();
  } finally {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete (globalThis as Record<string, unknown>)[name];
    }
  }
}
