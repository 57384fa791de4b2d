import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startEmulator, type Emulator } from '@/emulator';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { seriousViolations } from './support/axe';
import { FirefoxPopupPage } from './support/firefox-popup-page';

type CopyWindow = Window & { __copied?: string[] };

/** Records what a page copies (the test reads it back without a clipboard permission). */
async function recordCopies(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const target = window as CopyWindow;
    target.__copied = [];
    navigator.clipboard.writeText = async (text: string) => void target.__copied!.push(text);
  });
  return () => page.evaluate(() => (window as CopyWindow).__copied ?? []);
}

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
    expect(await seriousViolations(page), 'axe on the UID error and its fix').toEqual([]);
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

  it("should show the popup's other user fields with readable dates (the raw number on hover) and copy the uid and the user's JSON", async () => {
    const copied = await recordCopies(page);
    await page.locator('.user-more summary').click();
    const createdAt = await page.$$eval('[data-testid="current-user"] .user-fields dd', (cells) =>
      cells.filter((cell) => cell.querySelector('time')).map((cell) => ({ title: cell.title, shown: cell.textContent ?? '' })),
    );

    expect(createdAt.length).toBeGreaterThan(0);
    expect(createdAt[0]!.title, 'the epoch seconds on hover').toMatch(/^\d{10}$/);
    expect(createdAt[0]!.shown, 'the date as shown').not.toContain(createdAt[0]!.title);
    expect(await count('[data-testid="current-user"] pre'), 'no JSON box').toBe(0);
    await button('Copy uid').click();
    await button('Copy JSON').click();

    await expect.poll(copied).toHaveLength(2);
    const [uid, json] = await copied();
    expect(uid).toBe('cometchat-uid-9');
    expect(JSON.parse(json!)).toMatchObject({ uid: 'cometchat-uid-9', createdAt: Number(createdAt[0]!.title) });
  });

  it("should copy the uid and the user's JSON from the panel's user inspector", async () => {
    const panel = await firefox.openPage('devtools-panel.html', { width: 1000, height: 700 });
    await panel.waitForFunction(() => document.querySelector('[data-testid="current-user"]')?.textContent?.includes('cometchat-uid-9'));
    const copied = await recordCopies(panel);

    await panel.locator('::-p-aria([name="Copy uid"][role="button"])').click();
    await panel.locator('[data-testid="current-user"] details summary').click();
    await panel.locator('::-p-aria([name="Copy JSON"][role="button"])').click();

    await expect.poll(copied).toHaveLength(2);
    const [uid, json] = await copied();
    expect(uid).toBe('cometchat-uid-9');
    expect(JSON.parse(json!)).toMatchObject({ uid: 'cometchat-uid-9' });
  });

  it("should explain the tiles' green dot once a test user's session is held", async () => {
    expect(await count('[data-testid="tile-legend"]'), 'no legend without a dot').toBe(0);

    await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');

    await expect.poll(() => text('[data-testid="tile-legend"]')).toContain('session held');
  });
});
