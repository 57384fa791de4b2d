import { describe, expect, it } from 'vitest';
import { CometChatException } from '@/lib/cometchat/exception';
import { PIN_KEY } from '@/lib/page/reports';
import { writePin } from '@/lib/page/pin-functions';
import type { InspectedWindow } from '@/lib/page/inspected-window';
import { writeSession } from '@/lib/page/page-storage';
import type { StoredPinnedTab } from '@/lib/store/schema';
import type { BackgroundContext } from '@/lib/background/context';
import { createFakeInspectedWindow, sdkEncode, sessionStorageUid } from '../fakes/fake-inspected-window';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';

const ORIGIN = 'http://127.0.0.1:5173';
const TAB = 7;
const MOVED = 'http://127.0.0.1:4000';
/** Stores pin records as the background does, in a commit: what it keeps in memory of them follows. */
const storePins = (context: BackgroundContext, pins: StoredPinnedTab[]) =>
  context.command((commit) => commit(async ({ meta }) => (await meta.setPinnedTabs(pins), { value: null })));
const OFFLINE = () => new CometChatException({ code: 'FAILED_TO_FETCH', message: 'offline', details: {} });

async function setUp(page: Parameters<typeof createFakeInspectedWindow>[0] = {}) {
  const background = createMemoryBackground();
  const profile = await background.profiles.saveProfile(PROFILE);
  const window = watchSessionWrites(createFakeInspectedWindow({ origin: ORIGIN, ...page }));
  background.tabs.open(TAB, ORIGIN, window);
  background.tabs.allow(ORIGIN);
  return { ...background, profile, page: window.page, written: window.written, stallWrites: window.stallWrites };
}

/** The page's window, noting each token a session write carries (`writeSession(origin, slot, user, settings)`); after `stallWrites()` such a write never returns. */
function watchSessionWrites(window: ReturnType<typeof createFakeInspectedWindow>) {
  const written: string[] = [];
  let isStalled = false;
  const run: InspectedWindow['run'] = (fn, ...args) => {
    if (fn === (writeSession as unknown)) {
      written.push(String((args[2] as { authToken?: unknown }).authToken));
      if (isStalled) return new Promise(() => undefined);
    }
    return window.inspected.run(fn, ...args);
  };
  return { ...window, inspected: { ...window.inspected, run }, written, stallWrites: () => (isStalled = true) };
}

/** A pin as a past pinning left it in storage. */
function storedPin(profileId: string, fields: Partial<StoredPinnedTab> = {}): StoredPinnedTab {
  return { tabId: TAB, origin: ORIGIN, profileId, appId: PROFILE.appId, uid: 'cometchat-uid-2', name: 'George Alan', pinnedAt: 1, ...fields };
}

const PIN_REQUEST = { tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true };

