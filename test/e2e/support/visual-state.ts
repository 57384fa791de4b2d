import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { DB_NAME, META_KEYS, STORES } from '@/lib/store/schema';

/**
 * Fixed content for the visual checks: one app, two held sessions and a short event log, all with fixed
 * times and tokens, written straight into the extension's database. Nothing on these screens depends on the clock,
 * a random port or a random token.
 */
const VISUAL_APP = {
  id: 'visual-app',
  label: 'Acme staging',
  appId: '2590c3a8b1f0e4d7',
  region: 'us',
  authKey: 'visual0auth0key00000000000000000000f3c1',
  // Chromium refuses port 9 (an "unsafe port") before any connection: a login fails at once and the same way every run.
  apiHost: 'http://127.0.0.1:9',
};

/** The inspected page of the panel shots: a fixed origin served by the test itself, holding a CometChat session. */
export const VISUAL_PAGE_ORIGIN = 'http://shop.example.test';

const AT = Date.UTC(2026, 0, 15, 9, 30, 0);
/** The clock of the screens that show a token's age: five days after the tokens were minted. */
export const VISUAL_NOW = AT + 5 * 86_400_000;
const user = (uid: string, name: string, lastActiveAt: number) => ({
  uid,
  name,
  status: 'online',
  role: 'default',
  lastActiveAt,
  createdAt: 1_690_000_000,
  tags: ['visual'],
});
const token = (uid: string) => `${uid}_1768469400` + '0123456789abcdef0123456789abcd';

const SESSIONS = [
  {
    profileId: VISUAL_APP.id,
    uid: 'cometchat-uid-1',
    user: user('cometchat-uid-1', 'Andrew Joseph', 1_768_469_100),
    authToken: token('cometchat-uid-1'),
    loggedInAt: AT - 300_000,
  },
  {
    profileId: VISUAL_APP.id,
    uid: 'cometchat-uid-3',
    user: user('cometchat-uid-3', 'Nancy Grace', 1_768_469_400),
    authToken: token('cometchat-uid-3'),
    loggedInAt: AT,
  },
];

const EVENTS = [
  {
    seq: 1,
    at: AT - 300_000,
    type: 'loginSuccess',
    appId: VISUAL_APP.appId,
    uid: 'cometchat-uid-1',
    method: 'authKey',
    source: 'popup',
    durationMs: 184,
  },
  {
    seq: 2,
    at: AT - 240_000,
    type: 'loginFailure',
    appId: VISUAL_APP.appId,
    uid: 'cometchat-uid-9',
    method: 'authKey',
    source: 'popup',
    durationMs: 97,
    error: {
      code: 'ERR_UID_NOT_FOUND',
      message: 'The UID cometchat-uid-9 does not exist, please make sure you have created a user with UID cometchat-uid-9.',
      details: { uid: 'cometchat-uid-9', authToken: token('cometchat-uid-9') },
    },
  },
  {
    seq: 3,
    at: AT - 180_000,
    type: 'loginSuccess',
    appId: VISUAL_APP.appId,
    uid: 'cometchat-uid-4',
    method: 'authToken',
    source: 'devtools-panel',
    durationMs: 73,
    target: 'page',
    pageOrigin: VISUAL_PAGE_ORIGIN,
  },
  {
    seq: 4,
    at: AT - 60_000,
    type: 'logoutSuccess',
    appId: VISUAL_APP.appId,
    uid: 'cometchat-uid-4',
    source: 'devtools-panel',
    durationMs: 41,
    target: 'page',
    pageOrigin: VISUAL_PAGE_ORIGIN,
  },
  { seq: 5, at: AT, type: 'loginSuccess', appId: VISUAL_APP.appId, uid: 'cometchat-uid-3', method: 'authKey', source: 'popup', durationMs: 162 },
];

/**
 * What the inspected shop's page agent last said (`pageActivity`, event 6): its socket authenticated as Susan Marie.
 * The panel's live strip shows it for the tab it was reported from, so it needs that tab's id.
 */
