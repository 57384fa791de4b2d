import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { seriousViolations } from './support/axe';
import { PopupPage } from './support/popup-page';

type CopyWindow = Window & { __copied?: string[] };

/** Headless Chromium refuses clipboard permissions to extension pages: record what a page copies instead. */
async function recordCopies(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const target = window as CopyWindow;
    target.__copied = [];
    navigator.clipboard.writeText = async (text: string) => void target.__copied!.push(text);
  });
  return () => page.evaluate(() => (window as CopyWindow).__copied ?? []);
}

/** Every message by its cause in the Chromium popup: the UID error by the UID field with its fix, and no stale error. */
describe('messages by their cause in the Chromium popup', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  /** The UID form: its field, its button and the error under them. */
  const uidForm = () => popup.page.locator('form', { has: popup.page.getByLabel('UID', { exact: true }) });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension();
    popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.currentUser.getByText('No user logged in.').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('should show an unknown uid typed in the UID field under that field, with "Create <uid>" as its fix, then log in as it', async () => {
    await popup.loginWithUid('cometchat-uid-9');

    await expect.poll(() => uidForm().getByTestId('error').textContent()).toContain('ERR_UID_NOT_FOUND');
    expect(await popup.error.count(), 'the error shows once, by the field').toBe(1);
    expect(await popup.page.getByLabel('UID', { exact: true }).getAttribute('aria-describedby')).toBe('uid-login-error');
    await popup.screenshot('popup-uid-error');
    expect(await seriousViolations(popup.page), 'axe on the UID error and its fix').toEqual([]);
    await uidForm().getByRole('button', { name: 'Create cometchat-uid-9' }).click();

    await expect.poll(() => popup.currentUser.textContent()).toContain('cometchat-uid-9');
    expect(await popup.error.count()).toBe(0);
    expect(emulator.requestLog.filter((entry) => entry.method === 'POST' && entry.route === 'users')).toHaveLength(1);
  });

  it('should not carry a login error into the Apps edit form or back', async () => {
    await popup.loginWithUid('nobody-here');
    await expect.poll(() => popup.error.textContent()).toContain('ERR_UID_NOT_FOUND');

    await popup.openApps();
    await popup.page.getByRole('button', { name: /^Edit / }).click();
    await popup.page.getByLabel('App ID').waitFor();
    expect(await popup.error.count(), 'the old login error in the edit form').toBe(0);
    await popup.page.getByRole('button', { name: 'Cancel' }).click();
    await popup.page.getByRole('button', { name: 'Done' }).click();

    await popup.currentUser.waitFor();
    expect(await popup.error.count(), 'the old login error back in the main view').toBe(0);
  });

  it("should show the popup's other user fields with readable dates (the raw number on hover) and copy the uid and the user's JSON", async () => {
    const copied = await recordCopies(popup.page);
    await popup.currentUser.getByText('All fields').click();
    const createdAt = popup.currentUser.locator('dd', { has: popup.page.locator('time') }).first();

    const raw = await createdAt.getAttribute('title');
    expect(raw, 'the epoch seconds on hover').toMatch(/^\d{10}$/);
    expect(await createdAt.textContent(), 'the date as shown').not.toContain(raw!);
    expect(await createdAt.textContent()).toMatch(/\d{4}/);
    expect(await popup.currentUser.locator('pre').count(), 'no JSON box').toBe(0);
    await popup.screenshot('popup-all-fields');
    expect(await seriousViolations(popup.page), 'axe on the opened fields').toEqual([]);
    await popup.currentUser.getByRole('button', { name: 'Copy uid' }).click();
    await popup.currentUser.getByRole('button', { name: 'Copy JSON' }).click();

    await expect.poll(copied).toHaveLength(2);
    const [uid, json] = await copied();
    expect(uid).toBe('cometchat-uid-9');
    expect(JSON.parse(json!)).toMatchObject({ uid: 'cometchat-uid-9', createdAt: Number(raw) });
  });

  it("should copy the uid and the user's JSON from the panel's user inspector", async () => {
    const panel = await browser.openPage('devtools-panel.html', { width: 900, height: 700 });
    const inspector = panel.getByTestId('current-user');
    await inspector.getByText('cometchat-uid-9').first().waitFor();
    const copied = await recordCopies(panel);

    await inspector.getByRole('button', { name: 'Copy uid' }).click();
    await inspector.getByText('Raw JSON').click();
    await inspector.getByRole('button', { name: 'Copy JSON' }).click();

    await expect.poll(copied).toHaveLength(2);
    const [uid, json] = await copied();
    expect(uid).toBe('cometchat-uid-9');
    expect(JSON.parse(json!)).toMatchObject({ uid: 'cometchat-uid-9' });
  });

  it("should explain the tiles' green dot once a test user's session is held", async () => {
    expect(await popup.page.getByTestId('tile-legend').count(), 'no legend without a dot').toBe(0);

    await popup.loginAsTestUser('Nancy Grace');

    await expect.poll(() => popup.page.getByTestId('tile-legend').textContent()).toContain('session held');
  });
});
