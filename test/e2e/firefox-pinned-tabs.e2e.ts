import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@/emulator';
import { evaluateIn } from './support/any-page';
import type { FirefoxWithExtension } from './support/firefox';
import { startFirefoxAppTestBed, type FirefoxAppTestBed } from './support/firefox-app-test-bed';
import { APP_TABS, APP_TABS_STATUS, MONITOR_STRIP, PAGE_QUESTION, panelAppTabRows, pinTabFromPanel } from './support/firefox-app-panel';
import { openFirefoxDevtoolsPanel, type FirefoxDevtoolsPanel } from './support/firefox-devtools';
import { FixtureApp } from './support/fixture-app';
import type { FixtureServer } from './support/fixture-server';
import { waitFor } from './support/wait-for';

type App = FixtureApp<Page>;

/** The outcome line of the last page action in the page-session section. */
const PAGE_STATUS = '[data-testid="page-session"] [role="status"]';

/** The user the origin's shared localStorage holds, read raw in an unpinned tab (a pinned tab's reads are its own). */
const sharedUid = (app: App, appId: string) =>
  evaluateIn(
    app.page,
    (key) => {
      const raw = localStorage.getItem(key);
      return raw ? (JSON.parse(JSON.parse(raw)) as { uid: string }).uid : null;
    },
    `${appId}:common_store/user`,
  );

/** Gives the tab a URL of its own (a fragment: the app ignores it), so that the extension's tab list tells it apart. */
const nameTab = (app: App, name: string) =>
  evaluateIn(app.page, (hash) => history.replaceState(null, '', `${location.pathname}${location.search}#${hash}`), name);

/** The app's own view of its socket: the fixture records its ConnectionListener's events since the page loaded. */
const socketConnected = async (app: App) => (await app.connection()).includes('connected');

/**
 * Two users of one app at once in real Firefox (the MV2 build), driven from its real DevTools panel: two tabs of one
 * origin pinned to cometchat-uid-1 and cometchat-uid-2 (one pinned in place, one opened pinned), each running its own
 * user with the official SDK against the emulator, and an unpinned third tab following the origin's localStorage as
 * before (chromium-pinned-tabs.e2e.ts's twin).
 */
