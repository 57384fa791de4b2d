import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { FirefoxPopupPage } from './support/firefox-popup-page';
import { findPaintedHiddenText } from './support/visually-hidden-check';

/**
 * One tester's session, step by step, in real Firefox ESR (the MV2 build, event page and all)
 * against the real emulator over loopback: set up, log in, token login, an error, logout.
 */
describe('popup in Firefox', () => {
  let emulator: Emulator;
  let firefox: FirefoxWithExtension;
  let popup: FirefoxPopupPage;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    firefox = await launchFirefoxWithExtension();
    popup = new FirefoxPopupPage(await firefox.openPage('popup.html'));
  });

  /** What the emulator was asked, oldest first, as "METHOD route". */
  const requests = () => emulator.requestLog.map(({ method, route }) => `${method} ${route}`);

  afterEach(({ task }) => {
    // A failing step says what the user saw; the popup's console says why.
    if (task.result?.state === 'fail' && firefox?.consoleMessages.length) {
      console.error(`Popup console:\n${firefox.consoleMessages.join('\n')}`);
    }
  });

  afterAll(async () => {
    await firefox?.close();
    await emulator?.close();
  });

  it('should be listed by its English name and description, and its shortcuts by their names (public/_locales)', async () => {
    const listed = await popup.page.evaluate(async () => {
      const api = (globalThis as any).browser;
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

    await expect.poll(() => popup.currentUser()).toContain('No user logged in.');
  });

  it('should paint none of the words meant only for screen readers', async () => {
    const { hidden, painted } = await popup.page.evaluate(findPaintedHiddenText);

    expect(hidden).toBeGreaterThan(0);
    expect(painted, 'screen-reader words painted on screen').toEqual([]);
  });

  it('should log in as cometchat-uid-3 from its tile and show Nancy Grace', async () => {
    await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');

    await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
    expect(await popup.currentUser()).toContain('cometchat-uid-3');
    // The event page's fetch reached this test's emulator over loopback (not some other one on the default port).
    expect(requests()).toContain('POST users/cometchat-uid-3/auth_tokens');
  });

  it('should log in with a token minted by the emulator and show John Paul', async () => {
    const token = emulator.createAuthToken('cometchat-uid-5');

    await popup.loginWithAuthToken(token);

    await expect.poll(() => popup.currentUser()).toContain('John Paul');
    expect(await popup.currentUser()).toContain('cometchat-uid-5');
    expect(await popup.currentUser()).not.toContain(token);
    await popup.screenshot('firefox-popup-logged-in');
  });

  it('should show ERR_UID_NOT_FOUND for an unknown uid and keep John Paul logged in', async () => {
    await popup.loginWithUid('no-such-user');

    await expect.poll(() => popup.error()).toContain('ERR_UID_NOT_FOUND');
    expect(await popup.error()).toContain('no-such-user');
    expect(await popup.currentUser()).toContain('John Paul');
  });

  it('should log out and show nobody logged in', async () => {
    await popup.logout();

    await expect.poll(() => popup.currentUser()).toContain('No user logged in.');
    expect(requests().at(-1)).toBe('DELETE me');
    await popup.screenshot('firefox-popup-logged-out');
  });
});
