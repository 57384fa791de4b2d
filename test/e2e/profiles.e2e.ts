import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { BROWSERS, launchExtension, type BrowserName, type ExtensionUnderTest, reportConsoleOnFailure } from './support/extension-driver';
import { Popup } from './support/popup';

/** components/shared/theme.css: `--bg` and `--text` as `light-dark()` resolves them. */
const LIGHT = { background: 'rgb(255, 255, 255)', text: 'rgb(27, 29, 36)' };
const DARK = { background: 'rgb(23, 24, 28)', text: 'rgb(232, 233, 238)' };

/** "METHOD route" for each request an emulator was asked, oldest first. */
const requests = (emulator: Emulator) => emulator.requestLog.map(({ method, route }) => `${method} ${route}`);

/** The browser with the extension, its pages following `scheme` (Chromium's emulated media, Firefox's pref). */
const launchPreferring = (name: BrowserName, scheme: 'light' | 'dark') =>
  launchExtension(name, { chromium: { colorScheme: scheme }, firefox: { colorScheme: scheme } });

/**
 * Two CometChat apps (two emulators, two App IDs) side by side in one popup, the keys 1–5, export and import of the
 * apps, then the popup in a dark colour scheme. One browser at a time: each colour scheme is its own launch.
 */
describe.each(BROWSERS)('app profiles, keyboard and colour scheme in the %s popup', (name) => {
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

  describe('with two apps, in a browser that prefers light', () => {
    let extension: ExtensionUnderTest;
    let popup: Popup;

    beforeAll(async () => {
      extension = await launchPreferring(name, 'light');
      popup = new Popup(await extension.openPage('popup.html'));
    });
    afterEach(reportConsoleOnFailure(() => extension));
    afterAll(async () => {
      await extension?.close();
    });

    it('should set up the local emulator and log in as Nancy Grace from her tile', async () => {
      await popup.setUpWithEmulator({ apiHost: first.url });
      // Saving checks the API host first: the main view (its tiles and keys) shows once that is done.
      await popup.tab.waitFor('[data-testid="current-user"]', 'No user logged in.');
      await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');

      await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
      expect(await popup.activeApp()).toBe('Local emulator');
      expect(requests(first)).toContain('POST users/cometchat-uid-3/auth_tokens');
    });

    it('should log in as test user 3 when the tester presses 3', async () => {
      // Nobody logged in first, so that only the key can bring Nancy Grace back.
      await popup.logout();
      await expect.poll(() => popup.currentUser()).toContain('No user logged in.');

      await popup.tab.press('3');

      await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
    });

    it('should add a second app, which starts with nobody logged in, and log in John Paul there', async () => {
      await popup.addApp({ label: 'Second app', appId: 'second-app', authKey: 'second-auth-key', apiHost: second.url });

      await expect.poll(() => popup.currentUser()).toContain('No user logged in.');
      expect(await popup.activeApp()).toBe('Second app');
      await popup.tab.press('5');
      await expect.poll(() => popup.currentUser()).toContain('John Paul');
      // The login went to the second app's emulator, not the first one's.
      expect(second.requestLog).toContainEqual(expect.objectContaining({ method: 'POST', route: 'users/cometchat-uid-5/auth_tokens' }));
      expect(requests(first)).not.toContain('POST users/cometchat-uid-5/auth_tokens');
    });

    it("should keep each app's sessions apart when switching apps in the header, without logging in again", async () => {
      const logins = () => [...requests(first), ...requests(second)].filter((request) => /^POST users\/.+\/auth_tokens$/.test(request));
      const loginsBefore = logins().length;

      await popup.useApp('Local emulator');

      await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
      expect(await popup.currentUser()).toContain('cometchat-uid-3');
      expect(await popup.tab.count('.held-dot')).toBe(1);
      await popup.useApp('Second app');
      await expect.poll(() => popup.currentUser()).toContain('John Paul');
      expect(logins()).toHaveLength(loginsBefore);
    });

    it('should not pick a test user when the digit is typed into a field', async () => {
      await popup.tab.fill('UID', '');
      await popup.tab.press('1', 'UID');

      expect(await popup.tab.evaluate(() => document.querySelector<HTMLInputElement>('#uid-login')?.value)).toBe('1');
      expect(await popup.currentUser()).toContain('John Paul');
      await popup.tab.fill('UID', '');
    });

    it('should list both apps, the one in use marked, and paint the popup light', async () => {
      await popup.openApps();

      await expect.poll(() => popup.appLabels()).toEqual(['Local emulator', 'Second app']);
      expect(await popup.appMarkedInUse()).toBe('Second app');
      expect(await popup.bodyColours()).toEqual(LIGHT);
      await popup.tab.screenshot(`${name}-popup-apps`);
      await popup.closeApps();
      await expect.poll(() => popup.currentUser()).toContain('John Paul');
    });

    it('should export the apps without any Auth Key or token', async () => {
      await popup.openApps();

      const exported = await popup.tab.download('Export apps');

      expect(JSON.parse(exported).profiles.map((profile: { label: string }) => profile.label)).toEqual(['Local emulator', 'Second app']);
      expect(exported).not.toContain(first.authKey);
      expect(exported).not.toContain('second-auth-key');
      expect(exported).not.toMatch(/cometchat-uid-\d_\d{10}/);
    });

    it('should reject a malformed import file with a message and change nothing', async () => {
      await popup.tab.upload('input[type=file]', {
        name: 'broken.json',
        text: '{"format": "cometchat-session-inspector/profiles", "profiles": [{"appId": "x y", "region": "mars"}]}',
      });

      await expect.poll(() => popup.error()).toContain('ERR_INVALID_IMPORT');
      expect(await popup.error()).toContain('nothing was imported');
      expect(await popup.appLabels()).toEqual(['Local emulator', 'Second app']);
    });

    it('should preview an import and add only what the tester confirms', async () => {
      const file = JSON.stringify({
        format: 'cometchat-session-inspector/profiles',
        version: 1,
        profiles: [
          { label: 'Renamed second', appId: 'second-app', region: 'eu', apiHost: second.url },
          { label: 'Production', appId: 'prod-app', region: 'us', authKey: 'prod-key' },
        ],
      });
      await popup.tab.upload('input[type=file]', { name: 'apps.json', text: file });
      await expect.poll(() => popup.tab.text('[aria-label="Import preview"]')).toContain('Production');
      await popup.tab.screenshot(`${name}-popup-import-preview`);

      await popup.tab.click('Import');

      await expect.poll(() => popup.tab.text('[role="status"]')).toContain('Imported: 1 added, 0 replaced, 1 left as they were.');
      expect(await popup.appLabels()).toEqual(['Local emulator', 'Second app', 'Production']);
    });

    it('should delete an app after the tester confirms', async () => {
      await popup.tab.click('Delete Production');
      await popup.tab.click('Delete it and its sessions');

      await expect.poll(() => popup.appLabels()).toEqual(['Local emulator', 'Second app']);
    });

    it('should set up an app without an Auth Key, say what the test users need, and log in there with a pasted token', async () => {
      const tokensOnly = await startEmulator({ port: 0, appId: 'tokens-only-app' });
      try {
        // The popup opened again (a reload loses a moz-extension page over BiDi): back in the main view.
        await popup.tab.close();
        popup = new Popup(await extension.openPage('popup.html'));
        await popup.addApp({ label: 'Tokens only', appId: 'tokens-only-app', authKey: '', apiHost: tokensOnly.url });

        await expect.poll(() => popup.tab.text('[data-testid="no-auth-key"]')).toContain("need the app's Auth Key");
        expect((await popup.testUserTile('cometchat-uid-4')).disabled).toBe(true);
        await popup.tab.press('1');
        await expect.poll(() => popup.error()).toContain('ERR_NO_AUTH_KEY');

        await popup.loginWithAuthToken(tokensOnly.createAuthToken('cometchat-uid-4'));

        await expect.poll(() => popup.currentUser()).toContain('Susan Marie');
        // Held now, so enabled, once the login's write has ended (the user shows as it starts).
        await expect.poll(async () => (await popup.testUserTile('cometchat-uid-4')).disabled).toBe(false);
        expect(requests(tokensOnly).filter((request) => request.endsWith('/auth_tokens'))).toEqual([]);
      } finally {
        await tokensOnly.close();
      }
    });
  });

  describe('in a browser that prefers dark', () => {
    let extension: ExtensionUnderTest;
    let popup: Popup;

    beforeAll(async () => {
      extension = await launchPreferring(name, 'dark');
      popup = new Popup(await extension.openPage('popup.html'));
    });
    afterEach(reportConsoleOnFailure(() => extension));
    afterAll(async () => {
      await extension?.close();
    });

    it('should paint the set-up form and the logged-in popup dark', async () => {
      await expect.poll(() => popup.bodyColours()).toEqual(DARK);

      await popup.setUpWithEmulator({ apiHost: first.url });
      await popup.loginAsTestUser('Susan Marie', 'cometchat-uid-4');

      await expect.poll(() => popup.currentUser()).toContain('Susan Marie');
      expect(await popup.bodyColours()).toEqual(DARK);
      await popup.tab.screenshot(`${name}-popup-dark`);
    });
  });
});
