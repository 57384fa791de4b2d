import { describe, expect, it } from 'vitest';
import { PIN_KEY } from '@/lib/page-agent/reports';
import { writePin } from '@/lib/page-session/pin-storage';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';

const ORIGIN = 'http://127.0.0.1:5173';
const TAB = 7;
const MOVED = 'http://127.0.0.1:4000';

async function setUp() {
  const background = createMemoryBackground();
  const profile = await background.profiles.saveProfile(PROFILE);
  const window = background.tabs.open(TAB, ORIGIN);
  background.tabs.allow(ORIGIN);
  return { ...background, profile, page: window.page };
}

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

describe('a pinned tab that closes', () => {
  it('should offer its token for revoking, revoke it on request with its own app, and forget it', async () => {
    const { pins, store, profile, fake, context } = await setUp();
    // A token CometChat minted for the tab (the fake server knows it).
    const { authToken } = await fake.clientFor(PROFILE.appId).login('cometchat-uid-2', PROFILE.authKey);
    await store.write(({ meta }) =>
      meta.setPinnedTabs([
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
      ]),
    );

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
    const { store, profile, profiles, context } = await setUp();
    await store.write(({ meta }) =>
      meta.setPinnedTabs([
        { tabId: TAB, origin: ORIGIN, profileId: profile.id, appId: PROFILE.appId, uid: 'u', name: 'U', pinnedAt: 1, authToken: 't', closedAt: 2 },
      ]),
    );

    await profiles.deleteProfile(profile.id);

    expect((await context.snapshot()).pinnedTabs).toEqual([]);
  });
});
