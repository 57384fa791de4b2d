import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startEmulator, type Emulator } from '@/emulator';
import { seriousViolations } from './support/axe';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { FixtureApp } from './support/fixture-app';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { closedPortUrl } from './support/closed-port';
import { PopupPage } from './support/popup-page';
import { openPanelInspecting } from './support/stubbed-devtools';
import { siteOf } from '@/lib/sites';

const THEMES = ['light', 'dark'] as const;

/** axe-core over every view, in both themes: no serious or critical violations. */
describe('accessibility of popup and panel in Chromium', () => {
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  let panel: Page;

  async function expectAccessible(page: Page, theme: (typeof THEMES)[number]) {
    await page.emulateMedia({ colorScheme: theme });
    expect(await seriousViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    browser = await launchChromiumWithExtension({ acceptSelfSigned: true, allowedSites: [siteOf(fixtures.url)] });
    popup = new PopupPage(await browser.openPage('popup.html'));
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await emulator?.close();
  });

  it.each(THEMES)('should have an accessible first-run form with an error shown (%s)', async (theme) => {
    await popup.saveSettings();
    await popup.error.waitFor();

    await expectAccessible(popup.page, theme);
  });

  it.each(THEMES)('should have an accessible main popup, logged in, after an error (%s)', async (theme) => {
    if (!(await popup.currentUser.count())) {
      await popup.setUpWithEmulator({ apiHost: emulator.url });
      await popup.loginAsTestUser('Nancy Grace');
      await popup.currentUser.getByText('Nancy Grace').waitFor();
      await popup.loginWithUid('nobody-here');
      await popup.error.waitFor();
    }

    await expectAccessible(popup.page, theme);
  });

  it.each(THEMES)("should have an accessible This tab on the app's tab, every action of it reachable with Tab (%s)", async (theme) => {
    if (!(await popup.page.getByTestId('this-tab-user').count())) {
      // The app's tab opens after the popup's page, so it is the active tab of the popup's window: This tab is about it.
      const app = new FixtureApp(await browser.context.newPage());
      await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
      await app.login('cometchat-uid-1', emulator.authKey);
      await popup.page.reload();
      await expect.poll(() => popup.page.getByTestId('this-tab-user').textContent()).toContain('Andrew Joseph (cometchat-uid-1)');
    }

    await expectAccessible(popup.page, theme);
    const reached: string[] = [];
    // Round the whole popup once (about 30 stops), wherever the focus starts.
    for (let step = 0; step < 40; step++) {
      await popup.page.keyboard.press('Tab');
      reached.push(await popup.page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(reached).toEqual(expect.arrayContaining(['Pin this tab to Nancy Grace', 'Log the page out', 'Apply Nancy Grace to this tab']));
  });

  it.each(THEMES)('should have an accessible apps list (%s)', async (theme) => {
    // The header's "Apps" button shows only outside the apps list; the list itself loads lazily.
    if (await popup.page.getByRole('button', { name: 'Apps', exact: true }).count()) await popup.openApps();
    await popup.page.getByRole('button', { name: 'Add an app' }).waitFor();

    await expectAccessible(popup.page, theme);
  });

  it.each(THEMES)('should have an accessible app form with an API host where nothing answers, and its "Save anyway" (%s)', async (theme) => {
    const form = await browser.openPage('popup.html');
    await form.getByRole('button', { name: 'Apps', exact: true }).click();
    await form.getByRole('button', { name: 'Add an app' }).click();
    await form.getByLabel('App ID').fill('nowhere-app');
    await form.getByLabel('API host (optional)').fill(await closedPortUrl());
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.getByRole('button', { name: 'Save anyway' }).waitFor();

    await expectAccessible(form, theme);
    await form.close();
  });

  it.each(THEMES)('should have an accessible Sites view with a typed site refused by its field (%s)', async (theme) => {
    const sites = await browser.openPage('popup.html');
    await sites.getByRole('button', { name: 'Sites' }).click();
    await sites.getByLabel('Site to allow').fill('https://*');
    await sites.getByLabel('Site to allow').press('Enter');
    await sites.locator('#add-site-error').waitFor();

    await expectAccessible(sites, theme);
    await sites.close();
  });

  it.each(['default', 'dark'] as const)(
    'should have an accessible devtools panel with a page session and events (DevTools theme %s)',
    async (theme) => {
      const app = new FixtureApp(await browser.context.newPage());
      await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
      await app.login('cometchat-uid-1', emulator.authKey);
      panel = await browser.context.newPage();
      await openPanelInspecting(panel, app.page, `chrome-extension://${browser.extensionId}/devtools-panel.html`, theme);
      await panel.getByTestId('page-user').getByText('Andrew Joseph').waitFor();
      await panel.locator('[data-seq]').first().waitFor();

      await expectAccessible(panel, theme === 'dark' ? 'dark' : 'light');
      // An opened timeline row, in a narrow dock: the details region and the two-line rows.
      await panel.setViewportSize({ width: 360, height: 800 });
      await panel.locator('[data-seq]').first().click();
      await panel.getByTestId('event-details').waitFor();
      await expectAccessible(panel, theme === 'dark' ? 'dark' : 'light');
      await panel.setViewportSize({ width: 1100, height: 800 });
      await panel.screenshot({ path: (await import('./support/paths')).screenshotPath(`chromium-panel-${theme}`), fullPage: true });
      await panel.close();
      await app.page.close();
    },
  );
});
