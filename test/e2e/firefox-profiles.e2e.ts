import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { FirefoxPopupPage } from './support/firefox-popup-page';

/** components/shared/theme.css: `--bg` and `--text` as `light-dark()` resolves them. */
const LIGHT = { background: 'rgb(255, 255, 255)', text: 'rgb(27, 29, 36)' };
const DARK = { background: 'rgb(23, 24, 28)', text: 'rgb(232, 233, 238)' };

/** "METHOD route" for each request an emulator was asked, oldest first. */
const requests = (emulator: Emulator) => emulator.requestLog.map(({ method, route }) => `${method} ${route}`);

/**
 * Two CometChat apps (two emulators, two App IDs) side by side in the Firefox popup, then the popup in
 * Firefox's dark scheme. One Firefox at a time: each colour scheme is its own launch (see firefox.ts).
 */
describe('app profiles and colour scheme in the Firefox popup', () => {
  let first: Emulator;
  let second: Emulator;

  beforeAll(async () => {
    first = await startEmulator({ port: 0 });
    second = await startEmulator({ port: 0, appId: 'second-app', authKey: 'second-auth-key' });
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  describe('with two apps, in a Firefox that prefers light', () => {
    let firefox: FirefoxWithExtension;
    let popup: FirefoxPopupPage;

    beforeAll(async () => {
      firefox = await launchFirefoxWithExtension({ colorScheme: 'light' });
      popup = new FirefoxPopupPage(await firefox.openPage('popup.html'));
    });
    afterEach(({ task }) => reportConsoleOnFailure(task, firefox));
    afterAll(async () => {
      await firefox?.close();
    });

    it('should set up the local emulator and log in as Nancy Grace from her tile', async () => {
      await popup.setUpWithEmulator({ apiHost: first.url });
      await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');

      await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
      expect(await popup.activeApp()).toBe('Local emulator');
      expect(requests(first)).toContain('POST users/cometchat-uid-3/auth_tokens');
    });

    it('should add a second app, which starts with nobody logged in, and log in John Paul there', async () => {
      await popup.addApp({ label: 'Second app', appId: 'second-app', authKey: 'second-auth-key', apiHost: second.url });

      await expect.poll(() => popup.currentUser()).toContain('No user logged in.');
      expect(await popup.activeApp()).toBe('Second app');
      await popup.loginAsTestUser('John Paul', 'cometchat-uid-5');
      await expect.poll(() => popup.currentUser()).toContain('John Paul');
      // The login went to the second app's emulator, not the first one's.
      expect(second.requestLog).toContainEqual({ method: 'POST', route: 'users/cometchat-uid-5/auth_tokens' });
      expect(requests(first)).not.toContain('POST users/cometchat-uid-5/auth_tokens');
    });

    it("should keep each app's session when switching apps in the header, without logging in again", async () => {
      const logins = () => [...requests(first), ...requests(second)].filter((request) => /^POST users\/.+\/auth_tokens$/.test(request));
      const loginsBefore = logins().length;

      await popup.useApp('Local emulator');

      await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
      expect(await popup.currentUser()).toContain('cometchat-uid-3');
      await popup.useApp('Second app');
      await expect.poll(() => popup.currentUser()).toContain('John Paul');
      expect(logins()).toHaveLength(loginsBefore);
    });

    it('should list both apps, the one in use marked, and paint the popup light', async () => {
      await popup.openApps();

      await expect.poll(() => popup.appLabels()).toEqual(['Local emulator', 'Second app']);
      expect(await popup.appMarkedInUse()).toBe('Second app');
      expect(await popup.bodyColours()).toEqual(LIGHT);
      await popup.screenshot('firefox-popup-apps');
      await popup.closeApps();
      await expect.poll(() => popup.currentUser()).toContain('John Paul');
    });

    it('should set up an app without an Auth Key, say what the test users need, and log in there with a pasted token', async () => {
      const tokensOnly = await startEmulator({ port: 0, appId: 'tokens-only-app' });
      try {
        await popup.addApp({ label: 'Tokens only', appId: 'tokens-only-app', authKey: '', apiHost: tokensOnly.url });

        await popup.page.waitForFunction(
          () => document.querySelector<HTMLElement>('[data-testid="no-auth-key"]')?.innerText.includes("need the app's Auth Key"),
          { timeout: 10_000 },
        );
        await popup.loginWithAuthToken(tokensOnly.createAuthToken('cometchat-uid-4'));

        await expect.poll(() => popup.currentUser()).toContain('Susan Marie');
        expect(requests(tokensOnly).filter((request) => request.endsWith('/auth_tokens'))).toEqual([]);
      } finally {
        await tokensOnly.close();
      }
    });
  });

  describe('in a Firefox that prefers dark', () => {
    let firefox: FirefoxWithExtension;
    let popup: FirefoxPopupPage;

    beforeAll(async () => {
      firefox = await launchFirefoxWithExtension({ colorScheme: 'dark' });
      popup = new FirefoxPopupPage(await firefox.openPage('popup.html'));
    });
    afterEach(({ task }) => reportConsoleOnFailure(task, firefox));
    afterAll(async () => {
      await firefox?.close();
    });

    it('should paint the set-up form and the logged-in popup dark', async () => {
      await expect.poll(() => popup.bodyColours()).toEqual(DARK);

      await popup.setUpWithEmulator({ apiHost: first.url });
      await popup.loginAsTestUser('Susan Marie', 'cometchat-uid-4');

      await expect.poll(() => popup.currentUser()).toContain('Susan Marie');
      expect(await popup.bodyColours()).toEqual(DARK);
      await popup.screenshot('firefox-popup-dark');
    });
  });
});

/** A failing step says what the user saw; the popup's console says why. */
function reportConsoleOnFailure(task: { result?: { state?: string } }, firefox: FirefoxWithExtension | undefined): void {
  if (task.result?.state === 'fail' && firefox?.consoleMessages.length) {
    console.error(`Popup console:\n${firefox.consoleMessages.join('\n')}`);
  }
}
