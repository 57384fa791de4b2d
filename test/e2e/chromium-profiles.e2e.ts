import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { PopupPage } from './support/popup-page';

/** Two CometChat apps (two emulators, two App IDs) side by side in one popup. */
describe('app profiles and keyboard in the Chromium popup', () => {
  let first: Emulator;
  let second: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;

  const importFile = (name: string, text: string) =>
    popup.page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const appLabels = () => popup.page.locator('.profile-list strong').allTextContents();

  beforeAll(async () => {
    first = await startEmulator({ port: 0 });
    second = await startEmulator({ port: 0, appId: 'second-app', authKey: 'second-auth-key' });
    browser = await launchChromiumWithExtension();
    popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: first.url });
    // Saving checks the API host first: the keys 1–5 belong to the main view, which shows once that is done.
    await popup.currentUser.getByText('No user logged in.').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await first?.close();
    await second?.close();
  });

  it('should log in as test user 3 when the tester presses 3', async () => {
    await popup.page.bringToFront();
    await popup.page.locator('body').press('3');

    await expect.poll(() => popup.currentUser.textContent()).toContain('Nancy Grace');
  });

  it('should add a second app, which starts with nobody logged in', async () => {
    await popup.addApp({ label: 'Second app', appId: 'second-app', authKey: 'second-auth-key', apiHost: second.url });

    await expect.poll(() => popup.currentUser.textContent()).toContain('No user logged in.');
    await popup.page.locator('body').press('5');
    await expect.poll(() => popup.currentUser.textContent()).toContain('John Paul');
    expect(second.requestLog).toContainEqual({ method: 'POST', route: 'users/cometchat-uid-5/auth_tokens' });
  });

  it("should keep each app's sessions apart when switching apps", async () => {
    await popup.useApp('Local emulator');

    await expect.poll(() => popup.currentUser.textContent()).toContain('Nancy Grace');
    expect(await popup.page.locator('.held-dot').count()).toBe(1);
    await popup.useApp('Second app');
    await expect.poll(() => popup.currentUser.textContent()).toContain('John Paul');
  });

  it('should not pick a test user when the digit is typed into a field', async () => {
    await popup.page.getByLabel('UID', { exact: true }).fill('');
    await popup.page.getByLabel('UID', { exact: true }).press('1');

    expect(await popup.currentUser.textContent()).toContain('John Paul');
    await popup.page.getByLabel('UID', { exact: true }).fill('');
  });

  it('should export the apps without any Auth Key or token', async () => {
    await popup.openApps();
    await popup.screenshot('popup-apps');
    const download = popup.page.waitForEvent('download');

    await popup.page.getByRole('button', { name: 'Export apps' }).click();
    const exported = await readFile(await (await download).path(), 'utf8');

    expect(JSON.parse(exported).profiles.map((profile: { label: string }) => profile.label)).toEqual(['Local emulator', 'Second app']);
    expect(exported).not.toContain(first.authKey);
    expect(exported).not.toContain('second-auth-key');
    expect(exported).not.toMatch(/cometchat-uid-\d_\d{10}/);
  });

  it('should reject a malformed import file with a message and change nothing', async () => {
    await importFile('broken.json', '{"format": "cometchat-session-inspector/profiles", "profiles": [{"appId": "x y", "region": "mars"}]}');

    await expect.poll(() => popup.error.textContent()).toContain('ERR_INVALID_IMPORT');
    expect(await popup.error.textContent()).toContain('nothing was imported');
    expect(await appLabels()).toEqual(['Local emulator', 'Second app']);
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
    await importFile('apps.json', file);
    await expect.poll(() => popup.page.getByLabel('Import preview').textContent()).toContain('Production');
    await popup.screenshot('popup-import-preview');

    await popup.page.getByRole('button', { name: 'Import', exact: true }).click();

    await expect.poll(() => popup.page.getByRole('status').textContent()).toContain('Imported: 1 added, 0 replaced, 1 left as they were.');
    expect(await appLabels()).toEqual(['Local emulator', 'Second app', 'Production']);
  });

  it('should delete an app after the tester confirms', async () => {
    await popup.page.getByRole('button', { name: 'Delete Production' }).click();
    await popup.page.getByRole('button', { name: 'Delete it and its sessions' }).click();

    await expect.poll(() => appLabels()).toEqual(['Local emulator', 'Second app']);
  });

  it('should set up an app without an Auth Key, say what the test users need, and log in there with a pasted token', async () => {
    const tokensOnly = await startEmulator({ port: 0, appId: 'tokens-only-app' });
    try {
      await popup.page.reload();
      await popup.addApp({ label: 'Tokens only', appId: 'tokens-only-app', authKey: '', apiHost: tokensOnly.url });

      await expect.poll(() => popup.page.getByTestId('no-auth-key').textContent()).toContain("need the app's Auth Key");
      expect(await popup.page.getByRole('button', { name: /^Log in as Susan Marie / }).isDisabled()).toBe(true);
      await popup.page.locator('body').press('1');
      await expect.poll(() => popup.error.textContent()).toContain('ERR_NO_AUTH_KEY');

      await popup.loginWithAuthToken(tokensOnly.createAuthToken('cometchat-uid-4'));

      await expect.poll(() => popup.currentUser.textContent()).toContain('Susan Marie');
      expect(await popup.page.getByRole('button', { name: /^Log in as Susan Marie / }).isDisabled()).toBe(false);
      expect(requests(tokensOnly).filter((request) => request.endsWith('/auth_tokens'))).toEqual([]);
    } finally {
      await tokensOnly.close();
    }
  });
});

/** "METHOD route" for each request an emulator was asked, oldest first. */
const requests = (emulator: Emulator) => emulator.requestLog.map(({ method, route }) => `${method} ${route}`);
