import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { PopupPage } from './support/popup-page';

/**
 * The real path, with no API host override: the extension talks to `{appId}.api-us.cometchat.io` and
 * `{appId}.apiclient-us.cometchat.io`, which Chromium maps to the emulator; the emulator sends no CORS headers,
 * so only the extension's host access to CometChat's hosts gets its requests through. (Firefox has no switch
 * that maps a host name to another port, so this runs in Chromium only.)
 */
describe("CometChat's own hosts, with CORS closed, in Chromium", () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  const apiUrl = () => `https://${emulator.appId}.api-us.cometchat.io/v3.0/users/cometchat-uid-1/auth_tokens`;
  /** The auth requests the emulator got (the test users' pictures on assets.cometchat.io are mapped to it too). */
  const requests = () =>
    emulator.requestLog
      .filter((entry) => entry.method !== 'OPTIONS' && (entry.route === 'me' || entry.route.endsWith('/auth_tokens')))
      .map(({ method, route }) => `${method} ${route}`);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tls: true, cors: false });
    browser = await launchChromiumWithExtension({
      acceptSelfSigned: true,
      extraArgs: [`--host-resolver-rules=MAP *.cometchat.io 127.0.0.1:${emulator.port}`],
    });
    popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ appId: emulator.appId, region: 'us', authKey: emulator.authKey, apiHost: '' });
    await popup.currentUser.getByText('No user logged in.').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('should be closed to a web page, which needs CORS (the control)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://${emulator.appId}.apiclient-us.cometchat.io/`);

    const outcome = await page.evaluate(
      async ({ url, appId, apiKey }) =>
        fetch(url, { method: 'POST', headers: { appId, apiKey, 'Content-Type': 'application/json' }, body: '{}' }).then(
          (response) => `status ${response.status}`,
          (error: Error) => error.name,
        ),
      { url: apiUrl(), appId: emulator.appId, apiKey: emulator.authKey },
    );
    await page.close();

    expect(outcome).toBe('TypeError');
  });

  it('should log in with the Auth Key, then with a token, switch back to the held session and log out', async () => {
    emulator.requestLog.length = 0;
    await popup.loginAsTestUser('Andrew Joseph');
    await expect.poll(() => popup.currentUser.textContent()).toContain('Andrew Joseph');
    expect(requests()).toEqual(['POST users/cometchat-uid-1/auth_tokens', 'PUT me']);

    await popup.loginWithAuthToken(emulator.createAuthToken('cometchat-uid-2'));
    await expect.poll(() => popup.currentUser.textContent()).toContain('George Alan');

    await popup.loginAsTestUser('Andrew Joseph');
    await expect.poll(() => popup.currentUser.textContent()).toContain('Andrew Joseph');
    expect(requests()).toEqual(['POST users/cometchat-uid-1/auth_tokens', 'PUT me', 'PUT me']);

    await popup.page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => popup.currentUser.textContent()).toContain('No user logged in.');
    expect(requests().at(-1)).toBe('DELETE me');
  });
});