function pageActivity(tabId: number) {
  const since = AT - 30_000;
  const agentStatus = {
    sdkVersion: 'javascript@4.2.0',
    hasGlobalSdk: true,
    users: [{ appId: VISUAL_APP.appId, uid: 'cometchat-uid-4' }],
    stored: [{ appId: VISUAL_APP.appId, uid: 'cometchat-uid-4' }],
    sessionStorageApps: [],
    socket: { state: 'authenticated', since },
    pin: null,
  };
  return {
    seq: 6,
    at: since,
    type: 'pageActivity',
    appId: VISUAL_APP.appId,
    uid: 'cometchat-uid-4',
    source: 'page-agent',
    durationMs: 0,
    target: 'app',
    pageOrigin: VISUAL_PAGE_ORIGIN,
    tabId,
    activity: { kind: 'socket', state: 'authenticated' },
    agentStatus,
  };
}

/** The shop's tab as the background keeps it after that report (the panel's live strip and Tabs card show it). */
function tabState(tabId: number) {
  const { at, agentStatus } = pageActivity(tabId);
  return { tabId, origin: VISUAL_PAGE_ORIGIN, title: 'Shop', agent: agentStatus, reportedAt: at, loadedAt: at };
}

/**
 * What `seedVisualDatabase` writes: the app, and with sessions also the held sessions and the event log; with
 * `activityTabId`, also the tab's state after the page agent's report from it (This tab, the panel's live strip), and
 * with sessions the report itself.
 * A running background keeps in memory the tab states it knows and the state it last read: stop it after every seed, so
 * it reads the seed.
 */
export function visualSeed(withSessions: boolean, activityTabId?: number, pinned = false) {
  return {
    name: DB_NAME,
    stores: STORES,
    keys: META_KEYS,
    app: VISUAL_APP,
    sessions: withSessions ? SESSIONS : [],
    events: withSessions ? [...EVENTS, ...(activityTabId === undefined ? [] : [pageActivity(activityTabId)])] : [],
    tabStates: activityTabId !== undefined ? [tabState(activityTabId)] : [],
    // With `pinned`, the shop's tab is pinned to the user its page runs (the popup's This tab says so).
    pinnedTabs:
      pinned && activityTabId !== undefined
        ? [
            {
              tabId: activityTabId,
              origin: VISUAL_PAGE_ORIGIN,
              profileId: VISUAL_APP.id,
              appId: VISUAL_APP.appId,
              uid: 'cometchat-uid-4',
              name: 'Susan Marie',
              pinnedAt: AT,
            },
          ]
        : [],
    // The tester's yes to writing the app's sessions into the inspected shop's pages (the Sites view lists it).
    siteConsents: withSessions ? [{ profileId: VISUAL_APP.id, origin: VISUAL_PAGE_ORIGIN, grantedAt: AT }] : [],
  };
}

/**
 * Runs in an extension page (`page.evaluate(seedVisualDatabase, visualSeed(…))`, Playwright or Puppeteer): replaces the
 * apps, sessions and events in the extension's database by the seed's, makes the app active (with Nancy Grace logged in when there are sessions).
 */
export async function seedVisualDatabase({
  name,
  stores,
  keys,
  app,
  sessions,
  events,
  siteConsents,
  tabStates,
  pinnedTabs,
}: ReturnType<typeof visualSeed>): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB failed'));
  });
  const tx = db.transaction([stores.PROFILES, stores.SESSIONS, stores.EVENTS, stores.META], 'readwrite');
  // What an earlier screen left (its page agent's reports, say) would show beside the seed.
  for (const store of [stores.PROFILES, stores.SESSIONS, stores.EVENTS]) tx.objectStore(store).clear();
  tx.objectStore(stores.PROFILES).put({ ...app, activeUid: sessions.length ? 'cometchat-uid-3' : null, order: 0 });
  for (const session of sessions) tx.objectStore(stores.SESSIONS).put(session);
  for (const event of events) tx.objectStore(stores.EVENTS).put(event);
  tx.objectStore(stores.META).put(app.id, keys.ACTIVE_PROFILE_ID);
  tx.objectStore(stores.META).put(events.length, keys.LAST_SEQ);
  tx.objectStore(stores.META).put(siteConsents, keys.SITE_CONSENTS);
  tx.objectStore(stores.META).put(tabStates, keys.TAB_STATES);
  tx.objectStore(stores.META).put(pinnedTabs, keys.PINNED_TABS);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB failed'));
  });
  db.close();
}