describe('pinning a tab to a user', () => {
  it('should refuse a tab its page agent does not run in, and leave the tab unpinned', async () => {
    const background = await setUp();
    const { page } = background;

    await expect(
      background.pins.pinTab({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'devtools-panel'),
    ).rejects.toMatchObject({
      code: 'ERR_PAGE_NOT_WATCHED',
    });

    expect(page.sessionStorage.getItem(PIN_KEY)).toBeNull();
    expect((await background.context.snapshot()).pinnedTabs).toEqual([]);
    expect(await background.tabStates.get(TAB)).toMatchObject({ tabId: TAB, origin: ORIGIN, agent: null });
  });

  it('should ask for the tester’s yes for the site before it writes a pin', async () => {
    const { pins, page } = await setUp();

    await expect(pins.pinTab({ tabId: TAB, target: { uid: 'cometchat-uid-2' } }, 'devtools-panel')).rejects.toMatchObject({
      code: 'ERR_PAGE_CONSENT_REQUIRED',
    });
    expect(page.sessionStorage.getItem(PIN_KEY)).toBeNull();
  });

  it('should record the pin with its own token, open, once the page runs it', async () => {
    const { pins, store, fake, profile, written } = await setUp({ hasAgent: true });

    const outcome = await pins.pinTab(PIN_REQUEST, 'devtools-panel');

    expect(outcome.user.uid).toBe('cometchat-uid-2');
    expect(await store.read(({ meta }) => meta.pinnedTabs())).toEqual([
      { ...storedPin(profile.id, { pinnedAt: expect.any(Number) }), authToken: written[0] },
    ]);
    await expect(fake.clientFor(PROFILE.appId).getMe(written[0]!)).resolves.toMatchObject({ uid: 'cometchat-uid-2' });
  });

  it("should pin an app in session storage mode in the tab's own sessionStorage, where its SDK reads", async () => {
    const userKey = `${PROFILE.appId}:common_store/user`;
    const { pins, page } = await setUp({ hasAgent: true, sdkUid: sessionStorageUid });
    page.sessionStorage.setItem(`${PROFILE.appId}:common_store/appId`, sdkEncode(PROFILE.appId));
    page.sessionStorage.setItem(userKey, sdkEncode({ uid: 'cometchat-uid-3', authToken: 'its-own' }));

    const outcome = await pins.pinTab(PIN_REQUEST, 'devtools-panel');

    expect(outcome.user.uid).toBe('cometchat-uid-2');
    expect(sessionStorageUid(page)).toBe('cometchat-uid-2');
    expect(page.localStorage.getItem(userKey)).toBeNull();
  });

  it('should re-pin a pinned tab that is switched to another user: the record, its token and the page agree, the old token ends', async () => {
    const { pins, store, fake, profile, written, connectView } = await setUp({ hasAgent: true });
    await pins.pinTab(PIN_REQUEST, 'devtools-panel');

    // "Apply to this tab" on the pinned tab: a page switch without a slot.
    const outcome = await connectView().request('switchPage', { tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-3' }, consent: true });

    expect(outcome).toMatchObject({ user: { uid: 'cometchat-uid-3' } });
    expect(await store.read(({ meta }) => meta.pinnedTabs())).toEqual([
      { ...storedPin(profile.id, { uid: 'cometchat-uid-3', name: 'Nancy Grace', pinnedAt: expect.any(Number) }), authToken: written[1] },
    ]);
    await expect(fake.clientFor(PROFILE.appId).getMe(written[0]!)).rejects.toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
  });

  it('should record the token before the page gets it, so that a start after a worker stop offers it for revoking', async () => {
    const background = await setUp({ hasAgent: true });
    background.stallWrites();

    // The worker stops while the token is being written into the page: the pinning never ends.
    void background.pins.pinTab(PIN_REQUEST, 'devtools-panel');
    await expect.poll(() => background.written.length).toBe(1);
    expect(await background.store.read(({ meta }) => meta.pinnedTabs())).toEqual([
      expect.objectContaining({ tabId: TAB, uid: 'cometchat-uid-2', authToken: background.written[0], pending: true }),
    ]);
    const restarted = background.restart();
    await restarted.pins.closeLostPins();

    const closedPins = (await restarted.context.snapshot()).pinnedTabs;
    expect(closedPins).toEqual([expect.objectContaining({ tabId: TAB, uid: 'cometchat-uid-2', canRevoke: true, closedAt: expect.any(Number) })]);
    await expect(restarted.pins.forgetClosedPin({ tabId: TAB, pinnedAt: closedPins[0]!.pinnedAt, revoke: true })).resolves.toEqual({ revoked: true });
    await expect(background.fake.clientFor(PROFILE.appId).getMe(background.written[0]!)).rejects.toMatchObject({
      code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
    });
  });

  it('should drop the record and revoke the token when the page does not take the user', async () => {
    const { pins, store, fake, page, written } = await setUp({ hasAgent: true, sdkUid: () => 'cometchat-uid-9' });

    await expect(pins.pinTab(PIN_REQUEST, 'devtools-panel')).rejects.toMatchObject({ code: 'ERR_PAGE_SWITCH_NOT_VERIFIED' });

    expect(await store.read(({ meta }) => meta.pinnedTabs())).toEqual([]);
    await expect(fake.clientFor(PROFILE.appId).getMe(written[0]!)).rejects.toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
    expect(page.sessionStorage.getItem(PIN_KEY)).toBeNull();
  });

  it('should keep a failed pin’s token offered for revoking when CometChat cannot be told to end it', async () => {
    const { pins, fake, written, context } = await setUp({ hasAgent: true, sdkUid: () => 'cometchat-uid-9' });
    fake.failNextLogout(OFFLINE());

    await expect(pins.pinTab(PIN_REQUEST, 'devtools-panel')).rejects.toMatchObject({ code: 'ERR_PAGE_SWITCH_NOT_VERIFIED' });

    expect((await context.snapshot()).pinnedTabs).toEqual([
      expect.objectContaining({ uid: 'cometchat-uid-2', canRevoke: true, closedAt: expect.any(Number) }),
    ]);
    await expect(fake.clientFor(PROFILE.appId).getMe(written[0]!)).resolves.toMatchObject({ uid: 'cometchat-uid-2' });
  });
});

describe('pins when the background starts', () => {
  it('should close the pins whose tab is gone or shows another site, and keep the pin whose tab is still there', async () => {
    const background = await setUp();
    const { store, profile, tabs } = background;
    tabs.open(9, 'http://127.0.0.1:4000');
    tabs.allow('http://127.0.0.1:4000');
    await storePins(background.context, [
      storedPin(profile.id, { authToken: 'token-of-tab-7' }),
      // Tab 8 is gone; tab 9's id was reused by another site after a browser restart.
      storedPin(profile.id, { tabId: 8, authToken: 'token-of-tab-8' }),
      storedPin(profile.id, { tabId: 9, authToken: 'token-of-tab-9' }),
    ]);

    await background.restart().pins.closeLostPins();

    const stored = await store.read(({ meta }) => meta.pinnedTabs());
    expect(stored.map(({ tabId, closedAt }) => ({ tabId, isClosed: closedAt !== undefined }))).toEqual([
      { tabId: TAB, isClosed: false },
      { tabId: 8, isClosed: true },
      { tabId: 9, isClosed: true },
    ]);
    expect((await background.context.snapshot()).pinnedTabs.filter((pin) => pin.closedAt)).toEqual([
      expect.objectContaining({ tabId: 8, canRevoke: true }),
      expect.objectContaining({ tabId: 9, canRevoke: true }),
    ]);
  });
});

describe("pinning with the tester's yes, tied to the origin the question named", () => {
  it.each([
    ['pinTab', 'to writing into the site', { consent: true }],
    ['pinTab', "to sharing the extension's token", { shareToken: true }],
    ['openPinnedTab', 'to writing into the site', { consent: true }],
    ['openPinnedTab', "to sharing the extension's token", { shareToken: true }],
  ] as const)('should refuse %s with a yes %s that names no origin, before anything is written or opened', async (operation, _name, answer) => {
    const { pins, page, pageOperations, tabs } = await setUp();

    await expect(pins[operation]({ tabId: TAB, target: { uid: 'cometchat-uid-2' }, ...answer }, 'devtools-panel')).rejects.toMatchObject({
      code: 'ERR_PAGE_ORIGIN_CHANGED',
    });

    expect(page.sessionStorage.getItem(PIN_KEY)).toBeNull();
    expect(tabs.created).toEqual([]);
    expect((await pageOperations.listAllowedSites())[0]!.consents).toEqual([]);
  });

  it('should not pin the page a tab navigated to between the background looking at it and writing the pin', async () => {
    const { pins, tabs } = await setUp();
    tabs.allow(MOVED);
    const moved = tabs.navigateBefore(TAB, writePin, MOVED);

    await expect(
      pins.pinTab({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'devtools-panel'),
    ).rejects.toMatchObject({ code: 'ERR_PAGE_ORIGIN_CHANGED', details: { expected: ORIGIN, now: MOVED } });

    expect(moved.page.sessionStorage.getItem(PIN_KEY)).toBeNull();
    expect(moved.page.reloads).toBe(0);
  });
});

describe('unpinning a tab', () => {
  it("should put the tab back on the site's shared session and end the pin's token", async () => {
    const { pins, fake, page, written, context } = await setUp({ hasAgent: true });
    await pins.pinTab(PIN_REQUEST, 'devtools-panel');

    await expect(pins.unpinTab({ tabId: TAB, origin: ORIGIN, revokeToken: true }, 'popup')).resolves.toEqual({
      tokenRevoked: true,
      keptOwnSession: false,
    });

    expect(page.sessionStorage.getItem(PIN_KEY)).toBeNull();
    expect((await context.snapshot()).pinnedTabs).toEqual([]);
    await expect(fake.clientFor(PROFILE.appId).getMe(written[0]!)).rejects.toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
  });

  it('should leave a tab of an app in session storage mode running its own session, its token alive', async () => {
    const { pins, fake, page, written, context } = await setUp({ hasAgent: true, sdkUid: sessionStorageUid });
    page.sessionStorage.setItem(`${PROFILE.appId}:common_store/appId`, sdkEncode(PROFILE.appId));
    page.sessionStorage.setItem(`${PROFILE.appId}:common_store/user`, sdkEncode({ uid: 'cometchat-uid-3', authToken: 'its-own' }));
    await pins.pinTab(PIN_REQUEST, 'devtools-panel');

    await expect(pins.unpinTab({ tabId: TAB, origin: ORIGIN, revokeToken: true }, 'popup')).resolves.toEqual({
      tokenRevoked: null,
      keptOwnSession: true,
    });

    expect(page.sessionStorage.getItem(PIN_KEY)).toBeNull();
    expect(sessionStorageUid(page)).toBe('cometchat-uid-2');
    expect((await context.snapshot()).pinnedTabs).toEqual([]);
    await expect(fake.clientFor(PROFILE.appId).getMe(written[0]!)).resolves.toMatchObject({ uid: 'cometchat-uid-2' });
  });
});

describe('a pinned tab that closes', () => {
  it('should offer its token for revoking, revoke it on request with its own app, and forget it', async () => {
    const { pins, profile, fake, context } = await setUp();
    // A token CometChat minted for the tab (the fake server knows it).
    const { authToken } = await fake.clientFor(PROFILE.appId).login('cometchat-uid-2', PROFILE.authKey);
    await storePins(context, [
      {
        tabId: TAB,
        origin: ORIGIN,
        profileId: profile.id,
        appId: PROFILE.appId,
        uid: 'cometchat-uid-2',
        name: 'George Alan',
        pinnedAt: 1,
        authToken,
      },
    ]);

    await pins.tabClosed(TAB);
    const closedPins = (await context.snapshot()).pinnedTabs;

    expect(closedPins).toEqual([expect.objectContaining({ tabId: TAB, uid: 'cometchat-uid-2', canRevoke: true, closedAt: expect.any(Number) })]);
    expect(JSON.stringify(closedPins)).not.toContain(authToken);
    await expect(pins.forgetClosedPin({ tabId: TAB, pinnedAt: 1, revoke: true })).resolves.toEqual({ revoked: true });
    await expect(fake.clientFor(PROFILE.appId).getMe(authToken)).rejects.toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
    expect((await context.snapshot()).pinnedTabs).toEqual([]);
    await expect(pins.forgetClosedPin({ tabId: TAB, pinnedAt: 1 })).rejects.toMatchObject({ code: 'ERR_PIN_NOT_FOUND' });
  });

  it('should forget the pins of an app that is deleted', async () => {
    const { profile, profiles, context } = await setUp();
    await storePins(context, [
      { tabId: TAB, origin: ORIGIN, profileId: profile.id, appId: PROFILE.appId, uid: 'u', name: 'U', pinnedAt: 1, authToken: 't', closedAt: 2 },
    ]);

    await profiles.deleteProfile(profile.id);

    expect((await context.snapshot()).pinnedTabs).toEqual([]);
  });
});

describe('pinned tokens when their records go', () => {
  async function setUpWithPinnedTokens() {
    const background = await setUp();
    const login = () => background.fake.clientFor(PROFILE.appId).login('cometchat-uid-2', PROFILE.authKey);
    const [open, closedTab] = [(await login()).authToken, (await login()).authToken];
    await storePins(background.context, [
      storedPin(background.profile.id, { authToken: open }),
      storedPin(background.profile.id, { tabId: 8, authToken: closedTab, closedAt: 2 }),
    ]);
    const isKnown = (token: string) =>
      background.fake
        .clientFor(PROFILE.appId)
        .getMe(token)
        .then(
          () => true,
          () => false,
        );
    return { ...background, tokens: [open, closedTab], isKnown };
  }

  it.each([
    ['deleting the app', (background: Awaited<ReturnType<typeof setUpWithPinnedTokens>>) => background.profiles.deleteProfile(background.profile.id)],
    ['resetting storage', (background: Awaited<ReturnType<typeof setUpWithPinnedTokens>>) => background.log.resetStorage()],
  ])('should revoke the pinned tabs’ tokens with their app when %s', async (_case, forget) => {
    const background = await setUpWithPinnedTokens();

    await expect(forget(background)).resolves.toEqual({ unrevoked: [] });

    expect(await Promise.all(background.tokens.map(background.isKnown))).toEqual([false, false]);
    expect(await background.store.read(({ meta }) => meta.pinnedTabs())).toEqual([]);
  });

  it.each([
    ['deleting the app', (background: Awaited<ReturnType<typeof setUpWithPinnedTokens>>) => background.profiles.deleteProfile(background.profile.id)],
    ['resetting storage', (background: Awaited<ReturnType<typeof setUpWithPinnedTokens>>) => background.log.resetStorage()],
  ])('should say which pinned tokens it could not revoke when %s offline', async (_case, forget) => {
    const background = await setUpWithPinnedTokens();
    background.fake.failNextLogout(OFFLINE());

    const { unrevoked } = await forget(background);

    expect(unrevoked).toHaveLength(1);
    expect(unrevoked[0]).toMatchObject({ uid: 'cometchat-uid-2', origin: ORIGIN, appId: PROFILE.appId });
    for (const token of background.tokens) expect(JSON.stringify(unrevoked)).not.toContain(token);
    expect((await Promise.all(background.tokens.map(background.isKnown))).filter(Boolean)).toHaveLength(1);
  });
});
