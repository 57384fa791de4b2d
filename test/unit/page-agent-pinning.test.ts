import { createContext, runInContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { startPageAgent } from '@/lib/page/agent/agent';
import { EXTENSION_KEY_PREFIX, PIN_KEY, PINNED_PREFIX } from '@/lib/page/reports';
import { readSessions } from '@/lib/page/page-storage';
import type { PageInspection } from '@/lib/page/page-types';
import { createFakeWindow, createOrigin, listenAsRelay, sdkEncode, statusOf, type PageWindow } from './page-agent-fakes';

const APP = 'app-1';
const USER_KEY = `${APP}:common_store/user`;
const SETTINGS_KEY = `${APP}:common_store/app_settings`;
const DEVICE_KEY = `${APP}:keys_store/deviceId`;
const PIN = { uid: 'cometchat-uid-2', pinnedAt: 1_700_000_000_000 };
const user = (uid: string) => sdkEncode({ uid, authToken: `${uid}_token` });

/** Two tabs of one origin, each running the agent: the first pinned, the second not. */
function twoTabs({ pin = JSON.stringify(PIN) }: { pin?: string } = {}) {
  const origin = createOrigin();
  // The origin's shared storage as the unpinned tabs left it: uid-1 logged in, and an app key of the page.
  origin.items.set(USER_KEY, user('cometchat-uid-1'));
  origin.items.set(SETTINGS_KEY, sdkEncode({ CLIENT_API_HOST: 'shared' }));
  origin.items.set('theme', 'dark');
  const pinned = createFakeWindow({ origin, session: { [PIN_KEY]: pin } });
  const unpinned = createFakeWindow({ origin });
  const { getItem, key } = unpinned.window.Storage.prototype;
  const browserReads = { getItem, key, length: Object.getOwnPropertyDescriptor(unpinned.window.Storage.prototype, 'length')!.get };
  startPageAgent(pinned.window);
  startPageAgent(unpinned.window);
  return {
    origin,
    pinned: { ...pinned, ...listenAsRelay(pinned.window) },
    unpinned: { ...unpinned, ...listenAsRelay(unpinned.window), browserReads },
  };
}

/** Every key the page sees in `localStorage`, listed as the SDK lists on logout. */
function listedKeys(window: PageWindow) {
  const keys: string[] = [];
  for (let index = 0; index < window.localStorage.length; index++) keys.push(window.localStorage.key(index)!);
  return keys;
}

/** What the SDK does on logout: list its app's keys, then remove them. */
function sdkLogout(window: PageWindow) {
  for (const key of listedKeys(window).filter((key) => key.startsWith(`${APP}:`))) window.localStorage.removeItem(key);
}

describe('a pinned tab', () => {
  it('should keep its own user while another tab of the origin logs in as someone else', () => {
    const { pinned, unpinned, origin } = twoTabs();

    pinned.local.setItem(USER_KEY, user('cometchat-uid-2'));
    unpinned.local.setItem(USER_KEY, user('cometchat-uid-3'));

    expect(JSON.parse(JSON.parse(pinned.local.getItem(USER_KEY)!)).uid).toBe('cometchat-uid-2');
    expect(JSON.parse(JSON.parse(unpinned.local.getItem(USER_KEY)!)).uid).toBe('cometchat-uid-3');
    expect(pinned.session.getItem(PINNED_PREFIX + USER_KEY)).toBe(user('cometchat-uid-2'));
    expect(origin.items.get(USER_KEY)).toBe(user('cometchat-uid-3'));
  });

  it('should start without the shared CometChat keys, and report and keep its own login as its own', () => {
    const { pinned } = twoTabs();

    expect(pinned.local.getItem(USER_KEY)).toBeNull();
    pinned.local.setItem(USER_KEY, user('cometchat-uid-2'));

    expect(pinned.reports[0]!.status).toMatchObject({ users: [], pin: PIN });
    expect(pinned.activities()[1]).toEqual({ kind: 'storage', appId: APP, uid: 'cometchat-uid-2' });
    expect(statusOf(pinned.window).users).toEqual([{ appId: APP, uid: 'cometchat-uid-2' }]);
  });

  it('should list the keys the page can read: the shared ones but CometChat’s, and its own CometChat keys', () => {
    const { pinned } = twoTabs();
    pinned.local.setItem(USER_KEY, user('cometchat-uid-2'));
    pinned.local.setItem(DEVICE_KEY, '"device"');

    const keys = listedKeys(pinned.window);

    expect(keys.sort()).toEqual([USER_KEY, DEVICE_KEY, 'theme']);
    expect(keys.map((key) => pinned.local.getItem(key))).not.toContain(null);
    expect(pinned.local.key(keys.length)).toBeNull();
    expect(pinned.local.key(-1)).toBeNull();
  });

  it('should log out of its own session only, leaving the other tab logged in', () => {
    const { pinned, unpinned, origin } = twoTabs();
    pinned.local.setItem(USER_KEY, user('cometchat-uid-2'));
    pinned.local.setItem(DEVICE_KEY, '"device"');

    sdkLogout(pinned.window);

    expect(listedKeys(pinned.window)).toEqual(['theme']);
    expect(pinned.activities().at(-1)).toEqual({ kind: 'storage', appId: APP, uid: null });
    expect(JSON.parse(JSON.parse(unpinned.local.getItem(USER_KEY)!)).uid).toBe('cometchat-uid-1');
    expect([...origin.items.keys()].sort()).toEqual([SETTINGS_KEY, USER_KEY, 'theme']);
  });

  it('should see a key it writes in the very turn it lists, and another tab’s key from the next turn', async () => {
    const { pinned, unpinned } = twoTabs();
    expect(pinned.local.length).toBe(1);

    pinned.local.setItem('draft', 'x');
    expect(pinned.local.length).toBe(2);
    unpinned.local.setItem('other-tab', 'y');
    await Promise.resolve();

    expect(listedKeys(pinned.window).sort()).toEqual(['draft', 'other-tab', 'theme']);
  });

  it('should list the keys once per turn however often the page walks them', async () => {
    const origin = createOrigin();
    for (let index = 0; index < 200; index++) origin.items.set(`key-${index}`, 'x');
    const tab = createFakeWindow({ origin, session: { [PIN_KEY]: JSON.stringify(PIN) } });
    const { key } = tab.window.Storage.prototype;
    let reads = 0;
    tab.window.Storage.prototype.key = function (this: Storage, index: number) {
      reads++;
      return key.call(this, index);
    };
    startPageAgent(tab.window);
    await Promise.resolve();
    reads = 0;

    listedKeys(tab.window);
    listedKeys(tab.window);
    expect(reads).toBe(201);
    await Promise.resolve();
    listedKeys(tab.window);

    expect(reads).toBe(402);
  });

  it('should not hear other tabs change CometChat’s keys, and hear them change the others', () => {
    const { pinned, unpinned } = twoTabs();
    const heard: (string | null)[] = [];
    pinned.window.addEventListener('storage', (event) => heard.push(event.key));
    pinned.focus(false);

    unpinned.local.removeItem(USER_KEY);
    unpinned.local.setItem('theme', 'light');
    unpinned.local.clear();

    expect(heard).toEqual(['theme', null]);
    expect(statusOf(pinned.window).users).toEqual([]);
  });

  it('should clear what the page sees, and keep its pin and other tabs’ sessions', () => {
    const { pinned, origin } = twoTabs();
    pinned.local.setItem(USER_KEY, user('cometchat-uid-2'));
    pinned.session.setItem('wizard-step', '3');

    pinned.session.clear();
    expect([pinned.session.getItem('wizard-step'), pinned.session.getItem(PIN_KEY), pinned.local.getItem(USER_KEY)]).toEqual([
      null,
      JSON.stringify(PIN),
      user('cometchat-uid-2'),
    ]);
    pinned.local.clear();

    expect([pinned.local.length, pinned.local.getItem(USER_KEY)]).toEqual([0, null]);
    expect([...origin.items.keys()].sort()).toEqual([SETTINGS_KEY, USER_KEY]);
    expect(pinned.activities().at(-1)).toEqual({ kind: 'storage', appId: APP, uid: null });
  });
});

/** What the extension's page read (`readSessions`, sent as source like DevTools' eval) finds in the tab. */
const readSessionsIn = (window: PageWindow) =>
  runInContext(`(${readSessions.toString()})(${JSON.stringify(EXTENSION_KEY_PREFIX)})`, createContext(window)) as PageInspection;

describe("the extension's read of a pinned tab", () => {
  it("should show the tab's own session as the only app, not the origin's shared one, nor its pinned keys as an app", () => {
    const { pinned } = twoTabs();
    pinned.local.setItem(USER_KEY, user('cometchat-uid-2'));

    const { sessions } = readSessionsIn(pinned.window);

    expect(sessions.map((session) => [session.storage, session.appId, session.user?.uid])).toEqual([['localStorage', APP, 'cometchat-uid-2']]);
  });
});

describe('an unpinned tab', () => {
  it('should use the real localStorage, hear every other tab, and run the browser’s own reads', () => {
    const { pinned, unpinned, origin } = twoTabs();
    const heard: (string | null)[] = [];
    unpinned.window.addEventListener('storage', (event) => heard.push(event.key));
    const prototype = unpinned.window.Storage.prototype;

    pinned.local.setItem(USER_KEY, user('cometchat-uid-2'));
    pinned.local.setItem('theme', 'light');

    expect(heard).toEqual(['theme']);
    expect(listedKeys(unpinned.window)).toEqual([...origin.items.keys()]);
    expect(unpinned.local.getItem(USER_KEY)).toBe(user('cometchat-uid-1'));
    expect(prototype.getItem).toBe(unpinned.browserReads.getItem);
    expect(prototype.key).toBe(unpinned.browserReads.key);
    expect(Object.getOwnPropertyDescriptor(prototype, 'length')!.get).toBe(unpinned.browserReads.length);
    expect(statusOf(unpinned.window).pin).toBeNull();
  });

  it.each([
    ['not JSON', '{'],
    ['no uid', JSON.stringify({ pinnedAt: 1 })],
    ['no time', JSON.stringify({ uid: 'cometchat-uid-2' })],
    ['null', 'null'],
  ])('should treat a pin it cannot read (%s) as no pin', (_, pin) => {
    const { pinned, origin } = twoTabs({ pin });

    pinned.local.setItem(USER_KEY, user('cometchat-uid-2'));

    expect(origin.items.get(USER_KEY)).toBe(user('cometchat-uid-2'));
    expect(statusOf(pinned.window).pin).toBeNull();
  });
});
