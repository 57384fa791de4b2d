import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startEmulator, type Emulator } from '@/emulator';
import { deleteUserForGood } from './support/emulator-rest';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { FirefoxPopupPage } from './support/firefox-popup-page';

/** The popup's user directory in Firefox: search, log in as a user found there, create a user and find it. */
describe('user directory in the Firefox popup', () => {
  let emulator: Emulator;
  let firefox: FirefoxWithExtension;
  let popup: FirefoxPopupPage;
  let page: Page;
  const text = (selector: string) => page.evaluate((css) => document.querySelector<HTMLElement>(css)?.innerText ?? '', selector);
  const button = (name: string) => page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    firefox = await launchFirefoxWithExtension();
    popup = new FirefoxPopupPage(await firefox.openPage('popup.html'));
    page = popup.page;
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-testid="current-user"]')?.innerText.includes('Nancy Grace'), {
      timeout: 10_000,
    });
    await button('Users').click();
  });

  afterAll(async () => {
    await firefox?.close();
    await emulator?.close();
  });

  it('should search the directory and log in as a user found there', async () => {
    await expect.poll(() => text('[data-testid="directory-count"]')).toBe('5 users');

    await page.locator('#directory-search').fill('susan', { typingThreshold: 0 });
    await expect.poll(() => text('[data-testid="directory-count"]')).toBe('1 user matching “susan”');
    await button('Log in the extension as Susan Marie (cometchat-uid-4)').click();

    await expect
      .poll(() => text('[data-testid="directory"] [role="status"]'))
      .toBe('The extension is now logged in as Susan Marie (cometchat-uid-4).');
  });

  it('should show a refused field once, by the field, as a sentence', async () => {
    await page.locator('.directory-create summary').click();
    await page.locator('#new-user-uid').fill('has space', { typingThreshold: 0 });
    await button('Create user').click();

    await expect.poll(() => text('#new-user-uid-error')).toBe('The uid may only contain letters, numbers, dashes and underscores.');
    expect(await text('#new-user-name-error')).toBe('The name field is required.');
    expect(await page.$$eval('[data-testid="directory"] [data-testid="error"]', (notices) => notices.length)).toBe(0);
  });

  it('should create a user and find it', async () => {
    await page.locator('#new-user-uid').fill('ff-tester-1', { typingThreshold: 0 });
    await page.locator('#new-user-name').fill('Firefox Tester', { typingThreshold: 0 });
    await button('Create user').click();

    await expect.poll(() => text('[data-testid="directory"] [role="status"]')).toBe('Created Firefox Tester (ff-tester-1).');
    await expect.poll(() => text('[data-testid="directory-count"]')).toBe('1 user matching “ff-tester-1”');
    expect(await text('[data-testid="directory"]')).toContain('Firefox Tester');
  });

  it('should create the test users the app lacks', async () => {
    expect(await page.$$eval('.directory-test-users', (offers) => offers.length), 'offered while the app has all five').toBe(0);
    expect(await deleteUserForGood(emulator, 'cometchat-uid-1')).toBe(200);
    await page.locator('#directory-search').fill('', { typingThreshold: 0 });
    await expect.poll(() => text('.directory-test-users')).toContain('The app lacks cometchat-uid-1.');

    await button('Create the five test users the app lacks').click();

    await expect.poll(() => text('[data-testid="directory"] [role="status"]')).toBe('Created cometchat-uid-1; the app had 4 already.');
  });
});
