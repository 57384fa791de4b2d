import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@/emulator';
import { startAppTestBed, type AppTestBed } from './support/app-test-bed';
import type { ChromiumWithExtension } from './support/chromium';
import { FixtureApp } from './support/fixture-app';
import type { FixtureServer } from './support/fixture-server';
import type { PanelPage } from './support/panel-page';

/** The user the origin's shared localStorage holds, read raw in an unpinned tab (a pinned tab's reads are its own). */
const sharedUid = (page: Page, appId: string) =>
  page.evaluate((key) => {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(JSON.parse(raw)) as { uid: string }).uid : null;
  }, `${appId}:common_store/user`);

/** Gives the tab a URL of its own (a fragment: the app ignores it), so that the extension's tab list tells it apart. */
const nameTab = (app: FixtureApp, name: string) =>
  app.page.evaluate((hash) => history.replaceState(null, '', `${location.pathname}${location.search}#${hash}`), name);

/** The app's own view of its socket: the fixture records its ConnectionListener's events since the page loaded. */
const socketConnected = (app: FixtureApp) => app.page.evaluate(() => (window as any).fixture.connection.includes('connected'));

/**
 * Two users of one app at once in Chromium: two tabs of one origin pinned to cometchat-uid-1 and cometchat-uid-2 (one
 * pinned in place, one opened pinned), each running its own user with the official SDK against the emulator, and an
 * unpinned third tab following the origin's localStorage as before.
 */
