import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { PanelPage } from './support/panel-page';
import { PopupPage } from './support/popup-page';
import { findPaintedHiddenText } from './support/visually-hidden-check';

/**
 * One tester's session, step by step, in real Chromium against the real emulator: set up, log in,
 * token login, errors, logout — with a second view watching and the worker stopped along the way.
 */
describe('popup in Chromium', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  let panel: PanelPage;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension();
    popup = new PopupPage(await browser.openPage('popup.html'));
    panel = new PanelPage(await browser.openPage('devtools-panel.html', { width: 900, height: 700 }));
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('should refuse app settings without an App ID and say which field is wrong', async () => {
    await popup.saveSettings();

    await expect.poll(() => popup.error.textContent()).toContain('ERR_INVALID_PROFILE');
    expect(await popup.error.textContent()).toContain('The App ID is required.');
    const describedBy = await popup.page.getByLabel('App ID').getAttribute('aria-describedby');
    expect(await popup.page.locator(`#${describedBy}`).textContent()).toBe('The App ID is required.');
    await popup.screenshot('popup-setup');
  });

  it('should be listed by its English name and description, and its shortcuts by their names (public/_locales)', async () => {
    const listed = await popup.page.evaluate(async () => {
      const api = (globalThis as any).chrome;
      const self = await api.management.getSelf();
      const commands: Array<{ name: string; description: string }> = await api.commands.getAll();
      return {
        name: self.name,
        description: self.description,
        commands: Object.fromEntries(commands.map((command) => [command.name, command.description])),
      };
    });

    expect(listed).toMatchObject({
      name: 'CometChat Session Inspector',
      description: 'See, switch and watch CometChat sessions while you develop and test.',
      commands: { 'next-test-user': 'Log in as the next test user (cometchat-uid-1 … 5)', 'log-out': 'Log out of CometChat' },
    });
  });

  it('should set up the app through the popup and show nobody logged in', async () => {
    await popup.setUpWithEmulator({ apiHost: emulator.url });

    await expect.poll(() => popup.currentUser.textContent()).toContain('No user logged in.');
    await popup.screenshot('popup-logged-out');
  });

  it('should paint none of the words meant only for screen readers, in the popup or the panel', async () => {
    for (const view of [popup.page, panel.page]) {
      const { hidden, painted } = await view.evaluate(findPaintedHiddenText);

      expect(hidden, `visually-hidden elements in ${view.url()}`).toBeGreaterThan(0);
      expect(painted, `screen-reader words painted on screen in ${view.url()}`).toEqual([]);
    }
  });

  it('should log in as cometchat-uid-3 and show Nancy Grace in the popup and, live, in the panel', async () => {
    await popup.loginAsTestUser('Nancy Grace');

    await expect.poll(() => popup.currentUser.textContent()).toContain('Nancy Grace');
    expect(await popup.currentUser.textContent()).toContain('cometchat-uid-3');
    await expect.poll(() => panel.currentUser.textContent()).toContain('Nancy Grace');
    expect(await panel.eventTypes()).toEqual(['loginSuccess cometchat-uid-3']);
    expect(await panel.eventCount.textContent()).toBe('1 event');
    await popup.screenshot('popup-logged-in');
    await popup.page.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot('popup-logged-in-dark');
    await popup.page.emulateMedia({ colorScheme: 'light' });
  });

  it("should show the user's epoch-second dates readable in the panel, the raw value on hover", async () => {
    for (const field of ['lastActiveAt', 'createdAt']) {
      const value = panel.currentUser.locator('dt', { hasText: new RegExp(`^${field}$`) }).locator('xpath=following-sibling::dd[1]');
      const raw = Number(await value.getAttribute('title'));
      const shown = (await value.textContent()) ?? '';

      expect(raw, `${field} is epoch seconds`).toBeGreaterThan(1_000_000_000);
      expect(shown, `${field} is shown as a date`).toContain(String(new Date(raw * 1000).getFullYear()));
      expect(shown).not.toContain(String(raw));
    }
  });

  it('should still show Nancy Grace after the service worker is stopped', async () => {
    await browser.stopServiceWorker();

    await popup.page.reload();

    await expect.poll(() => popup.currentUser.textContent()).toContain('Nancy Grace');
    await expect.poll(() => browser.isServiceWorkerRunning()).toBe(true);
  });

  it('should log in with a token minted by the emulator', async () => {
    const token = emulator.createAuthToken('cometchat-uid-5');

    await popup.loginWithAuthToken(token);

    await expect.poll(() => popup.currentUser.textContent()).toContain('John Paul');
    expect(await popup.currentUser.textContent()).not.toContain(token);
    await expect.poll(() => panel.eventTypes()).toEqual(['loginSuccess cometchat-uid-3', 'loginSuccess cometchat-uid-5']);
  });

  it('should show ERR_UID_NOT_FOUND for an unknown uid and keep John Paul logged in', async () => {
    await popup.loginWithUid('no-such-user');

    await expect.poll(() => popup.error.textContent()).toContain('ERR_UID_NOT_FOUND');
    expect(await popup.error.textContent()).toContain('The UID no-such-user does not exist');
    expect(await popup.currentUser.textContent()).toContain('John Paul');
    await expect.poll(async () => (await panel.eventTypes()).at(-1)).toBe('loginFailure no-such-user');
    await popup.screenshot('popup-error');
  });

  it('should show AUTH_ERR_APIKEY_NOT_FOUND for a wrong Auth Key and keep the stored session', async () => {
    await popup.changeApp({ authKey: 'wrong-key' });

    await popup.loginAsTestUser('George Alan');

    await expect.poll(() => popup.error.textContent()).toContain('AUTH_ERR_APIKEY_NOT_FOUND');
    expect(await popup.error.textContent()).toContain('This Auth Key does not belong to this app / region.');
    // CometChat echoes the key it refused: the popup shows it masked, like every secret.
    expect(await popup.error.textContent()).toContain('The key ••••••••-key does not exist');
    expect(await popup.error.textContent()).not.toContain('wrong-key');
    expect(await popup.currentUser.textContent()).toContain('John Paul');
    await browser.stopServiceWorker();
    await popup.page.reload();
    await expect.poll(() => popup.currentUser.textContent()).toContain('John Paul');
    await popup.changeApp({ authKey: emulator.authKey });
  });

  it('should end a login cut short by a stopped worker with an error, then show the stored state', async () => {
    emulator.setFault({ route: 'auth_tokens', kind: 'delay', delayMs: 3000 });
    await popup.loginAsTestUser('George Alan');
    await expect.poll(() => emulator.requestLog.some((entry) => entry.route.endsWith('auth_tokens'))).toBe(true);

    await browser.stopServiceWorker();

    await expect.poll(() => popup.error.textContent()).toContain('ERR_BACKGROUND_RESTARTED');
    await expect.poll(() => popup.currentUser.textContent()).toContain('John Paul');
    emulator.clearFaults();
    await popup.loginAsTestUser('George Alan');
    await expect.poll(() => popup.currentUser.textContent()).toContain('George Alan');
    await expect.poll(() => panel.currentUser.textContent()).toContain('George Alan');
  });

  it('should switch back to a held session without a network request', async () => {
    const requestsBefore = emulator.requestLog.length;

    await popup.loginAsTestUser('John Paul');

    await expect.poll(() => popup.currentUser.textContent()).toContain('John Paul');
    expect(emulator.requestLog.length).toBe(requestsBefore);
  });

  it('should log out and tell the panel live', async () => {
    await popup.logout();

    await expect.poll(() => popup.currentUser.textContent()).toContain('No user logged in.');
    await expect.poll(async () => (await panel.eventTypes()).at(-1)).toBe('logoutSuccess cometchat-uid-5');
    await expect.poll(() => panel.currentUser.textContent()).toContain('No user logged in.');
  });

  it('should update the popup live when another view changes the session', async () => {
    const secondPopup = new PopupPage(await browser.openPage('popup.html'));

    await secondPopup.loginAsTestUser('Andrew Joseph');

    await expect.poll(() => popup.currentUser.textContent()).toContain('Andrew Joseph');
    await expect.poll(async () => (await panel.eventTypes()).at(-1)).toBe('loginSuccess cometchat-uid-1');
    await secondPopup.page.close();
  });
});
