import { describe, expect, it, vi } from 'vitest';
import { CometChatException } from '@/lib/cometchat/exception';
import type { InspectedWindow } from '@/lib/page/inspected-window';
import { reloadState } from '@/lib/page/page-storage';
import { createPageSwitcher, type PageSwitcherDeps } from '@/lib/page/page-switcher';
import type { PageEventReport, PageSessionGrant, PageSessionTarget } from '@/lib/protocol';
import { createFakeInspectedWindow, sdkEncode, sessionStorageUid, storedUid, type FakePage } from '../fakes/fake-inspected-window';

const APP = 'app-1';
const USER_KEY = `${APP}:common_store/user`;
const SETTINGS_KEY = `${APP}:common_store/app_settings`;
const slot = { storage: 'localStorage', appId: APP } as const;

const grantFor = (uid: string): PageSessionGrant => ({
  user: { uid, name: uid.toUpperCase() },
  authToken: `${uid}_token`,
  jwt: `${uid}-jwt`,
  wsChannel: { identity: uid },
  settings: { CLIENT_API_HOST: 'from-put-me' },
});

/** A page logged in as uid-1 with app settings, like the SDK leaves it. */
function pageLoggedInAsUid1(onReload?: (page: FakePage) => void) {
  const fake = createFakeInspectedWindow({ onReload });
  fake.page.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', authToken: 't1', jwt: 'j1' }));
  fake.page.localStorage.setItem(SETTINGS_KEY, sdkEncode({ CLIENT_API_HOST: 'page-host', ADMIN_API_HOST: 'page-admin' }));
  return fake;
}

function switcherFor(
  fake: ReturnType<typeof createFakeInspectedWindow>,
  requestGrant = async (target: PageSessionTarget) => grantFor((target as { uid: string }).uid),
  clock: Partial<PageSwitcherDeps> = { now: Date.now, sleep: async (_ms: number) => undefined },
) {
  const reports: PageEventReport[] = [];
  const revoked: string[] = [];
  const switcher = createPageSwitcher({
    inspected: fake.inspected,
    origin: 'http://127.0.0.1:5173',
    requestGrant,
    // The server knew every token but `gone`.
    revoke: async (token) => (revoked.push(token), token !== 'gone'),
    report: async (report) => reports.push(report),
    ...clock,
  });
  return { switcher, reports, revoked };
}

describe('reading the page session', () => {
  it('should find the user and hosts the SDK stored, in both storages', async () => {
    const fake = pageLoggedInAsUid1();
    fake.page.sessionStorage.setItem('other-app:common_store/user', sdkEncode({ uid: 'someone', name: 'Some One' }));

    const inspection = await switcherFor(fake).switcher.read();

    expect(inspection).toEqual({
      origin: 'http://127.0.0.1:5173',
      hasSdk: true,
      sessions: [
        {
          storage: 'localStorage',
          appId: APP,
          user: expect.objectContaining({ uid: 'cometchat-uid-1', authToken: 't1' }),
          hosts: { client: 'page-host', admin: 'page-admin' },
        },
        { storage: 'sessionStorage', appId: 'other-app', user: { uid: 'someone', name: 'Some One' }, hosts: {} },
      ],
    });
  });

  it.each([
    ['no CometChat at all', false, [], { hasSdk: false, sessions: [] }],
    ['the SDK but no session', true, [], { hasSdk: true, sessions: [] }],
    [
      'a logged-out app (appId key only)',
      true,
      [[`${APP}:common_store/appId`, sdkEncode(APP)]],
      { hasSdk: true, sessions: [{ storage: 'localStorage', appId: APP, user: null, hosts: {} }] },
    ],
    [
      'a corrupt user entry',
      true,
      [[USER_KEY, '{not json']],
      { hasSdk: true, sessions: [{ storage: 'localStorage', appId: APP, user: null, hosts: {} }] },
    ],
  ])('should report %s', async (_name, hasSdk, entries, expected) => {
    const fake = createFakeInspectedWindow({ hasSdk });
    for (const [key, value] of entries) fake.page.localStorage.setItem(key!, value!);

    expect(await switcherFor(fake).switcher.read()).toMatchObject(expected);
  });

  it('should never run a stored value as code', async () => {
    const fake = createFakeInspectedWindow();
    fake.page.localStorage.setItem(USER_KEY, sdkEncode({ uid: '"); globalThis.pwned = true; ("', name: '</script><img src=x onerror=alert(1)>' }));

    const inspection = await switcherFor(fake).switcher.read();

    expect(inspection.sessions[0]?.user?.name).toBe('</script><img src=x onerror=alert(1)>');
  });
});

