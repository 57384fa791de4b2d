import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath } from './support/paths';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { FixtureApp } from './support/fixture-app';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { createHiddenTargets } from './support/hidden-targets';
import { PanelPage } from './support/panel-page';
import { openPanelInspecting } from './support/stubbed-devtools';
import { PopupPage } from './support/popup-page';
import { startVirtualDisplay, type VirtualDisplay } from './support/virtual-display';
import { siteOf } from '@/lib/sites';

/**
 * "Apply to this tab" from the real toolbar popup. The popup is opened with its keyboard shortcut
 * (a user gesture, which is what grants `activeTab`), on a headed Chromium on a virtual display.
 */
describe('apply to this tab from the real popup in Chromium', () => {
  let display: VirtualDisplay;
  let emulator: Emulator;
  let fixtures: FixtureServer;
  /** The same fixture app on another port: another origin of the same (allowed) site. */
  let otherFixtures: FixtureServer;
  let browser: ChromiumWithExtension;
  let app: FixtureApp;

  /** Opens the real popup over `page`'s tab (the app's by default), as Alt+Shift+K does for a tester. */
  async function openRealPopup(page = app.page) {
    const hidden = createHiddenTargets(browser.cdp);
    await page.bringToFront();
    display.pressKeys('alt+shift+k');
    const target = await hidden.waitFor('the toolbar popup', async () =>
      (await hidden.targets()).find((candidate) => candidate.url === `chrome-extension://${browser.extensionId}/popup.html`),
    );
    const popup = hidden.handle(await hidden.attach(target.targetId));
    // A popup that is still loading cannot be read yet: that is "not yet", not a failure.
    await hidden.waitFor('the popup to show the user', async () => (await popup.text().catch(() => '')).includes('Log out'));
    return popup;
  }

  beforeAll(async () => {
    display = await startVirtualDisplay();
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    otherFixtures = await startFixtureServer();
    // The fixture's site is allowed (as a tester would have), so its pages run the page agent that pinning needs;
    // "Apply to this tab" itself needs no grant (activeTab).
    browser = await launchChromiumWithExtension({
      headless: false,
      display: display.display,
      acceptSelfSigned: true,
      allowedSites: [siteOf(fixtures.url)],
    });
    const setup = new PopupPage(await browser.openPage('popup.html'));
    await setup.setUpWithEmulator({ apiHost: emulator.url });
    await setup.loginAsTestUser('George Alan');
    await setup.currentUser.getByText('George Alan').waitFor();
    await setup.page.close();

    app = new FixtureApp(await browser.context.newPage());
    await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await app.login('cometchat-uid-1', emulator.authKey);
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await otherFixtures?.close();
    await emulator?.close();
    display?.close();
  });

  // A second query of the tab (for its origin) ran the browser's bindings for ~0.8 ms of the first render's task.
  it('should ask the browser for its tab once as it opens: the tab it shows and its origin come from that answer', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      const { tabs } = (globalThis as unknown as { chrome: { tabs: { query: (...args: unknown[]) => unknown } } }).chrome;
      const query = tabs.query.bind(tabs);
      const counted = globalThis as unknown as { tabQueries: number };
      counted.tabQueries = 0;
      tabs.query = (...args) => ((counted.tabQueries += 1), query(...args));
    });
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    // The origin is asked for in a layout effect of the first render: by the time the user shows, it has been.
    await page.getByTestId('current-user').getByText('George Alan').waitFor();

    expect(await page.evaluate(() => (globalThis as unknown as { tabQueries: number }).tabQueries)).toBe(1);
    await page.close();
  });

  // Set after the first render, the tab's origin rendered the whole popup again before its first paint, to add "Apply …
  // to this tab". The first DOM the popup makes is read by a mutation observer, whose callback runs before such a second
  // render (both wait for the same turn, the observer's queued first). The popup is opened in a tab behind the app's, so
  // the app's tab is the one it opens on.
  it("should show the app tab's user and its Apply button in the popup's first render", async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      const seen = globalThis as unknown as { firstShown?: string };
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid="current-user"]')) return;
        seen.firstShown = document.getElementById('app')?.textContent ?? '';
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto('about:blank');
    await app.page.bringToFront();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await page.getByTestId('current-user').getByText('George Alan').waitFor();

    const firstShown = await page.evaluate(() => (globalThis as unknown as { firstShown?: string }).firstShown ?? '');
    expect(firstShown).toContain('George Alan');
    expect(firstShown).toContain('Runs Andrew Joseph (cometchat-uid-1)');
    expect(firstShown).toContain('Apply George Alan to this tab');
    await page.close();
  });

  it("should switch the tab's page to the extension's user after one yes for its origin, as the page's own SDK then reports", async () => {
    const popup = await openRealPopup();

    await popup.click('Apply George Alan to this tab');

    // The first write into this origin asks, naming the origin the browser reports for the tab.
    await expect.poll(() => popup.text()).toContain(`Site: ${fixtures.url}`);
    expect(await app.loggedInUid()).toBe('cometchat-uid-1');
    await popup.click('Yes, write into this site');

    await expect.poll(() => popup.text()).toContain(`This tab's page (${fixtures.url}) is now logged in as George Alan (cometchat-uid-2).`);
    expect(await app.loggedInUid()).toBe('cometchat-uid-2');
    expect(await app.getUser('cometchat-uid-3')).toEqual({ name: 'Nancy Grace' });
  });

  it('should finish the switch when the popup closes in the middle of it, and show the outcome in the timeline', async () => {
    const panel = new PanelPage(await browser.openPage('devtools-panel.html', { width: 1000, height: 800 }));
    const logMark = emulator.requestLog.length;
    // The page's token is minted slowly, so the popup can close while the switch is underway.
    emulator.setFault({ route: 'auth_tokens', method: 'POST', kind: 'delay', delayMs: 1500 });
    try {
      await app.login('cometchat-uid-1', emulator.authKey);
      const popup = await openRealPopup();
      await popup.click('Apply George Alan to this tab');
      await expect
        .poll(() => emulator.requestLog.slice(logMark).some((entry) => entry.method === 'POST' && entry.route.endsWith('/auth_tokens')))
        .toBe(true);
      display.pressKeys('Escape');
      const hidden = createHiddenTargets(browser.cdp);
      await hidden.waitFor(
        'the popup to close',
        async () => (await hidden.targets()).every((target) => target.url !== `chrome-extension://${browser.extensionId}/popup.html`) || null,
      );
    } finally {
      emulator.clearFaults();
    }

    await expect.poll(() => app.loggedInUid(), { timeout: 10_000 }).toBe('cometchat-uid-2');
    await expect.poll(async () => (await panel.eventTypes()).at(-1), { timeout: 10_000 }).toBe('loginSuccess cometchat-uid-2');
    await panel.page.close();
  });

  it("should pin the tab to Nancy Grace from the popup's Tabs, list it as pinned, and unpin it back to the site's session", async () => {
    const shared = await app.loggedInUid();
    const popup = await openRealPopup();

    await popup.click('Tabs');
    await expect.poll(() => popup.text()).toContain('(this tab)');
    await popup.evaluate(`(() => {
      const select = document.querySelector('#pin-user');
      select.value = 'cometchat-uid-3';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    })()`);
    await expect.poll(() => popup.text()).toContain('Pin this tab to Nancy Grace');
    await popup.click('Pin this tab to Nancy Grace');

    await expect.poll(() => popup.text(), { timeout: 20_000 }).toContain('This tab is pinned to Nancy Grace (cometchat-uid-3).');
    expect(await app.loggedInUid()).toBe('cometchat-uid-3');
    await expect.poll(() => popup.text()).toContain('cometchat-uid-3 (pinned to cometchat-uid-3)');

    await popup.click('Unpin');
    await expect
      .poll(() => popup.text(), { timeout: 20_000 })
      .toContain("Tab unpinned: it runs the site's shared session again. Its token was revoked.");
    expect(await app.loggedInUid()).toBe(shared);
  });

  it('should write nothing into a page of another origin without CometChat, even with a yes given for another origin', async () => {
    await app.page.goto(`${emulator.url}/not-an-app`);
    const popup = await openRealPopup();

    await popup.click('Apply George Alan to this tab');

    await expect.poll(() => popup.text()).toContain('This page has no CometChat');
    expect(await popup.text()).toContain(`Site: ${emulator.url}`);
    await popup.click('Cancel');
    await expect.poll(() => popup.text()).not.toContain('This page has no CometChat');
    expect(await app.page.evaluate(() => Object.keys(localStorage).length + Object.keys(sessionStorage).length)).toBe(0);
  });

  it('should refuse a yes given for one origin once the tab has moved to another, and write nothing there', async () => {
    await app.open(otherFixtures.url, emulator.appId, emulator.hostAndPort);
    await app.login('cometchat-uid-1', emulator.authKey);
    const popup = await openRealPopup();
    await popup.click('Apply George Alan to this tab');
    await expect.poll(() => popup.text()).toContain(`Site: ${otherFixtures.url}`);

    // While the question is open, the tab goes to the first origin, whose sessions the tester already agreed to.
    await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await app.login('cometchat-uid-1', emulator.authKey);
    await popup.click('Yes, write into this site');

    await expect.poll(() => popup.text()).toContain(`The tab left ${otherFixtures.url} for ${fixtures.url}. Nothing was written.`);
    expect(await popup.text()).toContain('ERR_PAGE_ORIGIN_CHANGED');
    expect(await app.loggedInUid()).toBe('cometchat-uid-1');
  });

  it('should give one answer to "who is this tab?" after every action: popup, badge, strip, Tabs list and page card agree', async () => {
    await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await app.login('cometchat-uid-1', emulator.authKey);
    const panelPage = await browser.context.newPage();
    await panelPage.setViewportSize({ width: 1000, height: 1000 });
    await openPanelInspecting(panelPage, app.page, `chrome-extension://${browser.extensionId}/devtools-panel.html`);
    const panel = new PanelPage(panelPage);
    const tabId = await panelPage.evaluate(async (url) => {
      const tabs: Array<{ id?: number; url?: string }> = await (globalThis as any).chrome.tabs.query({});
      return tabs.find((tab) => tab.url === url)!.id!;
    }, app.page.url());

    /** The real popup, once its This tab has rendered (it comes a moment after the popup's first paint). */
    const openThisTab = async () => {
      const opened = await openRealPopup();
      await expect.poll(() => opened.evaluate<boolean>(`Boolean(document.querySelector('[data-testid="this-tab-user"]'))`)).toBe(true);
      return opened;
    };

    /** What each view says this tab runs, read the way a tester reads it. */
    const answers = async () => {
      const popup = await openThisTab();
      // This tab renders once the popup knows its tab (the tab's id comes a moment after the popup's first paint).
      const readLine = () => popup.evaluate<string>(`document.querySelector('[data-testid="this-tab-user"]')?.innerText ?? ''`);
      await expect.poll(readLine).not.toBe('');
      const popupLine = await readLine();
      const popupText = await popup.evaluate<string>(`document.body.innerText`);
      display.pressKeys('Escape');
      const badge = await panelPage.evaluate(async (id) => {
        const { action } = (globalThis as any).chrome;
        return { text: (await action.getBadgeText({ tabId: id })) as string, title: (await action.getTitle({ tabId: id })) as string };
      }, tabId);
      const row = (await panel.appTabRows()).find((candidate) => candidate.tabId === tabId);
      return {
        popup: popupLine,
        popupText,
        badge: badge.text,
        badgeTitle: badge.title,
        strip: (await panel.monitorStrip.textContent()) ?? '',
        tabsRow: row?.text ?? '',
        tabsPinned: row?.pinned ?? false,
        pageCard: (await panel.pageUser.textContent()) ?? '',
      };
    };
    const agreeOn = async (uid: string, name: string, pinned: boolean) => {
      const look = await openThisTab();
      writeFileSync(screenshotPath(`chromium-popup-this-tab-${uid}${pinned ? '-pinned' : ''}`), await look.screenshot());
      display.pressKeys('Escape');
      await expect.poll(async () => (await panel.monitorStrip.textContent()) ?? '', { timeout: 20_000 }).toContain(uid);
      await expect.poll(async () => (await panel.pageUser.textContent()) ?? '', { timeout: 20_000 }).toContain(uid);
      const seen = await answers();
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
    };

    // The app runs Andrew by itself; the extension is George.
    await agreeOn('cometchat-uid-1', 'Andrew Joseph', false);

    let popup = await openThisTab();
    await popup.click('Apply George Alan to this tab');
    // The site's yes is asked once (an earlier test may have given it).
    await expect.poll(async () => /is now logged in|Yes, write into this site/.test(await popup.text()), { timeout: 20_000 }).toBe(true);
    if ((await popup.text()).includes('Yes, write into this site')) await popup.click('Yes, write into this site');
    await expect.poll(() => popup.text(), { timeout: 20_000 }).toContain('is now logged in as George Alan (cometchat-uid-2)');
    display.pressKeys('Escape');
    await agreeOn('cometchat-uid-2', 'George Alan', false);

    popup = await openThisTab();
    await popup.click('Pin this tab to George Alan');
    await expect.poll(() => popup.text(), { timeout: 20_000 }).toContain('This tab is pinned to George Alan (cometchat-uid-2).');
    display.pressKeys('Escape');
    await agreeOn('cometchat-uid-2', 'George Alan', true);

    // Applying another user to a pinned tab pins it to that user: no view still names George.
    const setup = new PopupPage(await browser.openPage('popup.html'));
    await setup.loginAsTestUser('Nancy Grace');
    await setup.currentUser.getByText('Nancy Grace').waitFor();
    await setup.page.close();
    popup = await openThisTab();
    await popup.click('Apply Nancy Grace to this tab');
    await expect.poll(() => popup.text(), { timeout: 20_000 }).toContain('is now logged in as Nancy Grace (cometchat-uid-3)');
    display.pressKeys('Escape');
    await agreeOn('cometchat-uid-3', 'Nancy Grace', true);
    expect(await app.loggedInUid()).toBe('cometchat-uid-3');

    popup = await openThisTab();
    await popup.click('Unpin this tab');
    await expect.poll(() => popup.text(), { timeout: 20_000 }).toContain("Tab unpinned: it runs the site's shared session again.");
    display.pressKeys('Escape');
    await agreeOn('cometchat-uid-2', 'George Alan', false);
    await panelPage.close();
  });

  it('should offer the site of the tab it was opened over in its Sites view, though the site is not allowed yet', async () => {
    // Another site than the allowed one (localhost is not 127.0.0.1): the popup sees its address through activeTab only.
    const elsewhere = await browser.context.newPage();
    await elsewhere.goto(fixtures.url.replace('127.0.0.1', 'localhost'));
    try {
      const popup = await openRealPopup(elsewhere);
      await popup.click('Sites');

      await expect.poll(() => popup.text()).toContain('Allow access to http://localhost');
      expect(await popup.text()).toContain('Allow the extension to read and write CometChat sessions on http://localhost (every port)?');
      display.pressKeys('Escape');
    } finally {
      await elsewhere.close();
    }
  });
});