describe('tabs pinned to a user in Firefox DevTools', () => {
  let bed: FirefoxAppTestBed;
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let firefox: FirefoxWithExtension;
  let pinnedOne: App;
  let pinnedTwo: App;
  let shared: App;
  let panel: FirefoxDevtoolsPanel;

  beforeAll(async () => {
    bed = await startFirefoxAppTestBed();
    ({ emulator, fixtures, firefox } = bed);

    // The site's shared session: cometchat-uid-3, logged in by the app itself.
    pinnedOne = new FixtureApp(await firefox.browser.newPage());
    await pinnedOne.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await nameTab(pinnedOne, 'one');
    expect(await pinnedOne.appLogin('cometchat-uid-3', emulator.authKey)).toMatchObject({ uid: 'cometchat-uid-3' });
    panel = await openFirefoxDevtoolsPanel(firefox.browser, pinnedOne.page, 'CometChat');
  });

  afterEach(async ({ task }) => {
    await bed?.reportFailure(task.result?.state === 'fail', panel);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('should pin the inspected tab to cometchat-uid-1, asking once for the site, and leave the shared session alone', async () => {
    await pinTabFromPanel(panel, 'cometchat-uid-1', 'Andrew Joseph', 'this tab');
    await expect.poll(() => panel.text(PAGE_QUESTION)).toContain(`Site: ${fixtures.url}`);
    await panel.clickButton('Yes, write into this site');

    await expect.poll(() => panel.text(APP_TABS_STATUS), { timeout: 20_000 }).toContain('This tab is pinned to Andrew Joseph (cometchat-uid-1).');
    expect(await pinnedOne.loggedInUid()).toBe('cometchat-uid-1');
    await expect.poll(() => panel.text(MONITOR_STRIP)).toContain('Pinned to cometchat-uid-1');
    // The tab's own badge, read as the toolbar button shows it for that tab: its user, in the pinned colour, and a tooltip that says so.
    const badge = await inExtensionPage(
      firefox,
      async (tabId) => {
        const { browserAction } = (globalThis as any).browser;
        return {
          text: await browserAction.getBadgeText({ tabId }),
          title: await browserAction.getTitle({ tabId }),
          color: await browserAction.getBadgeBackgroundColor({ tabId }),
        };
      },
      await tabIdOf(firefox, pinnedOne.page.url()),
    );
    expect(badge).toEqual({
      text: 'U1',
      title: expect.stringContaining('this tab is pinned to Andrew Joseph (cometchat-uid-1)'),
      color: [0, 105, 92, 255],
    });
  });

  it('should open the app in a new tab pinned to George Alan', async () => {
    const known = new Set(await firefox.browser.pages());
    await pinTabFromPanel(panel, 'cometchat-uid-2', 'George Alan', 'new tab');

    await expect.poll(() => panel.text(APP_TABS_STATUS), { timeout: 20_000 }).toContain('Opened a new tab pinned to George Alan (cometchat-uid-2).');
    const opened = await waitFor('the tab the panel opened', async () => (await firefox.browser.pages()).find((page) => !known.has(page)));
    pinnedTwo = new FixtureApp(opened);
    await pinnedTwo.ready();
    await nameTab(pinnedTwo, 'two');
    expect(await pinnedTwo.loggedInUid()).toBe('cometchat-uid-2');
  });

  it('should run the two users at once: each SDK reports its own user after a reload of either, both sockets connect, both calls succeed', async () => {
    shared = new FixtureApp(await firefox.browser.newPage());
    await shared.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await nameTab(shared, 'shared');

    for (const app of [pinnedOne, pinnedTwo]) {
      await app.page.reload();
      await app.ready();
    }

    expect(await pinnedOne.loggedInUid()).toBe('cometchat-uid-1');
    expect(await pinnedTwo.loggedInUid()).toBe('cometchat-uid-2');
    expect(await shared.loggedInUid()).toBe('cometchat-uid-3');
    expect(await sharedUid(shared, emulator.appId)).toBe('cometchat-uid-3');
    await expect.poll(() => socketConnected(pinnedOne), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => socketConnected(pinnedTwo), { timeout: 15_000 }).toBe(true);
    // The server agrees: three sockets past their auth frame (two pinned users and the shared one).
    await expect.poll(() => emulator.authenticatedSockets(), { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    expect(await pinnedOne.getUser('cometchat-uid-5')).toEqual({ name: 'John Paul' });
    expect(await pinnedTwo.getUser('cometchat-uid-4')).toEqual({ name: 'Susan Marie' });
  });

  it('should list which tab runs which user', async () => {
    await expect
      .poll(async () =>
        (await panelAppTabRows(panel)).map((row) => row.text.split('\n').find((line) => line.includes('(pinned to ') || line.includes('(shared)'))),
      )
      .toEqual(
        expect.arrayContaining([
          'cometchat-uid-1 (pinned to cometchat-uid-1)',
          'cometchat-uid-2 (pinned to cometchat-uid-2)',
          'cometchat-uid-3 (shared)',
        ]),
      );
    await pinnedOne.page.bringToFront();
    await panel.screenshot('firefox-panel-pinned-tabs');
  });

  it('should log out one pinned tab and leave the other pinned tab and the shared tab logged in', async () => {
    expect(await pinnedOne.appLogout()).toEqual({});

    expect(await pinnedOne.loggedInUid()).toBeNull();
    await pinnedTwo.page.reload();
    expect(await pinnedTwo.loggedInUid()).toBe('cometchat-uid-2');
    await shared.page.reload();
    expect(await shared.loggedInUid()).toBe('cometchat-uid-3');
    expect(await sharedUid(shared, emulator.appId)).toBe('cometchat-uid-3');
  });

  it('should warn that an unpinned tab still runs the older user after another tab switched the site', async () => {
    const other: App = new FixtureApp(await firefox.browser.newPage());
    await other.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await nameTab(other, 'other');
    // A second DevTools panel, for the other tab, as a tester with two tabs inspected has.
    const otherPanel = await openFirefoxDevtoolsPanel(firefox.browser, other.page, 'CometChat');

    await otherPanel.clickButton('Switch the page to Susan Marie (cometchat-uid-4)');
    await expect
      .poll(() => otherPanel.text(PAGE_STATUS), { timeout: 20_000 })
      .toContain('The page is now logged in as Susan Marie (cometchat-uid-4).');

    const sharedTab = await tabIdOf(firefox, shared.page.url());
    await expect
      .poll(async () => (await panelAppTabRows(panel)).find((row) => row.tabId === sharedTab), { timeout: 10_000 })
      .toMatchObject({ stale: true, text: expect.stringContaining("Still runs cometchat-uid-3: the site's storage now says cometchat-uid-4") });
  });

  it('should offer to revoke the token of a pinned tab once it closes, and revoke it', async () => {
    const before = emulator.requestLog.length;
    await pinnedTwo.page.close();

    await expect.poll(() => panel.text(APP_TABS), { timeout: 10_000 }).toContain('A tab pinned to George Alan (cometchat-uid-2) closed at');
    await panel.clickButton('Revoke its token');

    await expect.poll(() => panel.text(APP_TABS_STATUS)).toContain("The token of cometchat-uid-2's closed tab is revoked.");
    expect(emulator.requestLog.slice(before)).toContainEqual({ method: 'DELETE', route: 'me' });
  });
});

/** Runs `fn(arg)` in an extension page (the popup's document, opened in a tab and closed again), where `browser` is the extension's API. */
async function inExtensionPage<R, A>(firefox: FirefoxWithExtension, fn: (arg: A) => Promise<R>, arg: A): Promise<R> {
  const page = await firefox.openPage('popup.html');
  try {
    return await evaluateIn(page, fn, arg);
  } finally {
    await page.close();
  }
}

/** The browser's id of the tab showing `url`, as the extension sees it. */
function tabIdOf(firefox: FirefoxWithExtension, url: string): Promise<number> {
  return inExtensionPage(
    firefox,
    async (wanted) => {
      const tabs: Array<{ id: number; url?: string }> = await (globalThis as any).browser.tabs.query({});
      return tabs.find((tab) => tab.url === wanted)!.id;
    },
    url,
  );
}