describe('tabs pinned to a user in Chromium', () => {
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let browser: ChromiumWithExtension;
  let pinnedOne: FixtureApp;
  let pinnedTwo: FixtureApp;
  let shared: FixtureApp;
  let panel: PanelPage;

  let bed: AppTestBed;

  beforeAll(async () => {
    bed = await startAppTestBed();
    ({ emulator, fixtures, browser } = bed);

    // The site's shared session: cometchat-uid-3, logged in by the app itself.
    pinnedOne = new FixtureApp(await browser.context.newPage());
    await pinnedOne.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await nameTab(pinnedOne, 'one');
    await pinnedOne.appLogin('cometchat-uid-3', emulator.authKey);
    panel = await bed.openPanel(pinnedOne.page, { width: 1000, height: 1000 });
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('should pin the inspected tab to cometchat-uid-1, asking once for the site, and leave the shared session alone', async () => {
    await panel.pinTab('cometchat-uid-1', 'this tab');
    await expect.poll(() => panel.pageQuestion.textContent()).toContain(`Site: ${fixtures.url}`);
    await panel.answerPageQuestion('Yes, write into this site');

    await expect
      .poll(() => panel.appTabsStatus.textContent(), { timeout: 20_000 })
      .toContain('This tab is pinned to Andrew Joseph (cometchat-uid-1).');
    expect(await pinnedOne.loggedInUid()).toBe('cometchat-uid-1');
    await expect.poll(() => panel.monitorStrip.textContent()).toContain('Pinned to cometchat-uid-1');
    // The page card shows the session the tab runs, and offers no "Stored app" made of the extension's own keys.
    await expect.poll(() => panel.pageUser.textContent()).toContain('cometchat-uid-1');
    expect(await panel.pageSession.textContent()).not.toContain('__cometchat_inspector');
    // The app logged in as cometchat-uid-3 by itself; cometchat-uid-1 was the extension's write, not the app's.
    const activities = await panel.activities();
    expect(activities).toContain('app login cometchat-uid-3');
    expect(activities).not.toContain('app login cometchat-uid-1');
    // The tab's own badge: its user, in the pinned colour, and a tooltip that says so.
    const badge = await panel.page.evaluate(
      async (tabId) => {
        const { action } = (globalThis as any).chrome;
        return {
          text: await action.getBadgeText({ tabId }),
          title: await action.getTitle({ tabId }),
          color: await action.getBadgeBackgroundColor({ tabId }),
        };
      },
      await tabIdOf(panel, pinnedOne.page),
    );
    expect(badge).toEqual({
      text: 'U1',
      title: expect.stringContaining('this tab is pinned to Andrew Joseph (cometchat-uid-1)'),
      color: [0, 105, 92, 255],
    });
  });

  it('should open the app in a new tab pinned to George Alan after a worker stop, the first tab staying pinned', async () => {
    // The restarted worker checks its pins first (their tabs are still there), then pins the new tab.
    await browser.stopServiceWorker();
    const opened = browser.context.waitForEvent('page');
    await panel.pinTab('cometchat-uid-2', 'new tab');

    pinnedTwo = new FixtureApp(await opened);
    await expect
      .poll(() => panel.appTabsStatus.textContent(), { timeout: 20_000 })
      .toContain('Opened a new tab pinned to George Alan (cometchat-uid-2).');
    await pinnedTwo.ready();
    await nameTab(pinnedTwo, 'two');
    expect(await pinnedTwo.loggedInUid()).toBe('cometchat-uid-2');
    const firstTab = await tabIdOf(panel, pinnedOne.page);
    expect((await panel.appTabRows()).find((row) => row.tabId === firstTab)).toMatchObject({
      pinned: true,
      text: expect.not.stringContaining('A copy of a pinned tab'),
    });
    expect(await panel.appTabs.textContent()).not.toContain('closed at');
  });

  it('should run the two users at once: each SDK reports its own user after a reload of either, both sockets connect, both calls succeed', async () => {
    shared = new FixtureApp(await browser.context.newPage());
    await shared.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await nameTab(shared, 'shared');

    for (const app of [pinnedOne, pinnedTwo]) {
      await app.page.reload();
      await app.ready();
    }

    expect(await pinnedOne.loggedInUid()).toBe('cometchat-uid-1');
    expect(await pinnedTwo.loggedInUid()).toBe('cometchat-uid-2');
    expect(await shared.loggedInUid()).toBe('cometchat-uid-3');
    expect(await sharedUid(shared.page, emulator.appId)).toBe('cometchat-uid-3');
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
        (await panel.appTabRows()).map((row) => row.text.split('\n').find((line) => line.includes('(pinned to ') || line.includes('(shared)'))),
      )
      .toEqual(
        expect.arrayContaining([
          'cometchat-uid-1 (pinned to cometchat-uid-1)',
          'cometchat-uid-2 (pinned to cometchat-uid-2)',
          'cometchat-uid-3 (shared)',
        ]),
      );
    await panel.screenshot('chromium-panel-pinned-tabs');
  });

  it('should log out one pinned tab and leave the other pinned tab and the shared tab logged in', async () => {
    await pinnedOne.appLogout();

    expect(await pinnedOne.loggedInUid()).toBeNull();
    await pinnedTwo.page.reload();
    expect(await pinnedTwo.loggedInUid()).toBe('cometchat-uid-2');
    await shared.page.reload();
    expect(await shared.loggedInUid()).toBe('cometchat-uid-3');
    expect(await sharedUid(shared.page, emulator.appId)).toBe('cometchat-uid-3');
  });

  it('should warn that an unpinned tab still runs the older user after another tab switched the site', async () => {
    const other = new FixtureApp(await browser.context.newPage());
    await other.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await nameTab(other, 'other');
    const otherPanel = await bed.openPanel(other.page);

    await otherPanel.switchPageTo('Susan Marie');
    await expect
      .poll(() => otherPanel.pageStatus.textContent(), { timeout: 20_000 })
      .toContain('The page is now logged in as Susan Marie (cometchat-uid-4).');

    // The switched tab's own Tabs card follows its reload: an answer read mid-reload must not overwrite a later one.
    await expect
      .poll(async () => (await otherPanel.appTabRows()).find((row) => row.text.includes('(this tab)'))?.text, { timeout: 10_000 })
      .toContain('cometchat-uid-4 (shared)');
    const sharedTab = await tabIdOf(panel, shared.page);
    await expect
      .poll(async () => (await panel.appTabRows()).find((row) => row.tabId === sharedTab), { timeout: 10_000 })
      .toMatchObject({ stale: true, text: expect.stringContaining("Still runs cometchat-uid-3: the site's storage now says cometchat-uid-4") });
    await otherPanel.page.close();
  });

  it('should offer to revoke the token of a pinned tab once it closes, and revoke it', async () => {
    const before = emulator.requestLog.length;
    await pinnedTwo.page.close();

    await expect.poll(() => panel.appTabs.textContent(), { timeout: 10_000 }).toContain('A tab pinned to George Alan (cometchat-uid-2) closed at');
    await panel.appTabs.getByRole('button', { name: 'Revoke its token' }).click();

    await expect.poll(() => panel.appTabsStatus.textContent()).toContain("The token of cometchat-uid-2's closed tab is revoked.");
    expect(emulator.requestLog.slice(before)).toContainEqual({ method: 'DELETE', route: 'me' });
  });
});

/** The browser's id of the tab showing `page`, as the extension sees it. */
function tabIdOf(panel: PanelPage, page: Page): Promise<number> {
  return panel.page.evaluate(async (url) => {
    const tabs: Array<{ id?: number; url?: string }> = await (globalThis as any).chrome.tabs.query({});
    return tabs.find((tab) => tab.url === url)!.id!;
  }, page.url());
}