/**
 * Runs in an extension page: whether the background has stored a report of `tabId`'s page agent. A screen that seeds
 * the tab's state waits for it first, or the real report, landing after the seed, would stand in for it.
 */
export async function agentHasReported({
  name,
  stores,
  keys,
  tabId,
}: {
  name: string;
  stores: typeof STORES;
  keys: typeof META_KEYS;
  tabId: number;
}) {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB failed'));
  });
  const states = await new Promise<unknown>((resolve, reject) => {
    const read = db.transaction(stores.META).objectStore(stores.META).get(keys.TAB_STATES);
    read.onsuccess = () => resolve(read.result);
    read.onerror = () => reject(read.error ?? new Error('IndexedDB failed'));
  });
  db.close();
  return Array.isArray(states) && states.some((state: { tabId?: number; agent?: unknown }) => state.tabId === tabId && state.agent);
}

/** Seeds the database from a Playwright page; see `seedVisualDatabase`. */
export async function seedVisualState(
  page: Page,
  { withSessions, activityTabId, pinned = false }: { withSessions: boolean; activityTabId?: number; pinned?: boolean },
): Promise<void> {
  await page.evaluate(seedVisualDatabase, visualSeed(withSessions, activityTabId, pinned));
}

const PAGE_USER = { ...user('cometchat-uid-4', 'Susan Marie', 1_768_469_220), authToken: token('cometchat-uid-4') };
const PAGE_HTML = `<!doctype html><title>Shop</title><script>
localStorage.setItem('${VISUAL_APP.appId}:common_store/user', JSON.stringify(JSON.stringify(${JSON.stringify(PAGE_USER)})));
localStorage.setItem('${VISUAL_APP.appId}:common_store/app_settings', JSON.stringify(JSON.stringify({ CLIENT_API_HOST: 'client.example.test', ADMIN_API_HOST: 'admin.example.test' })));
</script><h1>Shop</h1>`;

/**
 * Serves the inspected page at VISUAL_PAGE_ORIGIN, and fails the test users' avatar pictures at once (this machine
 * is offline): every tile shows its initials, the same on every run.
 */
export async function routeVisualNetwork(context: BrowserContext): Promise<void> {
  await context.route(`${VISUAL_PAGE_ORIGIN}/**`, (route) => route.fulfill({ contentType: 'text/html', body: PAGE_HTML }));
  await context.route('https://assets.cometchat.io/**', (route) => route.abort());
}

/**
 * Serves the inspected page at VISUAL_PAGE_ORIGIN to Firefox, which has no request routing like Playwright's: a proxy
 * on a random loopback port, and `prefs` for the launch whose proxy script sends only that host there. The origin stays
 * `http://shop.example.test` (no port), the same on every run. Everything else goes out as before (offline here, so
 * the avatars fail and the tiles show initials).
 */
export async function serveVisualPageToFirefox(): Promise<{ prefs: Record<string, string | number | boolean>; close(): Promise<void> }> {
  const { host } = new URL(VISUAL_PAGE_ORIGIN);
  const server = createServer((request, response) => {
    // A proxy is asked for the absolute URL; anything but the shop is refused.
    if (request.headers.host !== host) return response.writeHead(502).end();
    response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE_HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const pac = `function FindProxyForURL(url, host) { return host === ${JSON.stringify(host)} ? 'PROXY 127.0.0.1:${port}' : 'DIRECT'; }`;
  return {
    prefs: {
      'network.proxy.type': 2,
      'network.proxy.autoconfig_url': `data:text/plain,${encodeURIComponent(pac)}`,
      // Firefox would first try the shop over https (HTTPS-First); the page is served over http only.
      'dom.security.https_first': false,
      'dom.security.https_first_schemeless': false,
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs in the page (`waitForFunction`): true once no avatar's picture is still loading (shown, or failed: initials). */
export function avatarsSettled(): boolean {
  return document.querySelector('.avatar[data-picture="loading"]') === null;
}

/** Resolves once every avatar has settled (see `avatarsSettled`). */
export async function waitForAvatars(page: Page): Promise<void> {
  await page.waitForFunction(avatarsSettled);
}
