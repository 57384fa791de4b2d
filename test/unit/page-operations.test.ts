import { describe, expect, it, vi } from 'vitest';
import { writeRawSlot, writeSession } from '@/lib/page/page-storage';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';
import type { Store } from '@/lib/store/transaction';
import { createFakeInspectedWindow, sdkEncode, sessionStorageUid, type FakePage } from '../fakes/fake-inspected-window';

const APP = PROFILE.appId;
const ORIGIN = 'http://127.0.0.1:5173';
const TAB = 7;
/** Another origin of the same site (allowed with it): where a tab goes between a question and its answer. */
const MOVED = 'http://127.0.0.1:4000';
const USER_KEY = `${APP}:common_store/user`;

/** The background with an app set up, and tab 7 on ORIGIN showing a page of the app logged in as uid-1. */
async function setUp({ allowed = true, page = appPage() } = {}) {
  const background = createMemoryBackground();
  await background.profiles.saveProfile(PROFILE);
  background.tabs.open(TAB, ORIGIN, page);
  if (allowed) background.tabs.allow(ORIGIN);
  return { ...background, page: page.page, operations: background.pageOperations };
}

function appPage(options: Parameters<typeof createFakeInspectedWindow>[0] = {}) {
  const window = createFakeInspectedWindow({ origin: ORIGIN, ...options });
  window.page.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', authToken: 'page-token-1' }));
  return window;
}

/** What reads of `store` ask its repositories from now on, as `repository.method` (`meta.siteConsents`). */
function readsOf(store: Store): string[] {
  const asked: string[] = [];
  const read = store.read.bind(store);
  const watched = <T extends object>(target: T, name: (key: string) => string): T =>
    new Proxy(target, { get: (object, key) => (asked.push(name(String(key))), Reflect.get(object, key)) });
  vi.spyOn(store, 'read').mockImplementation((body) =>
    read((repositories) =>
      body(
        new Proxy(repositories, {
          get: (object, key) => {
            const value: unknown = Reflect.get(object, key);
            return typeof value === 'object' && value !== null ? watched(value, (method) => `${String(key)}.${method}`) : value;
          },
        }),
      ),
    ),
  );
  return asked;
}

const storedUser = (page: FakePage) => {
  const raw = page.localStorage.getItem(USER_KEY);
  return raw === null ? null : (JSON.parse(JSON.parse(raw)) as { uid: string; authToken: string });
};

describe('reading a page from the background', () => {
  it('should refuse without the tester allowing the site, and read it once allowed', async () => {
    const { operations, tabs } = await setUp({ allowed: false });

    await expect(operations.readPage({ tabId: TAB })).rejects.toMatchObject({ code: 'ERR_PAGE_NO_ACCESS' });

    tabs.allow(ORIGIN);
    await expect(operations.readPage({ tabId: TAB })).resolves.toMatchObject({ origin: ORIGIN, sessions: [{ appId: APP }] });
  });

  it("should report the tab's origin, never the one the page claims", async () => {
    const { operations } = await setUp({ page: appPage({ origin: 'https://bank.example' }) });

    await expect(operations.readPage({ tabId: TAB })).resolves.toMatchObject({ origin: ORIGIN });
  });

  it("should not read the extension's own keys in a pinned tab as an app", async () => {
    const page = appPage();
    page.page.sessionStorage.setItem('__cometchat_inspector:pin', JSON.stringify({ uid: 'cometchat-uid-2', pinnedAt: 1 }));
    page.page.sessionStorage.setItem(`__cometchat_inspector:pinned:${USER_KEY}`, sdkEncode({ uid: 'cometchat-uid-2', name: 'George Alan' }));
    const { operations } = await setUp({ page });

    const { sessions } = await operations.readPage({ tabId: TAB });

    expect(sessions.map((session) => `${session.storage} ${session.appId}`)).toEqual([`localStorage ${APP}`]);
  });
});

