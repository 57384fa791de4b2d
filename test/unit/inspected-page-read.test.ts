import { describe, expect, it } from 'vitest';
import { PIN_KEY, PINNED_PREFIX } from '@/lib/page/reports';
import { readInspectedPage } from '@/lib/page/read-inspected-page';
import { grantableSite } from '@/lib/sites';
import { createFakeInspectedWindow, sdkEncode } from '../fakes/fake-inspected-window';

const ORIGIN = 'http://127.0.0.1:5173';
const APP = 'app-1';
const USER_KEY = `${APP}:common_store/user`;
const noWait = { sleep: async () => undefined, settleTimeoutMs: 0 };

/** A page of ORIGIN logged in as cometchat-uid-1, read by the panel through DevTools (its site not allowed). */
function appPage() {
  const fake = createFakeInspectedWindow({ origin: ORIGIN });
  fake.page.localStorage.setItem(USER_KEY, sdkEncode({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', authToken: 'page-token-1234' }));
  return fake;
}

/** What a hostile page makes every page function answer: its own JSON in place of the real one. */
const forgeAnswer = (value: unknown) => `JSON.stringify = () => ${JSON.stringify(JSON.stringify({ ok: true, value }))};`;

describe("the panel's read of a page through DevTools", () => {
  it('should show the user the page stores, under the origin DevTools reports, its token masked', async () => {
    const fake = appPage();

    const inspection = await readInspectedPage(fake.inspected, noWait);

    expect(inspection).toEqual({
      origin: ORIGIN,
      hasSdk: true,
      sessions: [
        { storage: 'localStorage', appId: APP, user: { uid: 'cometchat-uid-1', name: 'Andrew Joseph', authToken: '••••••••1234' }, hosts: {} },
      ],
    });
  });

  it("should name the browser's origin, not the one a page forges through its own JSON.stringify and location", async () => {
    const fake = appPage();
    // The page names every https site as its origin, and tries to replace `location` too (a browser refuses that).
    fake.runPageScript(`
      ${forgeAnswer({ origin: 'https://*', hasSdk: true, sessions: [] })}
      try { location = { origin: 'https://*' }; } catch {}
      try { Object.defineProperty(window, 'location', { value: { origin: 'https://*' } }); } catch {}
    `);

    const inspection = await readInspectedPage(fake.inspected, noWait);

    expect(inspection.origin).toBe(ORIGIN);
    // What the panel would offer access to: the page's own site, never a pattern for many.
    expect(grantableSite(inspection.origin)).toBe('http://127.0.0.1');
  });

  it('should keep only well-shaped sessions of a forged answer, each value of the right type', async () => {
    const fake = appPage();
    fake.runPageScript(
      forgeAnswer({
        origin: 'https://*',
        hasSdk: 'yes',
        sessions: [
          'not a session',
          null,
          { storage: 'indexedDB', appId: 'elsewhere' },
          { storage: 'localStorage', appId: 7 },
          { storage: 'sessionStorage', appId: 'forged', user: { uid: 5, name: 'Five' }, hosts: 'host' },
          { storage: 'localStorage', appId: APP, user: { uid: 'u1', name: ['N'], avatar: 9, authToken: 'forged-token-9876' }, hosts: { client: 1 } },
        ],
      }),
    );

    const inspection = await readInspectedPage(fake.inspected, noWait);

    expect(inspection).toEqual({
      origin: ORIGIN,
      hasSdk: false,
      sessions: [
        { storage: 'sessionStorage', appId: 'forged', user: null, hosts: {} },
        { storage: 'localStorage', appId: APP, user: { uid: 'u1', name: '', authToken: '••••••••9876' }, hosts: {} },
      ],
    });
  });

  it('should show an answer that is not a page inspection at all as a page with no CometChat', async () => {
    const fake = appPage();
    fake.runPageScript(forgeAnswer('sessions'));

    expect(await readInspectedPage(fake.inspected, noWait)).toEqual({ origin: ORIGIN, hasSdk: false, sessions: [] });
  });

  it("should not read the extension's own keys in a pinned tab as an app", async () => {
    const fake = appPage();
    fake.page.sessionStorage.setItem(PIN_KEY, JSON.stringify({ uid: 'cometchat-uid-2', pinnedAt: 1 }));
    fake.page.sessionStorage.setItem(`${PINNED_PREFIX}${USER_KEY}`, sdkEncode({ uid: 'cometchat-uid-2', name: 'George Alan' }));
    fake.page.sessionStorage.setItem(`${PINNED_PREFIX}${APP}:common_store/appId`, sdkEncode(APP));

    const inspection = await readInspectedPage(fake.inspected, noWait);

    expect(inspection.sessions.map((session) => `${session.storage} ${session.appId}`)).toEqual([`localStorage ${APP}`]);
  });
});
