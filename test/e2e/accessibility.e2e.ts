import type { Page as PlaywrightPage } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { siteOf } from '@/lib/sites';
import { seriousViolations } from './support/axe';
import { closedPortUrl } from './support/closed-port';
import { BROWSERS, launchExtension, type ExtensionPage, type ExtensionUnderTest, reportConsoleOnFailure } from './support/extension-driver';
import { FixtureApp } from './support/fixture-app';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { screenshotPath } from './support/paths';
import { Popup } from './support/popup';
import { openPanelInspecting } from './support/stubbed-devtools';

const THEMES = ['light', 'dark'] as const;
/** The popup's body background in each theme (as profiles.e2e.ts checks it): proof the theme really switched. */
const BODY_BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(23, 24, 28)' };

/** axe-core over every view, in both themes: no serious or critical violations. */
describe.each(BROWSERS)('accessibility of popup and panel in %s', (name) => {
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let extension: ExtensionUnderTest;
  let popup: Popup;

  async function expectAccessible(tab: ExtensionPage, theme: (typeof THEMES)[number]) {
    await tab.preferColorScheme(theme);
    await expect
      .poll(async () => (await new Popup(tab).bodyColours()).background, { message: `the page turned ${theme}` })
      .toBe(BODY_BACKGROUND[theme]);
    expect(await seriousViolations(tab.page)).toEqual([]);
  }

  beforeAll(async () => {
    // TLS: the app's own SDK (This tab's test) speaks https and wss only.
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    extension = await launchExtension(name, {
      allowedSites: [siteOf(fixtures.url)],
      chromium: { acceptSelfSigned: true },
      firefox: { colorScheme: 'light', acceptInsecureCerts: true },
    });
    popup = new Popup(await extension.openPage('popup.html'));
  });

  afterEach(reportConsoleOnFailure(() => extension));

  afterAll(async () => {
    await extension?.close();
    await fixtures?.close();
    await emulator?.close();
  });

  it.each(THEMES)('should have an accessible first-run form with an error shown (%s)', async (theme) => {
    await popup.saveSettings();
    await expect.poll(() => popup.error()).not.toBe('');

    await expectAccessible(popup.tab, theme);
  });

  it.each(THEMES)('should have an accessible main popup, logged in, after an error (%s)', async (theme) => {
    if (!(await popup.currentUser()).includes('Nancy Grace')) {
      await popup.setUpWithEmulator({ apiHost: emulator.url });
      await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');
      await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
      await popup.loginWithUid('nobody-here');
      await expect.poll(() => popup.error()).toContain('ERR_UID_NOT_FOUND');
    }

    await expectAccessible(popup.tab, theme);
  });

  it.each(THEMES)("should have an accessible This tab on the app's tab, every action of it reachable with Tab (%s)", async (theme) => {
    if ((await popup.tab.count('[data-testid="this-tab-user"]')) === 0) {
      // The app's tab opens after the popup's page, so it is the active tab of the popup's window: This tab is about it.
      const app = new FixtureApp(await extension.newWebPage());
      await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
      await app.login('cometchat-uid-1', emulator.authKey);
      await popup.tab.reloadForReading();
      await expect.poll(() => popup.tab.text('[data-testid="this-tab-user"]')).toContain('Andrew Joseph (cometchat-uid-1)');
    }

    await expectAccessible(popup.tab, theme);
    const reached: string[] = [];
    // Round the whole popup once (about 30 stops), wherever the focus starts.
    for (let step = 0; step < 40; step++) {
      await popup.tab.pressKey('Tab');
      reached.push(await popup.tab.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(reached).toEqual(expect.arrayContaining(['Pin this tab to Nancy Grace', 'Log the page out', 'Apply Nancy Grace to this tab']));
  });

  it.each(THEMES)('should have an accessible apps list (%s)', async (theme) => {
    // The header's "Apps" button shows only outside the apps list, whose view loads lazily. The popup is opened again
    // first: the one above was reloaded, and over BiDi a reloaded page takes no clicks.
    if ((await popup.tab.countButtons('Apps')) > 0) {
      await popup.tab.close();
      popup = new Popup(await extension.openPage('popup.html'));
      await popup.openApps();
    }
    await popup.tab.waitFor('button', 'Add an app');

    await expectAccessible(popup.tab, theme);
  });

  it.each(THEMES)('should have an accessible app form with an API host where nothing answers, and its "Save anyway" (%s)', async (theme) => {
    const form = await extension.openPage('popup.html');
    await form.click('Apps');
    await form.click('Add an app');
    await form.fill('App ID', 'nowhere-app');
    await form.fill('API host (optional)', await closedPortUrl());
    await form.click('Save');
    await form.waitFor('button', 'Save anyway');

    await expectAccessible(form, theme);
    await form.close();
  });

  it.each(THEMES)('should have an accessible Sites view with a typed site refused by its field (%s)', async (theme) => {
    const sites = await extension.openPage('popup.html');
    await sites.click('Sites');
    await sites.fill('Site to allow', 'https://*');
    await sites.press('Enter', 'Site to allow');
    await sites.waitFor('#add-site-error');

    await expectAccessible(sites, theme);
    await sites.close();
  });

  it.each(THEMES)('should have an accessible devtools panel with a row opened, in a narrow and a wide dock (%s)', async (theme) => {
    for (const width of [360, 1100]) {
      const panel = await extension.openPage('devtools-panel.html', { width, height: 800 });
      try {
        await panel.preferColorScheme(theme);
        await panel.waitFor('[aria-label="Auth event timeline"] [data-type="loginFailure"]');
        await panel.clickElement('[aria-label="Auth event timeline"] [data-type="loginFailure"]');
        await panel.waitFor('[data-testid="event-details"]');

        expect(await seriousViolations(panel.page), `the panel in a ${width} px dock`).toEqual([]);
      } finally {
        await panel.close();
      }
    }
  });

  // Chromium only: the panel inspects a real app's tab through a stand-in devtools API (Playwright's bindings and init
  // scripts); Firefox's panel is checked as a page of its own above.
  it.runIf(name === 'chromium').each(['default', 'dark'] as const)(
    'should have an accessible devtools panel with a page session and events (DevTools theme %s)',
    async (theme) => {
      const expectPanelAccessible = async (page: PlaywrightPage) => {
        await page.emulateMedia({ colorScheme: theme === 'dark' ? 'dark' : 'light' });
        expect(await seriousViolations(page)).toEqual([]);
      };
      const app = new FixtureApp((await extension.newWebPage()) as PlaywrightPage);
      await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
      await app.login('cometchat-uid-1', emulator.authKey);
      const panel = (await extension.newWebPage()) as PlaywrightPage;
      await openPanelInspecting(panel, app.page, `${extension.extensionOrigin}/devtools-panel.html`, theme);
      await panel.getByTestId('page-user').getByText('Andrew Joseph').waitFor();
      await panel.locator('[data-seq]').first().waitFor();

      await expectPanelAccessible(panel);
      // An opened timeline row, in a narrow dock: the details region and the two-line rows.
      await panel.setViewportSize({ width: 360, height: 800 });
      await panel.locator('[data-seq]').first().click();
      await panel.getByTestId('event-details').waitFor();
      await expectPanelAccessible(panel);
      await panel.setViewportSize({ width: 1100, height: 800 });
      await panel.screenshot({ path: screenshotPath(`chromium-panel-${theme}`), fullPage: true });
      await panel.close();
      await app.page.close();
    },
  );
});
