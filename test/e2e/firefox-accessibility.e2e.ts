import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { seriousViolations } from './support/axe';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { allowSiteInFirefox } from './support/firefox-app-panel';
import { FirefoxPopupPage } from './support/firefox-popup-page';
import { FixtureApp } from './support/fixture-app';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';

const THEMES = ['light', 'dark'] as const;
/** The popup's body background in each theme (as profiles.e2e.ts checks it): proof the theme really switched. */
const BODY_BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(23, 24, 28)' };

/** axe-core over the popup in Firefox ESR, in both themes: no serious or critical violations. */
describe('accessibility of the popup in Firefox', () => {
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let firefox: FirefoxWithExtension;
  let popup: FirefoxPopupPage;

  async function expectAccessible(page: Page, theme: (typeof THEMES)[number]) {
    await firefox.setColorScheme(theme);
    await expect.poll(async () => (await popup.bodyColours()).background, { message: `the popup turned ${theme}` }).toBe(BODY_BACKGROUND[theme]);
    expect(await seriousViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    // TLS: the app's own SDK (This tab's test) speaks https and wss only.
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    firefox = await launchFirefoxWithExtension({ colorScheme: 'light', acceptInsecureCerts: true });
    popup = new FirefoxPopupPage(await firefox.openPage('popup.html'));
  });

  afterAll(async () => {
    await firefox?.close();
    await fixtures?.close();
    await emulator?.close();
  });

  it.each(THEMES)('should have an accessible first-run form with an error shown (%s)', async (theme) => {
    await popup.saveSettings();
    await expect.poll(() => popup.error()).not.toBe('');

    await expectAccessible(popup.page, theme);
  });

  it.each(THEMES)('should have an accessible main popup, logged in, after an error (%s)', async (theme) => {
    if (!(await popup.currentUser()).includes('Nancy Grace')) {
      await popup.setUpWithEmulator({ apiHost: emulator.url });
      await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');
      await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
      await popup.loginWithUid('nobody-here');
      await expect.poll(() => popup.error()).toContain('ERR_UID_NOT_FOUND');
    }

    await expectAccessible(popup.page, theme);
  });

  it.each(THEMES)("should have an accessible This tab on the app's tab, every action of it reachable with Tab (%s)", async (theme) => {
    if (!(await popup.page.$('[data-testid="this-tab-user"]'))) {
      await allowSiteInFirefox(firefox, fixtures.url);
      // The app's tab opens after the popup's page, so it is the active tab of the popup's window: This tab is about it.
      const app = new FixtureApp(await firefox.browser.newPage());
      await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
      await app.login('cometchat-uid-1', emulator.authKey);
      popup.page.reload().catch(() => undefined);
      await popup.page.waitForFunction(
        () => document.querySelector<HTMLElement>('[data-testid="this-tab-user"]')?.innerText.includes('Andrew Joseph (cometchat-uid-1)'),
        { timeout: 10_000 },
      );
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

  it.each(THEMES)('should have an accessible devtools panel with a row opened, in a narrow and a wide dock (%s)', async (theme) => {
    await firefox.setColorScheme(theme);
    for (const width of [360, 1100]) {
      const panel = await firefox.openPage('devtools-panel.html', { width, height: 800 });
      try {
        await panel.waitForSelector('[aria-label="Auth event timeline"] [data-type="loginFailure"]', { timeout: 10_000 });
        await panel.click('[aria-label="Auth event timeline"] [data-type="loginFailure"]');
        await panel.waitForSelector('[data-testid="event-details"]');

        expect(await seriousViolations(panel), `the panel in a ${width} px dock`).toEqual([]);
      } finally {
        await panel.close();
      }
    }
  });
});
