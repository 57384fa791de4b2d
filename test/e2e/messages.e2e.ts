import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { seriousViolations } from './support/axe';
import { BROWSERS, launchExtension, type ExtensionPage, type ExtensionUnderTest, reportConsoleOnFailure } from './support/extension-driver';
import { Popup } from './support/popup';

type CopyWindow = Window & { __copied?: string[] };

/** Records what a page copies: headless Chromium refuses clipboard permissions to extension pages, and the test reads it back without one. */
async function recordCopies(tab: ExtensionPage): Promise<() => Promise<string[]>> {
  await tab.evaluate(() => {
    const target = window as CopyWindow;
    target.__copied = [];
    navigator.clipboard.writeText = async (text: string) => void target.__copied!.push(text);
  });
  return () => tab.evaluate(() => (window as CopyWindow).__copied ?? []);
}

/** The UID form: its field (`#uid-login`, labelled "UID"), its button and the error under them. */
const UID_FORM = 'form:has(#uid-login)';
const CURRENT_USER = '[data-testid="current-user"]';

/** Every message by its cause in the popup: the UID error by the UID field with its fix, and no stale error. */
describe.each(BROWSERS)('messages by their cause in the %s popup', (name) => {
  let emulator: Emulator;
  let extension: ExtensionUnderTest;
  let popup: Popup;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    extension = await launchExtension(name);
    popup = new Popup(await extension.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.tab.waitFor(CURRENT_USER, 'No user logged in.');
  });

  afterEach(reportConsoleOnFailure(() => extension));

  afterAll(async () => {
    await extension?.close();
    await emulator?.close();
  });

  it('should show an unknown uid typed in the UID field under that field, with "Create <uid>" as its fix, then log in as it', async () => {
    await popup.loginWithUid('cometchat-uid-9');

    await expect.poll(() => popup.tab.text(`${UID_FORM} [data-testid="error"]`)).toContain('ERR_UID_NOT_FOUND');
    expect(await popup.tab.count('[data-testid="error"]'), 'the error shows once, by the field').toBe(1);
    expect(await popup.tab.text('label[for="uid-login"]')).toBe('UID');
    expect(await popup.tab.attribute('#uid-login', 'aria-describedby')).toBe('uid-login-error');
    await popup.tab.screenshot(`${name}-popup-uid-error`);
    expect(await seriousViolations(popup.tab.page), 'axe on the UID error and its fix').toEqual([]);
    await popup.tab.click('Create cometchat-uid-9', { within: UID_FORM });

    await expect.poll(() => popup.currentUser()).toContain('cometchat-uid-9');
    expect(await popup.tab.count('[data-testid="error"]')).toBe(0);
    expect(emulator.requestLog.filter((entry) => entry.method === 'POST' && entry.route === 'users')).toHaveLength(1);
  });

  it('should not carry a login error into the Apps edit form or back', async () => {
    await popup.loginWithUid('nobody-here');
    await expect.poll(() => popup.error()).toContain('ERR_UID_NOT_FOUND');

    await popup.openApps();
    await popup.tab.click('Edit Local emulator');
    await popup.tab.waitFor('#setup-appId');
    expect(await popup.tab.count('[data-testid="error"]'), 'the old login error in the edit form').toBe(0);
    await popup.tab.click('Cancel');
    await popup.closeApps();

    await popup.tab.waitFor(CURRENT_USER);
    expect(await popup.tab.count('[data-testid="error"]'), 'the old login error back in the main view').toBe(0);
  });

  it("should show the popup's other user fields with readable dates (the raw number on hover) and copy the uid and the user's JSON", async () => {
    const copied = await recordCopies(popup.tab);
    await popup.tab.clickSummary('All fields', { within: CURRENT_USER });
    // Rendered once opened (UserCard.tsx).
    await popup.tab.waitFor(`${CURRENT_USER} .user-fields`);
    const createdAt = await popup.tab.evaluate((card) => {
      const cells = [...document.querySelectorAll<HTMLElement>(`${card} .user-fields dd`)].filter((cell) => cell.querySelector('time'));
      return cells.map((cell) => ({ title: cell.title, shown: cell.textContent ?? '', visible: cell.checkVisibility() }));
    }, CURRENT_USER);

    expect(createdAt.length).toBeGreaterThan(0);
    const first = createdAt[0]!;
    expect(first.visible, 'the opened fields show').toBe(true);
    expect(first.title, 'the epoch seconds on hover').toMatch(/^\d{10}$/);
    expect(first.shown, 'the date as shown').not.toContain(first.title);
    expect(first.shown).toMatch(/\d{4}/);
    expect(await popup.tab.count(`${CURRENT_USER} pre`), 'no JSON box').toBe(0);
    await popup.tab.screenshot(`${name}-popup-all-fields`);
    expect(await seriousViolations(popup.tab.page), 'axe on the opened fields').toEqual([]);
    await popup.tab.click('Copy uid', { within: CURRENT_USER });
    await popup.tab.click('Copy JSON', { within: CURRENT_USER });

    await expect.poll(copied).toHaveLength(2);
    const [uid, json] = await copied();
    expect(uid).toBe('cometchat-uid-9');
    expect(JSON.parse(json!)).toMatchObject({ uid: 'cometchat-uid-9', createdAt: Number(first.title) });
  });

  it("should copy the uid and the user's JSON from the panel's user inspector", async () => {
    const panel = await extension.openPage('devtools-panel.html', { width: 1000, height: 700 });
    await expect.poll(() => panel.text(CURRENT_USER)).toContain('cometchat-uid-9');
    const copied = await recordCopies(panel);

    await panel.click('Copy uid', { within: CURRENT_USER });
    await panel.clickSummary('Raw JSON', { within: CURRENT_USER });
    await panel.click('Copy JSON', { within: CURRENT_USER });

    await expect.poll(copied).toHaveLength(2);
    const [uid, json] = await copied();
    expect(uid).toBe('cometchat-uid-9');
    expect(JSON.parse(json!)).toMatchObject({ uid: 'cometchat-uid-9' });
  });

  it("should explain the tiles' green dot once a test user's session is held", async () => {
    expect(await popup.tab.count('[data-testid="tile-legend"]'), 'no legend without a dot').toBe(0);

    await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');

    await expect.poll(() => popup.tab.text('[data-testid="tile-legend"]')).toContain('session held');
  });
});