describe('what a page stores, as a view is shown it', () => {
  it('should bound every page-provided value and never show the page its token or jwt', async () => {
    const hostile = createFakeInspectedWindow({ origin: ORIGIN });
    hostile.page.localStorage.setItem(
      USER_KEY,
      sdkEncode({
        uid: 'u'.repeat(5000),
        name: 'N'.repeat(1_000_000),
        avatar: 'a'.repeat(10_000),
        authToken: 'page-secret-token-1234',
        jwt: 'eyJ.x.y',
        extra: 'x'.repeat(100_000),
      }),
    );
    for (let index = 0; index < 50; index++) hostile.page.sessionStorage.setItem(`app-${index}:common_store/appId`, sdkEncode(`app-${index}`));
    const { operations } = await setUp({ page: hostile });

    const inspection = await operations.readPage({ tabId: TAB });

    expect(inspection.sessions).toHaveLength(20);
    const user = inspection.sessions.find((session) => session.appId === APP)!.user!;
    expect(user).toEqual({ uid: 'u'.repeat(300), name: 'N'.repeat(300), avatar: 'a'.repeat(2000), authToken: '••••••••1234' });
    expect(JSON.stringify(inspection).length).toBeLessThan(20_000);
  });
});

describe('switching a page from the background', () => {
  it("should mark the end of each of the switch's steps, in order, for the background's Performance panel and the bench", async () => {
    const { operations } = await setUp();
    const marks = () =>
      performance
        .getEntriesByType('mark')
        .filter((mark) => mark.name.startsWith('page-switch:'))
        .map((mark) => mark.name.slice('page-switch:'.length));

    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');
    const steps = marks();
    await operations.switchPage({ tabId: TAB, target: { uid: 'cometchat-uid-3' } }, 'popup');

    expect(steps).toEqual(['start', 'open-tab', 'target', 'read-page', 'consent', 'mint', 'write', 'reload', 'verify', 'done']);
    // Only the last switch's: the marks of the one before are cleared when the next starts.
    expect(marks()).toEqual(steps);
  });

  it("should mint the page's token while it reads the page, once the tester's yes is on record", async () => {
    const { operations, fake, tabs, page } = await setUp();
    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');
    fake.calls.length = 0;

    // The page answers no script until the server has been asked for the page's token.
    const release = tabs.holdScripts();
    const switching = operations.switchPage({ tabId: TAB, target: { uid: 'cometchat-uid-3' } }, 'popup');
    await vi.waitFor(() => expect(fake.calls).toEqual(['login cometchat-uid-3']));
    release();

    await expect(switching).resolves.toMatchObject({ user: { uid: 'cometchat-uid-3' } });
    expect(storedUser(page)?.uid).toBe('cometchat-uid-3');
  });

  it("should read nothing but the tester's yes before it asks for the page's token, after the app's own doings", async () => {
    const { operations, fake, context, store } = await setUp();
    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');
    // What the app did by itself as the page loaded (the page agent's reports): its app and pins are as they were.
    await context.record({ at: 1, type: 'pageActivity', appId: APP, source: 'page-agent', target: 'app', durationMs: 0 });
    const read = readsOf(store);

    // The pins, the active app and the yes on record were three IndexedDB reads in a row (~2 ms each) before the
    // server was asked; the first two come from the state the background last read.
    const release = fake.holdLogins();
    const switching = operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-3' } }, 'popup');
    await vi.waitFor(() => expect(fake.calls).toContain('login cometchat-uid-3'));
    expect(new Set(read)).toEqual(new Set(['meta.siteConsents']));
    release();

    await expect(switching).resolves.toMatchObject({ user: { uid: 'cometchat-uid-3' } });
  });

  it("should look up the tester's yes on record while it reads the page", async () => {
    const { operations, tabs, context, page } = await setUp();
    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');
    const command = vi.spyOn(context, 'command');

    // The page answers no script until the yes has been looked up (in the command queue, where a yes is recorded).
    const release = tabs.holdScripts();
    const switching = operations.switchPage({ tabId: TAB, target: { uid: 'cometchat-uid-3' } }, 'popup');
    await vi.waitFor(() => expect(command).toHaveBeenCalled());
    release();

    await expect(switching).resolves.toMatchObject({ user: { uid: 'cometchat-uid-3' } });
    expect(storedUser(page)?.uid).toBe('cometchat-uid-3');
  });

  it("should read the page while it looks up the tester's yes on record", async () => {
    const window = appPage();
    const { operations, store, page, context } = await setUp({ page: window });
    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');
    // The active app comes from the state the background last read (see above): the yes is the switch's one read.
    await context.record({ at: 1, type: 'pageActivity', appId: APP, source: 'page-agent', target: 'app', durationMs: 0 });
    const ran = vi.spyOn(window.inspected, 'run');

    // No IndexedDB read answers (the yes on record) until the page has been read.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const read = store.read.bind(store);
    vi.spyOn(store, 'read').mockImplementation(async (body) => (await held, read(body)));
    const switching = operations.switchPage({ tabId: TAB, target: { uid: 'cometchat-uid-3' } }, 'popup');
    await vi.waitFor(() => expect(ran.mock.calls.map(([fn]) => fn.name)).toEqual(['readSessions']));
    release();

    await expect(switching).resolves.toMatchObject({ user: { uid: 'cometchat-uid-3' } });
    expect(storedUser(page)?.uid).toBe('cometchat-uid-3');
  });

  it('should mint for the origin the tester saw while the browser reports the tab, and end the token if the tab left it', async () => {
    const { operations, fake, tabs, page } = await setUp();
    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');
    fake.calls.length = 0;

    const release = tabs.holdTabLookups();
    const switching = operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-3' } }, 'popup');
    await vi.waitFor(() => expect(fake.calls).toEqual(['login cometchat-uid-3']));
    release();
    await expect(switching).resolves.toMatchObject({ user: { uid: 'cometchat-uid-3' } });
    expect(storedUser(page)?.uid).toBe('cometchat-uid-3');

    // The tab has moved on by the time the browser reports it: nothing is written, and the minted token is ended.
    fake.calls.length = 0;
    tabs.allow(MOVED);
    tabs.navigate(TAB, MOVED);
    await expect(operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-4' } }, 'popup')).rejects.toMatchObject({
      code: 'ERR_PAGE_ORIGIN_CHANGED',
    });
    expect(fake.calls).toEqual(['login cometchat-uid-4', 'logout']);
  });

  it('should mint nothing before the yes is given, and end a token minted for a switch refused after it', async () => {
    const { operations, fake, tabs } = await setUp();

    await expect(operations.switchPage({ tabId: TAB, target: { uid: 'cometchat-uid-2' } }, 'popup')).rejects.toMatchObject({
      code: 'ERR_PAGE_CONSENT_REQUIRED',
    });
    expect(fake.calls).toEqual([]);

    // The yes comes with the request, so the token is minted at once; the page then turns out to have no CometChat.
    const bare = tabs.open(8, ORIGIN, createFakeInspectedWindow({ origin: ORIGIN, hasSdk: false }));
    await expect(
      operations.switchPage({ tabId: 8, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup'),
    ).rejects.toMatchObject({ code: 'ERR_PAGE_NO_COMETCHAT' });
    expect(fake.calls).toEqual(['login cometchat-uid-2', 'logout']);
    expect(bare.page.localStorage.length).toBe(0);
  });

  it('should ask once per app and origin before the first write, and write nothing until then', async () => {
    const { operations, page } = await setUp();

    await expect(operations.switchPage({ tabId: TAB, target: { uid: 'cometchat-uid-2' } }, 'popup')).rejects.toMatchObject({
      code: 'ERR_PAGE_CONSENT_REQUIRED',
      details: { origin: ORIGIN, appId: APP },
    });
    expect(storedUser(page)?.uid).toBe('cometchat-uid-1');

    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');
    // Remembered: the next write asks nothing.
    const outcome = await operations.switchPage({ tabId: TAB, target: { uid: 'cometchat-uid-3' } }, 'popup');

    expect(outcome).toMatchObject({ user: { uid: 'cometchat-uid-3' }, verifiedBy: 'sdk', origin: ORIGIN });
    expect(storedUser(page)?.uid).toBe('cometchat-uid-3');
    expect(await operations.listAllowedSites()).toEqual([
      {
        site: 'http://127.0.0.1',
        hostAccess: true,
        consents: [{ origin: ORIGIN, profileId: expect.any(String), app: expect.any(String), appId: APP }],
      },
    ]);
  });

  it("should switch an app in session storage mode in the tab's sessionStorage, though the origin's localStorage holds an old session of it", async () => {
    // The app ran in localStorage before (Andrew Joseph is still there) and now runs in session storage mode as Nancy Grace.
    const window = appPage({ sdkUid: sessionStorageUid });
    window.page.sessionStorage.setItem(`${APP}:common_store/appId`, sdkEncode(APP));
    window.page.sessionStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-3', name: 'Nancy Grace', authToken: 'page-token-3' }));
    const { operations, page } = await setUp({ page: window });

    const outcome = await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');

    expect(outcome).toMatchObject({ user: { uid: 'cometchat-uid-2' }, verifiedBy: 'sdk' });
    expect(sessionStorageUid(page)).toBe('cometchat-uid-2');
    // The old localStorage session is left as it was.
    expect(storedUser(page)?.uid).toBe('cometchat-uid-1');
  });

  it('should not take a yes given for another origin of the same site', async () => {
    const { operations, tabs, page } = await setUp();
    tabs.open(8, 'http://127.0.0.1:6000', appPage({ origin: 'http://127.0.0.1:6000' }));
    await operations.switchPage({ tabId: 8, origin: 'http://127.0.0.1:6000', target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');

    await expect(operations.switchPage({ tabId: TAB, target: { uid: 'cometchat-uid-2' } }, 'popup')).rejects.toMatchObject({
      code: 'ERR_PAGE_CONSENT_REQUIRED',
    });
    expect(storedUser(page)?.uid).toBe('cometchat-uid-1');
  });

  it('should refuse a page without CometChat unless the tester chooses to write a new session there', async () => {
    const bare = createFakeInspectedWindow({ origin: ORIGIN, hasSdk: false });
    const { operations } = await setUp({ page: bare });

    await expect(
      operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup'),
    ).rejects.toMatchObject({
      code: 'ERR_PAGE_NO_COMETCHAT',
    });
    expect(bare.page.localStorage.length).toBe(0);

    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true, createSession: true }, 'popup');
    expect(storedUser(bare.page)?.uid).toBe('cometchat-uid-2');
  });

  it("should refuse a page that stores only another app's session", async () => {
    const other = createFakeInspectedWindow({ origin: ORIGIN });
    other.page.localStorage.setItem('other-app:common_store/user', sdkEncode({ uid: 'someone' }));
    const { operations } = await setUp({ page: other });

    await expect(
      operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup'),
    ).rejects.toMatchObject({
      code: 'ERR_PAGE_NO_APP_SESSION',
      details: { storedApps: ['other-app'] },
    });
    await expect(
      operations.switchPage(
        { tabId: TAB, origin: ORIGIN, slot: { storage: 'localStorage', appId: 'other-app' }, target: { uid: 'cometchat-uid-2' }, consent: true },
        'popup',
      ),
    ).rejects.toMatchObject({ code: 'ERR_PAGE_OTHER_APP' });
    expect(other.page.localStorage.getItem(USER_KEY)).toBeNull();
  });

  it('should leave a tab alone that is no longer on the origin the tester saw', async () => {
    const { operations, tabs, page } = await setUp();
    tabs.allow('http://127.0.0.2');
    tabs.navigate(TAB, 'http://127.0.0.2:5173');

    await expect(
      operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'devtools-panel'),
    ).rejects.toMatchObject({ code: 'ERR_PAGE_ORIGIN_CHANGED', details: { expected: ORIGIN, now: 'http://127.0.0.2:5173' } });
    expect(storedUser(page)?.uid).toBe('cometchat-uid-1');
  });

  it('should not put the old session back into a tab that left for another site during the switch', async () => {
    const later: { tabs?: Awaited<ReturnType<typeof setUp>>['tabs'] } = {};
    // The app keeps its own user after the reload (so the switch fails), and the tab has gone elsewhere by then.
    const stubborn = appPage({
      onReload: (reloaded) => {
        reloaded.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-5', authToken: 'app-own' }));
        later.tabs!.navigate(TAB, 'http://127.0.0.2:5173');
      },
    });
    const background = await setUp({ page: stubborn });
    later.tabs = background.tabs;
    background.tabs.allow('http://127.0.0.2');

    await expect(
      background.operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup'),
    ).rejects.toMatchObject({
      code: 'ERR_PAGE_SWITCH_NOT_VERIFIED',
    });
    expect(storedUser(stubborn.page)?.uid).toBe('cometchat-uid-5');
  });

  it('should give the page a token of its own for a held session, and revoke the minted one when the switch fails', async () => {
    const stubborn = appPage({ onReload: (reloaded) => reloaded.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1' })) });
    const { operations, service, fake, tabs, page } = await setUp();
    await service.login('cometchat-uid-2', 'popup');
    const held = await service.revealSecret('cometchat-uid-2', 'authToken');

    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { heldUid: 'cometchat-uid-2' }, consent: true }, 'popup');
    const pageToken = storedUser(page)!.authToken;
    expect(pageToken).not.toBe(held);

    tabs.open(9, ORIGIN, stubborn);
    fake.calls.length = 0;
    await expect(operations.switchPage({ tabId: 9, target: { heldUid: 'cometchat-uid-2' } }, 'popup')).rejects.toMatchObject({
      code: 'ERR_PAGE_SWITCH_NOT_VERIFIED',
    });
    // A token was minted for the page, and ended when the page did not take it.
    expect(fake.calls).toEqual(['login cometchat-uid-2', 'logout']);
    // The extension's own token still works.
    await expect(service.loginWithAuthToken(held, 'popup')).resolves.toMatchObject({ uid: 'cometchat-uid-2' });
  });

  it('should finish the switch and tell every view when the view that asked has gone', async () => {
    const later: { asking?: ReturnType<Awaited<ReturnType<typeof setUp>>['connectView']> } = {};
    // The popup closes while the page reloads, in the middle of the switch.
    const { connectView, page, log } = await setUp({ page: appPage({ onReload: () => later.asking!.close() }) });
    const asking = (later.asking = connectView('popup.html'));
    const watching = connectView('devtools-panel.html');
    const heard: string[] = [];
    watching.onEvent((event) => heard.push(`${event.type} ${event.uid}`));
    await vi.waitFor(() => expect(watching.getSnapshot()).not.toBeNull());

    // A closed popup hears no answer (its page is gone), so none is awaited.
    void asking.request('switchPage', { tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-4' }, consent: true });

    await expect.poll(() => storedUser(page)?.uid).toBe('cometchat-uid-4');
    await expect
      .poll(async () => (await log.getEvents()).at(-1))
      .toMatchObject({ type: 'loginSuccess', uid: 'cometchat-uid-4', target: 'page', pageOrigin: ORIGIN });
    await expect.poll(() => heard).toContain('loginSuccess cometchat-uid-4');
  });
});

describe("a page switch's reply and its record", () => {
  it('should answer the view that asked before its timeline record reaches the views, which then follows as the next event', async () => {
    const { connectView, page, log } = await setUp();
    const panel = connectView('devtools-panel.html');
    const heard: string[] = [];
    panel.onEvent((event) => heard.push(`${event.type} ${event.uid}`));
    await vi.waitFor(() => expect(panel.getSnapshot()).not.toBeNull());
    const before = (await log.getEvents()).length;

    const outcome = await panel.request('switchPage', { tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true });
    heard.push(`reply ${outcome.user.uid}`);

    expect(storedUser(page)?.uid).toBe('cometchat-uid-2');
    await expect.poll(() => heard).toEqual(['reply cometchat-uid-2', 'loginSuccess cometchat-uid-2']);
    const events = await log.getEvents();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ type: 'loginSuccess', uid: 'cometchat-uid-2', target: 'page', pageOrigin: ORIGIN });
  });
});