describe('switching the page', () => {
  it('should write the session as the SDK stores it, keep the app settings, reload and confirm the uid', async () => {
    const fake = pageLoggedInAsUid1();
    const { switcher, reports } = switcherFor(fake);

    const { user, verifiedBy } = await switcher.switchTo(slot, { uid: 'cometchat-uid-4' });

    expect(user.uid).toBe('cometchat-uid-4');
    expect(verifiedBy).toBe('sdk');
    expect(JSON.parse(JSON.parse(fake.page.localStorage.getItem(USER_KEY)!))).toEqual({
      uid: 'cometchat-uid-4',
      name: 'COMETCHAT-UID-4',
      authToken: 'cometchat-uid-4_token',
      jwt: 'cometchat-uid-4-jwt',
      wsChannel: { identity: 'cometchat-uid-4' },
    });
    expect(JSON.parse(JSON.parse(fake.page.localStorage.getItem(SETTINGS_KEY)!))).toEqual({
      CLIENT_API_HOST: 'page-host',
      ADMIN_API_HOST: 'page-admin',
    });
    expect(fake.page.reloads).toBe(1);
    expect(reports).toEqual([
      expect.objectContaining({ type: 'loginSuccess', uid: 'cometchat-uid-4', appId: APP, pageOrigin: 'http://127.0.0.1:5173' }),
    ]);
  });

  it("should restore the previous session when the storage has the new user but the page's SDK still runs the old one", async () => {
    const before = sdkEncode({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', authToken: 't1', jwt: 'j1' });
    const fake = createFakeInspectedWindow({ sdkUid: () => 'cometchat-uid-1' });
    fake.page.localStorage.setItem(USER_KEY, before);
    const { switcher, revoked } = switcherFor(fake);

    const error = await switcher.switchTo(slot, { uid: 'cometchat-uid-4' }).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'ERR_PAGE_SWITCH_NOT_VERIFIED', details: { expected: 'cometchat-uid-4', reportedBySdk: 'cometchat-uid-1' } });
    expect(fake.page.localStorage.getItem(USER_KEY)).toBe(before);
    expect(revoked).toEqual(['cometchat-uid-4_token']);
  });

  it('should name session storage mode in the details when it wrote localStorage for an app that keeps its session in sessionStorage', async () => {
    const fake = createFakeInspectedWindow({ sdkUid: sessionStorageUid });
    fake.page.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', authToken: 't1' }));
    fake.page.sessionStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-3', name: 'Nancy Grace', authToken: 't3' }));
    const { switcher } = switcherFor(fake);

    const error = await switcher.switchTo(slot, { uid: 'cometchat-uid-4' }).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({
      code: 'ERR_PAGE_SWITCH_NOT_VERIFIED',
      details: { expected: 'cometchat-uid-4', reportedBySdk: 'cometchat-uid-3', written: 'localStorage', appStorage: 'sessionStorage' },
    });
  });

  it("should ask the page's SDK again while it says no user and the storage holds the new one: it has not read its storage yet", async () => {
    // The real SDK sets `window.CometChat` in init() before it sets up its storage, and reads nothing until then.
    let answers = 0;
    const fake = createFakeInspectedWindow({ sdkUid: (page) => (answers++ < 3 ? null : storedUid(page)) });
    const { switcher, reports } = switcherFor(fake);

    expect(await switcher.switchTo(slot, { uid: 'cometchat-uid-4' })).toMatchObject({ user: { uid: 'cometchat-uid-4' }, verifiedBy: 'sdk' });
    expect(fake.page.reloads).toBe(1);
    expect(reports).toEqual([expect.objectContaining({ type: 'loginSuccess', uid: 'cometchat-uid-4' })]);
  });

  it('should not wait when the SDK says no user and has cleared the session from the storage (a token it rejected)', async () => {
    let answers = 0;
    const fake = createFakeInspectedWindow({
      sdkUid: (page) => {
        answers++;
        page.localStorage.removeItem(USER_KEY);
        return null;
      },
    });
    const { switcher } = switcherFor(fake);

    const error = await switcher.switchTo(slot, { uid: 'cometchat-uid-4' }).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'ERR_PAGE_SWITCH_NOT_VERIFIED', details: { expected: 'cometchat-uid-4', reportedBySdk: null } });
    expect(answers).toBe(1);
  });

  it('should wait for an SDK that says who is logged in only 5 s after the reload (a busy machine, a late init), and verify with it', async () => {
    let time = 0;
    const fake = createFakeInspectedWindow({ sdkUid: (page) => (time < 5_000 ? null : storedUid(page)) });
    fake.page.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', authToken: 't1', jwt: 'j1' }));
    const { switcher } = switcherFor(fake, undefined, { now: () => time, sleep: async (ms) => void (time += ms) });

    const result = await switcher.switchTo(slot, { uid: 'cometchat-uid-4' });

    expect(result).toMatchObject({ user: { uid: 'cometchat-uid-4' }, verifiedBy: 'sdk' });
    expect(time).toBeGreaterThanOrEqual(5_000);
  });

  it('should give up on an SDK that still says no user when the settle time is up, and restore the previous session', async () => {
    const before = sdkEncode({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', authToken: 't1', jwt: 'j1' });
    const fake = createFakeInspectedWindow({ sdkUid: () => null });
    fake.page.localStorage.setItem(USER_KEY, before);
    let time = 0;
    const { switcher } = switcherFor(fake, undefined, { now: () => time, sleep: async (ms) => void (time += ms) });

    const error = await switcher.switchTo(slot, { uid: 'cometchat-uid-4' }).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({
      code: 'ERR_PAGE_SWITCH_NOT_VERIFIED',
      message: "After the reload the page's CometChat SDK reports no user, not cometchat-uid-4. Its previous session was restored.",
    });
    expect(time).toBeGreaterThanOrEqual(10_000);
    expect(fake.page.localStorage.getItem(USER_KEY)).toBe(before);
  });

  it("should tag the document in the write, and read the page's storage and ask its SDK in the reload's last look", async () => {
    const fake = pageLoggedInAsUid1();
    const ran: string[] = [];
    const run: InspectedWindow['run'] = (fn, ...args) => (ran.push(fn.name), fake.inspected.run(fn, ...args));
    const { switcher } = switcherFor({ ...fake, inspected: { ...fake.inspected, run } });

    expect(await switcher.switchTo(slot, { uid: 'cometchat-uid-2' })).toMatchObject({ verifiedBy: 'sdk' });
    // Each script run is a few ms of the switch: the write keeps what the slot held and tags the document for the
    // reload, the reload's last look reads the storage and asks the SDK, the next run reads its answer (until
    // 2026-12-06 a run of its own read the slot before the write; six runs from the write before 2026-12-04).
    expect(ran).toEqual(['writeSession', 'reloadState', 'readSdkUserCheck']);
  });

  describe('reached as the background reaches a tab, which waits for a promise a script returns', () => {
    const realClock = { now: Date.now, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
    const recorded = (fake: ReturnType<typeof createFakeInspectedWindow>, clock: Partial<PageSwitcherDeps> = realClock) => {
      const ran: string[] = [];
      const run: InspectedWindow['run'] = (fn, ...args) => (ran.push(fn.name), fake.inspected.run(fn, ...args));
      return { ran, ...switcherFor({ ...fake, inspected: { ...fake.inspected, run } }, undefined, clock) };
    };
    const withUid1 = (fake: ReturnType<typeof createFakeInspectedWindow>) => {
      fake.page.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', authToken: 't1', jwt: 'j1' }));
      return fake;
    };

    it("should bring the SDK's answer back in the reload's last look: no run of its own after the page is ready", async () => {
      const { switcher, ran } = recorded(withUid1(createFakeInspectedWindow({ awaitsPromises: true })));

      expect(await switcher.switchTo(slot, { uid: 'cometchat-uid-2' })).toMatchObject({ verifiedBy: 'sdk' });
      expect(ran.slice(ran.indexOf('writeSession'))).toEqual(['writeSession', 'reloadState']);
    });

    it('should ask the SDK again, as through DevTools, when it answers after the look stopped waiting', async () => {
      const { switcher, ran } = recorded(withUid1(createFakeInspectedWindow({ awaitsPromises: true, sdkDelayMs: 400 })));

      expect(await switcher.switchTo(slot, { uid: 'cometchat-uid-2' })).toMatchObject({ user: { uid: 'cometchat-uid-2' }, verifiedBy: 'sdk' });
      expect(ran.slice(ran.indexOf('writeSession'), ran.indexOf('writeSession') + 3)).toEqual(['writeSession', 'reloadState', 'readSdkUserCheck']);
    });

    it('should not hang on a page whose SDK never answers and whose timers never fire: it stops waiting itself', async () => {
      const fake = withUid1(createFakeInspectedWindow({ awaitsPromises: true, sdkNeverAnswers: true, pageTimers: false }));
      const before = fake.page.localStorage.getItem(USER_KEY);
      const { switcher } = recorded(fake, { ...realClock, reloadTimeoutMs: 2_000 });

      const error = await switcher.switchTo(slot, { uid: 'cometchat-uid-2' }).catch((thrown: unknown) => thrown);

      expect(error).toMatchObject({ code: 'ERR_PAGE_RELOAD_TIMEOUT' });
      expect(fake.page.localStorage.getItem(USER_KEY)).toBe(before);
    }, 10_000);
  });

  it('should leave the slot as it was when the write stops half way (a full storage), and end the minted token', async () => {
    const fake = pageLoggedInAsUid1();
    fake.page.localStorage.removeItem(SETTINGS_KEY);
    const before = fake.page.localStorage.getItem(USER_KEY);
    const setItem = fake.page.localStorage.setItem.bind(fake.page.localStorage);
    fake.page.localStorage.setItem = (key: string, value: string) => {
      if (key === SETTINGS_KEY) throw new Error('QuotaExceededError');
      setItem(key, value);
    };
    const { switcher, revoked, reports } = switcherFor(fake);

    await expect(switcher.switchTo(slot, { uid: 'cometchat-uid-4' })).rejects.toBeInstanceOf(CometChatException);

    expect(fake.page.localStorage.getItem(USER_KEY)).toBe(before);
    expect(fake.page.localStorage.getItem(SETTINGS_KEY)).toBeNull();
    expect(fake.page.reloads).toBe(0);
    expect(revoked).toEqual(['cometchat-uid-4_token']);
    expect(reports).toEqual([expect.objectContaining({ type: 'loginFailure' })]);
  });

  it('should verify in the storage only, and say so, when the page has no global SDK', async () => {
    const fake = createFakeInspectedWindow({ hasSdk: false });
    fake.page.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1', name: 'Andrew Joseph' }));
    const { switcher } = switcherFor(fake);

    expect(await switcher.switchTo(slot, { uid: 'cometchat-uid-4' })).toMatchObject({ user: { uid: 'cometchat-uid-4' }, verifiedBy: 'storage' });
  });

  it('should write the settings from PUT me into a page that has none', async () => {
    const fake = createFakeInspectedWindow();
    const { switcher } = switcherFor(fake);

    await switcher.switchTo(slot, { uid: 'cometchat-uid-2' });

    expect(JSON.parse(JSON.parse(fake.page.localStorage.getItem(SETTINGS_KEY)!))).toEqual({ CLIENT_API_HOST: 'from-put-me' });
    expect(JSON.parse(JSON.parse(fake.page.localStorage.getItem(`${APP}:common_store/appId`)!))).toBe(APP);
  });

  it('should restore the previous session exactly when the page reports someone else after the reload', async () => {
    // The page's app logs itself back in as uid-1 on load, overwriting what the panel wrote.
    const before = sdkEncode({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', authToken: 't1', jwt: 'j1' });
    const fake = pageLoggedInAsUid1((page) => page.localStorage.setItem(USER_KEY, before));
    const { switcher, reports } = switcherFor(fake);

    const error = await switcher.switchTo(slot, { uid: 'cometchat-uid-4' }).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(CometChatException);
    expect(error).toMatchObject({ code: 'ERR_PAGE_SWITCH_NOT_VERIFIED', details: { expected: 'cometchat-uid-4', reported: 'cometchat-uid-1' } });
    expect(fake.page.localStorage.getItem(USER_KEY)).toBe(before);
    expect(fake.page.reloads).toBe(2);
    expect(reports.at(-1)).toMatchObject({ type: 'loginFailure', error: { code: 'ERR_PAGE_SWITCH_NOT_VERIFIED' } });
  });

  it.each([
    ['a uid', { uid: 'cometchat-uid-4' }, ['cometchat-uid-4_token']],
    ['a held session', { heldUid: 'cometchat-uid-4' }, ['cometchat-uid-4_token']],
    ["a pasted token, which is the tester's own", { authToken: 'pasted' }, []],
  ])('should revoke the token minted for a switch to %s that did not verify', async (_name, target: PageSessionTarget, expected) => {
    const before = sdkEncode({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', authToken: 't1', jwt: 'j1' });
    const fake = pageLoggedInAsUid1((page) => page.localStorage.setItem(USER_KEY, before));
    const { switcher, revoked } = switcherFor(fake, async () => grantFor('cometchat-uid-4'));

    await expect(switcher.switchTo(slot, target)).rejects.toMatchObject({ code: 'ERR_PAGE_SWITCH_NOT_VERIFIED' });

    expect(revoked).toEqual(expected);
  });

  it('should write nothing into a page of another origin than the one the switch is for, and end the minted token', async () => {
    // The tab navigated after the background last looked at its URL: the page function finds itself elsewhere.
    const elsewhere = createFakeInspectedWindow({ origin: 'http://127.0.0.1:4000' });
    elsewhere.page.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1', authToken: 't1' }));
    const before = elsewhere.page.localStorage.getItem(USER_KEY);
    const { switcher, reports, revoked } = switcherFor(elsewhere);

    await expect(switcher.switchTo(slot, { uid: 'cometchat-uid-4' })).rejects.toMatchObject({
      code: 'ERR_PAGE_ORIGIN_CHANGED',
      details: { expected: 'http://127.0.0.1:5173', now: 'http://127.0.0.1:4000' },
    });

    expect(elsewhere.page.localStorage.getItem(USER_KEY)).toBe(before);
    expect(elsewhere.page.localStorage.getItem(`${APP}:common_store/appId`)).toBeNull();
    expect(elsewhere.page.reloads).toBe(0);
    expect(revoked).toEqual(['cometchat-uid-4_token']);
    expect(reports).toEqual([expect.objectContaining({ type: 'loginFailure', error: expect.objectContaining({ code: 'ERR_PAGE_ORIGIN_CHANGED' }) })]);
  });

  it('should leave the page untouched when the background refuses the target', async () => {
    const fake = pageLoggedInAsUid1();
    const before = fake.page.localStorage.getItem(USER_KEY);
    const refusal = new CometChatException({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', message: 'revoked', details: {} });
    const { switcher, reports } = switcherFor(fake, async () => {
      throw refusal;
    });

    await expect(switcher.switchTo(slot, { authToken: 'revoked' })).rejects.toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });

    expect(fake.page.localStorage.getItem(USER_KEY)).toBe(before);
    expect(fake.page.reloads).toBe(0);
    expect(reports).toEqual([
      expect.objectContaining({ type: 'loginFailure', error: expect.objectContaining({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' }) }),
    ]);
  });

  it('should give up waiting for a reload that never finishes, and restore', async () => {
    const fake = pageLoggedInAsUid1();
    const stuck = { ...fake.inspected, reload: vi.fn(async () => undefined) };
    let clock = 0;
    const switcher = createPageSwitcher({
      inspected: stuck,
      origin: 'http://127.0.0.1:5173',
      requestGrant: async () => grantFor('cometchat-uid-3'),
      revoke: async () => true,
      report: async () => undefined,
      now: () => (clock += 1000),
      sleep: async () => undefined,
      reloadTimeoutMs: 5000,
    });

    await expect(switcher.switchTo(slot, { uid: 'cometchat-uid-3' })).rejects.toMatchObject({ code: 'ERR_PAGE_RELOAD_TIMEOUT' });
  });
});

describe('reading a page between two documents', () => {
  it.each([
    ['unreachable', 'ERR_PAGE_UNREACHABLE'],
    ['not scriptable yet', 'ERR_PAGE_SCRIPT'],
  ])('should wait while the page is %s, then read it', async (_name, code) => {
    const fake = pageLoggedInAsUid1();
    let failures = 2;
    const reloading = {
      ...fake.inspected,
      run: ((fn, ...args) =>
        failures-- > 0
          ? Promise.reject(new CometChatException({ code, message: 'reloading', details: {} }))
          : fake.inspected.run(fn, ...args)) as typeof fake.inspected.run,
    };
    const switcher = createPageSwitcher({
      inspected: reloading,
      origin: 'http://127.0.0.1:5173',
      requestGrant: async () => grantFor('x'),
      revoke: async () => true,
      report: async () => undefined,
      sleep: async () => undefined,
    });

    const inspection = await switcher.readWhenSettled();

    expect(inspection.sessions[0]?.user?.uid).toBe('cometchat-uid-1');
  });

  it('should give up once the page stays unreadable past the settle timeout, with its error', async () => {
    const fake = pageLoggedInAsUid1();
    let clock = 0;
    const unreachable = {
      ...fake.inspected,
      run: (async () =>
        Promise.reject(new CometChatException({ code: 'ERR_PAGE_UNREACHABLE', message: 'gone', details: {} }))) as typeof fake.inspected.run,
    };
    const switcher = createPageSwitcher({
      inspected: unreachable,
      origin: 'http://127.0.0.1:5173',
      requestGrant: async () => grantFor('x'),
      revoke: async () => true,
      report: async () => undefined,
      now: () => (clock += 1000),
      sleep: async () => undefined,
      settleTimeoutMs: 5000,
    });

    await expect(switcher.readWhenSettled()).rejects.toMatchObject({ code: 'ERR_PAGE_UNREACHABLE' });
  });

  it('should not wait on an error that a reload does not explain', async () => {
    const fake = pageLoggedInAsUid1();
    const run = vi.fn(async () => Promise.reject(new CometChatException({ code: 'ERR_INTERNAL', message: 'bug', details: {} })));
    const switcher = createPageSwitcher({
      inspected: { ...fake.inspected, run },
      origin: 'http://127.0.0.1:5173',
      requestGrant: async () => grantFor('x'),
      revoke: async () => true,
      report: async () => undefined,
      sleep: async () => undefined,
    });

    await expect(switcher.readWhenSettled()).rejects.toMatchObject({ code: 'ERR_INTERNAL' });
    expect(run).toHaveBeenCalledTimes(1);
  });
});

describe('logging the page out', () => {
  it('should remove the user and settings, reload, and confirm no user is left', async () => {
    const fake = pageLoggedInAsUid1();
    const { switcher, reports, revoked } = switcherFor(fake);

    const outcome = await switcher.logout(slot);

    expect(outcome).toEqual({ tokenRevoked: null });
    expect(fake.page.localStorage.getItem(USER_KEY)).toBeNull();
    expect(fake.page.localStorage.getItem(SETTINGS_KEY)).toBeNull();
    expect(revoked).toEqual([]);
    expect(reports).toEqual([expect.objectContaining({ type: 'logoutSuccess', uid: 'cometchat-uid-1' })]);
  });

  it('should also revoke the token when asked, once the reloaded page has let go of it', async () => {
    const fake = pageLoggedInAsUid1();
    const { switcher, revoked } = switcherFor(fake);
    // A page that did not log out (it logged itself back in) still runs its token: it is revoked only after the check.
    const reloadsAtRevoke: number[] = [];
    const watched = createPageSwitcher({
      inspected: fake.inspected,
      origin: 'http://127.0.0.1:5173',
      requestGrant: async () => grantFor('x'),
      revoke: async () => (reloadsAtRevoke.push(fake.page.reloads), true),
      report: async () => undefined,
      sleep: async () => undefined,
    });

    const outcome = await switcher.logout(slot, { revokeToken: true });
    fake.page.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1', authToken: 't2' }));
    await watched.logout(slot, { revokeToken: true });

    expect(revoked).toEqual(['t1']);
    expect(outcome).toEqual({ tokenRevoked: true });
    expect(reloadsAtRevoke).toEqual([2]);
  });

  it('should not log out a page of another origin than the one the logout is for', async () => {
    const elsewhere = createFakeInspectedWindow({ origin: 'http://127.0.0.1:4000' });
    elsewhere.page.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1', authToken: 't1' }));
    const { switcher, revoked } = switcherFor(elsewhere);

    await expect(switcher.logout(slot, { revokeToken: true })).rejects.toMatchObject({ code: 'ERR_PAGE_ORIGIN_CHANGED' });

    expect(elsewhere.page.localStorage.getItem(USER_KEY)).not.toBeNull();
    expect(elsewhere.page.reloads).toBe(0);
    expect(revoked).toEqual([]);
  });

  it('should say so when the server no longer knew the token it was asked to revoke', async () => {
    const fake = createFakeInspectedWindow();
    fake.page.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', authToken: 'gone', jwt: 'j1' }));
    const { switcher } = switcherFor(fake);

    expect(await switcher.logout(slot, { revokeToken: true })).toEqual({ tokenRevoked: false });
  });
});

describe('waiting for the reload', () => {
  it('should stop waiting as soon as the browser says the tab has loaded, not at the next poll', async () => {
    let loaded = false;
    let navigated: (() => void) | undefined;
    const inspected: InspectedWindow = {
      // The page's answers: the marked document is replaced and complete once loaded.
      run: async (fn, ..._args) => ((fn as unknown) === reloadState ? { replaced: loaded, complete: loaded } : undefined) as never,
      origin: async () => 'http://127.0.0.1:5173',
      async reload() {
        setTimeout(() => {
          loaded = true;
          navigated?.();
        }, 5);
      },
      onNavigated(listener) {
        navigated = listener;
        return () => (navigated = undefined);
      },
    };
    const switcher = createPageSwitcher({
      inspected,
      origin: 'http://127.0.0.1:5173',
      requestGrant: async () => grantFor('cometchat-uid-2'),
      revoke: async () => true,
      report: async () => undefined,
      // A poll that never comes: only the browser's word can end the wait.
      sleep: () => new Promise(() => undefined),
    });

    await switcher.reloadAndWait();

    expect(loaded).toBe(true);
    expect(navigated, 'stopped listening once done').toBeUndefined();
  });
});
