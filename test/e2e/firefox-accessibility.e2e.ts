import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { seriousViolations } from './support/axe';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { FirefoxPopupPage } from './support/firefox-popup-page';

const THEMES = ['light', 'dark'] as const;
/** The popup's body background in each theme (as firefox-profiles.e2e.ts checks it): proof the theme really switched. */
const BODY_BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(23, 24, 28)' };

/** axe-core over the popup in Firefox ESR, in both themes: no serious or critical violations. */
describe('accessibility of the popup in Firefox', () => {
  let emulator: Emulator;
  let firefox: FirefoxWithExtension;
  let popup: FirefoxPopupPage;

  async function expectAccessible(page: Page, theme: (typeof THEMES)[number]) {
    await firefox.setColorScheme(theme);
    await expect.poll(async () => (await popup.bodyColours()).background, { message: `the popup turned ${theme}` }).toBe(BODY_BACKGROUND[theme]);
    expect(await seriousViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    firefox = await launchFirefoxWithExtension({ colorScheme: 'light' });
    popup = new FirefoxPopupPage(await firefox.openPage('popup.html'));
  });

  afterAll(async () => {
    await firefox?.close();
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
