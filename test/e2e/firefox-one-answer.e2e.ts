import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@/emulator';
import { evaluateIn } from './support/any-page';
import type { FirefoxWithExtension } from './support/firefox';
import { startFirefoxAppTestBed, type FirefoxAppTestBed } from './support/firefox-app-test-bed';
import { MONITOR_STRIP, panelAppTabRows } from './support/firefox-app-panel';
import { openFirefoxDevtoolsPanel, type FirefoxDevtoolsPanel } from './support/firefox-devtools';
import { openFirefoxToolbarPopup, type FirefoxToolbarPopup } from './support/firefox-popup';
import { FirefoxPopupPage } from './support/firefox-popup-page';
import { FixtureApp } from './support/fixture-app';
import type { FixtureServer } from './support/fixture-server';
import { waitFor } from './support/wait-for';

/** The page card's line about who the inspected page runs. */
const PAGE_USER = '[data-testid="page-user"]';

/**
 * One answer to "who is this tab?" in real Firefox (the MV2 build), the twin of chromium-apply-to-tab.e2e.ts's walk:
 * after every action taken in the real toolbar popup, the popup's This tab, the tab's toolbar badge and tooltip, the
 * real DevTools panel's live strip, its Tabs list row and its page card all name the same user.
 */
describe('one answer to "who is this tab?" in Firefox', () => {
  let bed: FirefoxAppTestBed;
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let firefox: FirefoxWithExtension;
  let app: FixtureApp<Page>;
  let panel: FirefoxDevtoolsPanel;
  /** An extension page kept in a background tab, to read the badge through `browserAction` as the extension sets it. */
  let extensionPage: FirefoxPopupPage;
  let tabId: number;

  /** Opens the real popup over the app's tab (a logged-in extension offers "Apply …" once it has loaded). */
  const openPopup = () => openFirefoxToolbarPopup(firefox, app.page, 'Log out');

  /** The extension logs in as `name` from its popup, opened as a page in a background tab. */
  const extensionLogsInAs = async (name: string, uid: string) => {
    await extensionPage.page.bringToFront();
    await extensionPage.loginAsTestUser(name, uid);
    await waitFor(`the extension to log in as ${uid}`, async () => (await extensionPage.currentUser()).includes(uid), 10_000);
  };

  /** Presses `button` in a freshly opened popup, waits for the popup to say `outcome`, and closes it. */
  const inPopup = async (button: string, outcome: string) => {
    const popup = await openPopup();
    try {
      await popup.clickButton(button);
      // The site's yes is asked once, on the first write into it.
      await expect
        .poll(async () => (await popup.text()).includes(outcome) || (await popup.text()).includes('Yes, write into this site'), { timeout: 20_000 })
        .toBe(true);
      if ((await popup.text()).includes('Yes, write into this site')) await popup.clickButton('Yes, write into this site');
      await expect.poll(() => popup.text(), { timeout: 20_000 }).toContain(outcome);
    } finally {
      await popup.close();
    }
  };

  /** What each view says this tab runs, read the way a tester reads it. */
  const answers = async (popup: FirefoxToolbarPopup) => {
    const badge = await evaluateIn(
      extensionPage.page,
      async (id) => {
        const { browserAction } = (globalThis as any).browser;
        return { text: (await browserAction.getBadgeText({ tabId: id })) as string, title: (await browserAction.getTitle({ tabId: id })) as string };
      },
      tabId,
    );
    const row = (await panelAppTabRows(panel)).find((candidate) => candidate.tabId === tabId);
    return {
      popup: await popup.text('[data-testid="this-tab-user"]'),
      popupText: await popup.text(),
      badge: badge.text,
      badgeTitle: badge.title,
      strip: await panel.text(MONITOR_STRIP),
      tabsRow: row?.text ?? '',
      tabsPinned: row?.pinned ?? false,
      pageCard: await panel.text(PAGE_USER),
    };
  };

  /** Every view names `name (uid)`, pinned or the site's shared session; a picture of the popup is kept to look at. */
  const agreeOn = async (uid: string, name: string, pinned: boolean) => {
    // The panel hears the page's change through the background: wait for it there first, then read every view at once.
    await expect.poll(() => panel.text(MONITOR_STRIP), { timeout: 20_000 }).toContain(uid);
    await expect.poll(() => panel.text(PAGE_USER), { timeout: 20_000 }).toContain(uid);
    const popup = await openPopup();
    try {
      await expect.poll(() => popup.text('[data-testid="this-tab-user"]')).toContain(`${name} (${uid})`);
      await popup.screenshot(`firefox-popup-this-tab-${uid}${pinned ? '-pinned' : ''}`);
      const seen = await answers(popup);
      // Applying the user the tab already runs would change nothing: the popup does not offer it.
      expect(seen.popupText).not.toContain(`Apply ${name} to this tab`);
      expect(seen).toMatchObject({
        popup: expect.stringContaining(`${name} (${uid})`),
        badge: `U${uid.slice(-1)}`,
        badgeTitle: expect.stringContaining(pinned ? `this tab is pinned to ${name} (${uid})` : `this tab runs ${name} (${uid})`),
        strip: expect.stringContaining(pinned ? `Pinned to ${uid}` : uid),
        tabsRow: expect.stringContaining(uid),
        tabsPinned: pinned,
        pageCard: expect.stringContaining(uid),
      });
      expect(seen.popup).toContain(pinned ? 'pinned' : 'shared session');
      if (!pinned) expect(seen.strip).not.toContain('Pinned');
    } finally {
      await popup.close();
    }
  };

  beforeAll(async () => {
    bed = await startFirefoxAppTestBed();
    ({ emulator, fixtures, firefox } = bed);
    extensionPage = new FirefoxPopupPage(await firefox.openPage('popup.html'));
    await extensionLogsInAs('George Alan', 'cometchat-uid-2');

    // The app runs Andrew by itself, in a tab inspected with the real DevTools panel.
    app = new FixtureApp(await firefox.browser.newPage());
    await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    expect(await app.appLogin('cometchat-uid-1', emulator.authKey)).toMatchObject({ uid: 'cometchat-uid-1' });
    panel = await openFirefoxDevtoolsPanel(firefox.browser, app.page, 'CometChat');
    tabId = await evaluateIn(
      extensionPage.page,
      async (url) => {
        const tabs: Array<{ id: number; url?: string }> = await (globalThis as any).browser.tabs.query({});
        return tabs.find((tab) => tab.url === url)!.id;
      },
      app.page.url(),
    );
  });

  afterEach(async ({ task }) => {
    await bed?.reportFailure(task.result?.state === 'fail', panel);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('should name Andrew Joseph everywhere while the app runs him by itself (the shared session)', async () => {
    await agreeOn('cometchat-uid-1', 'Andrew Joseph', false);
  });

  it('should name George Alan everywhere after "Apply George Alan to this tab" in the popup', async () => {
    await inPopup('Apply George Alan to this tab', 'is now logged in as George Alan (cometchat-uid-2)');

    await agreeOn('cometchat-uid-2', 'George Alan', false);
    expect(await app.loggedInUid()).toBe('cometchat-uid-2');
  });

  it('should name George Alan, pinned, everywhere after "Pin this tab to George Alan" in the popup', async () => {
    await inPopup('Pin this tab to George Alan', 'This tab is pinned to George Alan (cometchat-uid-2).');

    await agreeOn('cometchat-uid-2', 'George Alan', true);
  });

  it('should re-pin the tab to Nancy Grace when she is applied to it, and no view still names George', async () => {
    await extensionLogsInAs('Nancy Grace', 'cometchat-uid-3');

    await inPopup('Apply Nancy Grace to this tab', 'is now logged in as Nancy Grace (cometchat-uid-3)');

    await agreeOn('cometchat-uid-3', 'Nancy Grace', true);
    expect(await app.loggedInUid()).toBe('cometchat-uid-3');
  });

  it('should name the site\'s shared session (George Alan) everywhere after "Unpin this tab" in the popup', async () => {
    await inPopup('Unpin this tab', "Tab unpinned: it runs the site's shared session again.");

    await agreeOn('cometchat-uid-2', 'George Alan', false);
    expect(await app.loggedInUid()).toBe('cometchat-uid-2');
  });

  it('should allow the site of the tab it was opened over from its Sites view in one click, then offer to reload that tab', async () => {
    // Another site than the allowed one (localhost is not 127.0.0.1): the popup sees its address through activeTab only.
    const elsewhere = await firefox.browser.newPage();
    try {
      await elsewhere.goto(fixtures.url.replace('127.0.0.1', 'localhost'));
      await elsewhere.evaluate(() => ((window as unknown as { beforeReload?: boolean }).beforeReload = true));
      const popup = await openFirefoxToolbarPopup(firefox, elsewhere, 'Log out');
      try {
        await popup.clickButton('Sites');
        await popup.clickButton('Allow access to http://localhost');

        await expect.poll(() => popup.text()).toContain('http://localhost is allowed.');
        expect(await popup.text()).toContain('Reload to start watching.');
        await popup.clickButton(`Reload ${await elsewhere.title()}`);
      } finally {
        await popup.close();
      }
      await expect
        .poll(() => elsewhere.evaluate(() => (window as unknown as { beforeReload?: boolean }).beforeReload ?? false).catch(() => true))
        .toBe(false);
    } finally {
      await elsewhere.close();
    }
  });
});
