import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startEmulator, type Emulator } from '@/emulator';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { FirefoxPopupPage } from './support/firefox-popup-page';

/** Every message by its cause in the Firefox popup: the UID error by the UID field with its fix, and no stale error. */
describe('messages by their cause in the Firefox popup', () => {
  let emulator: Emulator;
  let firefox: FirefoxWithExtension;
  let popup: FirefoxPopupPage;
  let page: Page;
  const button = (name: string) => page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`);
  const count = (selector: string) => page.$$eval(selector, (found) => found.length);
  const text = (selector: string) => page.evaluate((css) => document.querySelector<HTMLElement>(css)?.innerText ?? '', selector);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    firefox = await launchFirefoxWithExtension();
    popup = new FirefoxPopupPage(await firefox.openPage('popup.html'));
    page = popup.page;
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await page.waitForFunction(() => document.querySelector('[data-testid="current-user"]')?.textContent?.includes('No user logged in.'));
  });

  afterAll(async () => {
    await firefox?.close();
    await emulator?.close();
  });

  it('should show an unknown uid typed in the UID field under that field, with "Create <uid>" as its fix, then log in as it', async () => {
    await popup.loginWithUid('cometchat-uid-9');

    await expect.poll(() => text('form:has(#uid-login) [data-testid="error"]')).toContain('ERR_UID_NOT_FOUND');
    expect(await count('[data-testid="error"]'), 'the error shows once, by the field').toBe(1);
    await button('Create cometchat-uid-9').click();

    await expect.poll(() => popup.currentUser()).toContain('cometchat-uid-9');
    expect(await count('[data-testid="error"]')).toBe(0);
  });

  it('should not carry a login error into the Apps edit form or back', async () => {
    await popup.loginWithUid('nobody-here');
    await expect.poll(() => popup.error()).toContain('ERR_UID_NOT_FOUND');

    await popup.openApps();
    await button('Edit Local emulator').click();
    await page.waitForSelector('#setup-authKey');
    expect(await count('[data-testid="error"]'), 'the old login error in the edit form').toBe(0);
    await button('Cancel').click();
    await popup.closeApps();

    await page.waitForSelector('[data-testid="current-user"]');
    expect(await count('[data-testid="error"]'), 'the old login error back in the main view').toBe(0);
  });
});