describe("a tester's yes, tied to the origin the question named", () => {
  it('should refuse a yes for one origin once the tab has moved to another, writing and remembering nothing', async () => {
    const { operations, tabs } = await setUp();
    await expect(operations.switchPage({ tabId: TAB, target: { uid: 'cometchat-uid-2' } }, 'popup')).rejects.toMatchObject({
      code: 'ERR_PAGE_CONSENT_REQUIRED',
      details: { origin: ORIGIN },
    });
    const moved = tabs.navigate(TAB, MOVED, appPage({ origin: MOVED }));

    // The yes names the origin the question named, as every view sends it; a yes naming none is no yes at all.
    await expect(
      operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup'),
    ).rejects.toMatchObject({ code: 'ERR_PAGE_ORIGIN_CHANGED', details: { expected: ORIGIN, now: MOVED } });
    await expect(operations.switchPage({ tabId: TAB, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup')).rejects.toMatchObject({
      code: 'ERR_PAGE_ORIGIN_CHANGED',
    });

    expect(storedUser(moved.page)?.uid).toBe('cometchat-uid-1');
    expect((await operations.listAllowedSites())[0]!.consents).toEqual([]);
  });

  it.each([
    ['to writing into the site', { consent: true }],
    ['to writing a new session', { createSession: true }],
    ["to sharing the extension's token", { shareToken: true }],
  ])('should refuse a yes %s that names no origin, and write nothing', async (_name, answer) => {
    const { operations, page } = await setUp();
    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');

    await expect(operations.switchPage({ tabId: TAB, target: { uid: 'cometchat-uid-3' }, ...answer }, 'popup')).rejects.toMatchObject({
      code: 'ERR_PAGE_ORIGIN_CHANGED',
    });

    expect(storedUser(page)?.uid).toBe('cometchat-uid-2');
  });
});

describe('a tab that navigates between the background looking at it and writing into it', () => {
  it('should not write the minted session into the page it navigated to, nor report a switch', async () => {
    const { operations, tabs, fake, log } = await setUp();
    // The browser still showed ORIGIN when asked; the script runs in the next document.
    const moved = tabs.navigateBefore(TAB, writeSession, MOVED, appPage({ origin: MOVED }));
    fake.calls.length = 0;

    await expect(
      operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup'),
    ).rejects.toMatchObject({ code: 'ERR_PAGE_ORIGIN_CHANGED', details: { expected: ORIGIN, now: MOVED } });

    expect(storedUser(moved.page)?.uid).toBe('cometchat-uid-1');
    expect(moved.page.reloads).toBe(0);
    // The token minted for the switch is ended: nothing uses it.
    expect(fake.calls).toEqual(['login cometchat-uid-2', 'logout']);
    expect((await log.getEvents()).at(-1)).toMatchObject({ type: 'loginFailure', error: { code: 'ERR_PAGE_ORIGIN_CHANGED' } });
  });

  it('should not log out the page it navigated to', async () => {
    const { operations, tabs } = await setUp();
    const moved = tabs.navigateBefore(TAB, writeRawSlot, MOVED, appPage({ origin: MOVED }));

    await expect(
      operations.logoutPage({ tabId: TAB, origin: ORIGIN, slot: { storage: 'localStorage', appId: APP }, revokeToken: true }, 'popup'),
    ).rejects.toMatchObject({ code: 'ERR_PAGE_ORIGIN_CHANGED', details: { expected: ORIGIN, now: MOVED } });

    expect(storedUser(moved.page)).toEqual(expect.objectContaining({ uid: 'cometchat-uid-1', authToken: 'page-token-1' }));
  });
});

describe('pages of an app without an Auth Key', () => {
  it("should ask before a page shares the extension's token, and never revoke it for a switch that failed", async () => {
    const background = createMemoryBackground();
    await background.profiles.saveProfile({ ...PROFILE, authKey: '' });
    const stubborn = appPage({ onReload: (reloaded) => reloaded.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1' })) });
    const sharing = appPage();
    background.tabs.open(TAB, ORIGIN, sharing);
    background.tabs.open(9, ORIGIN, stubborn);
    background.tabs.allow(ORIGIN);
    const token = (await background.fake.client.login('cometchat-uid-2', 'good-key')).authToken;
    await background.service.loginWithAuthToken(token, 'popup');
    const operations = background.pageOperations;

    await expect(
      operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-3' }, consent: true }, 'popup'),
    ).rejects.toMatchObject({
      code: 'ERR_NO_AUTH_KEY',
    });
    await expect(operations.switchPage({ tabId: TAB, target: { heldUid: 'cometchat-uid-2' } }, 'popup')).rejects.toMatchObject({
      code: 'ERR_PAGE_SHARED_TOKEN',
      details: { origin: ORIGIN, uid: 'cometchat-uid-2' },
    });

    const shared = await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { heldUid: 'cometchat-uid-2' }, shareToken: true }, 'popup');
    expect(shared.user.uid).toBe('cometchat-uid-2');
    expect(storedUser(sharing.page)!.authToken).toBe(token);
    await expect(
      operations.switchPage({ tabId: 9, origin: ORIGIN, target: { heldUid: 'cometchat-uid-2' }, shareToken: true }, 'popup'),
    ).rejects.toMatchObject({
      code: 'ERR_PAGE_SWITCH_NOT_VERIFIED',
    });
    // The shared token is the extension's own: it still works.
    await expect(background.service.loginWithAuthToken(token, 'popup')).resolves.toMatchObject({ uid: 'cometchat-uid-2' });
  });
});

describe('logging out and adopting a page from the background', () => {
  it("should revoke the page's token only for a page of the active app, and say what the server did", async () => {
    const { operations, page, loggedInUser } = await setUp();
    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');

    await expect(
      operations.logoutPage({ tabId: TAB, slot: { storage: 'localStorage', appId: 'other-app' }, revokeToken: true }, 'popup'),
    ).rejects.toMatchObject({ code: 'ERR_PAGE_OTHER_APP' });
    await expect(operations.logoutPage({ tabId: TAB, slot: { storage: 'localStorage', appId: APP }, revokeToken: true }, 'popup')).resolves.toEqual({
      tokenRevoked: true,
      origin: ORIGIN,
    });
    // The keys are gone, not "undefined" (Chrome drops the nulls that say "remove" from a script's arguments).
    expect(page.localStorage.getItem(USER_KEY)).toBeNull();
    expect(await loggedInUser()).toBeNull();
  });

  it("should adopt the page's user with a session of the extension's own", async () => {
    const { operations, service, page } = await setUp();

    const user = await operations.adoptPageSession({ tabId: TAB, slot: { storage: 'localStorage', appId: APP } }, 'devtools-panel');

    expect(user.uid).toBe('cometchat-uid-1');
    expect(await service.revealSecret('cometchat-uid-1', 'authToken')).not.toBe(storedUser(page)!.authToken);
  });
});

describe('allowed sites', () => {
  it("should take back one app's yes for a site, or the site's access with every yes", async () => {
    const { operations, context } = await setUp();
    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');
    const { profile } = await context.snapshot();

    await operations.forgetSite({ site: 'http://127.0.0.1', profileId: 'another-app' });
    expect((await operations.listAllowedSites())[0]!.consents).toHaveLength(1);
    await operations.forgetSite({ site: 'http://127.0.0.1', profileId: profile!.id });
    expect(await operations.listAllowedSites()).toEqual([{ site: 'http://127.0.0.1', hostAccess: true, consents: [] }]);
    await expect(operations.switchPage({ tabId: TAB, target: { uid: 'cometchat-uid-3' } }, 'popup')).rejects.toMatchObject({
      code: 'ERR_PAGE_CONSENT_REQUIRED',
    });

    await operations.forgetSite({ site: 'http://127.0.0.1' });
    expect(await operations.listAllowedSites()).toEqual([]);
    await expect(operations.readPage({ tabId: TAB })).rejects.toMatchObject({ code: 'ERR_PAGE_NO_ACCESS' });
  });

  it('should list a grant wider than one site the browser holds, and take it back', async () => {
    const { operations, tabs } = await setUp();
    tabs.grantWide('https://*/*');

    expect(await operations.listAllowedSites()).toEqual([
      { site: 'http://127.0.0.1', hostAccess: true, consents: [] },
      { site: 'https://*/*', hostAccess: true, wide: true, consents: [] },
    ]);
    await operations.forgetSite({ site: 'https://*/*' });

    expect(await operations.listAllowedSites()).toEqual([{ site: 'http://127.0.0.1', hostAccess: true, consents: [] }]);
  });

  it('should refuse to take back a wildcard it was not granted as if it were one site', async () => {
    const { operations } = await setUp();

    await expect(operations.forgetSite({ site: 'https://*' })).rejects.toMatchObject({ code: 'ERR_INVALID_SITE' });
  });

  it("should drop an app's yes when the app is deleted", async () => {
    const { operations, profiles, context } = await setUp();
    await operations.switchPage({ tabId: TAB, origin: ORIGIN, target: { uid: 'cometchat-uid-2' }, consent: true }, 'popup');
    const { profile } = await context.snapshot();

    await profiles.deleteProfile(profile!.id);

    expect((await operations.listAllowedSites())[0]!.consents).toEqual([]);
  });
});
