import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { PopupPage } from './support/popup-page';

/** Storage the background cannot use: a clear message and a way out, never a popup stuck on "Connecting…". */
describe('damaged storage in Chromium', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension();
    popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.loginAsTestUser('Nancy Grace');
    await popup.currentUser.getByText('Nancy Grace').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('should say the data cannot be opened when a newer version wrote it, and offer a reset', async () => {
    // What a downgrade leaves behind: the database at a version this build does not know.
    await popup.page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('COMETCHAT_SESSION_INSPECTOR', 99);
          request.onsuccess = () => (request.result.close(), resolve());
          request.onerror = () => reject(request.error);
        }),
    );
    await browser.stopServiceWorker();

    await popup.page.reload();

    await expect.poll(() => popup.page.getByTestId('storage-problem').textContent()).toContain('ERR_STORAGE_UNAVAILABLE');
    expect(await popup.page.getByTestId('storage-problem').textContent()).toContain('Reset the extension');
    await popup.screenshot('popup-storage-problem');
  });

  it('should start over after the tester confirms the reset', async () => {
    await popup.page.getByRole('button', { name: 'Reset the extension\'s data' }).click();
    await popup.page.getByRole('button', { name: 'Delete all apps, sessions and events' }).click();

    await expect.poll(() => popup.page.getByRole('button', { name: 'Use the local emulator' }).count()).toBe(1);
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.loginAsTestUser('John Paul');
    await expect.poll(() => popup.currentUser.textContent()).toContain('John Paul');
  });
});
