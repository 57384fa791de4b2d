import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { PanelPage } from './support/panel-page';
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
          request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
        }),
    );
    await browser.stopServiceWorker();

    await popup.page.reload();

    await expect.poll(() => popup.page.getByTestId('storage-problem').textContent()).toContain('ERR_STORAGE_UNAVAILABLE');
    expect(await popup.page.getByTestId('storage-problem').textContent()).toContain('Reset the extension');
    await popup.screenshot('popup-storage-problem');
  });

  it('should start over after the tester confirms the reset', async () => {
    await popup.page.getByRole('button', { name: "Reset the extension's data" }).click();
    await popup.page.getByRole('button', { name: 'Delete all apps, sessions and events' }).click();

    await expect.poll(() => popup.page.getByRole('button', { name: 'Use the local emulator' }).count()).toBe(1);
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.loginAsTestUser('John Paul');
    await expect.poll(() => popup.currentUser.textContent()).toContain('John Paul');
  });
});

/** A reset starts the database over (revision and event numbers from zero): views must not take that for old news. */
describe('a storage reset with two views open in Chromium', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('should show every open view the truth after a reset: no app, no user, an empty timeline, and the next events live', async () => {
    const popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.loginAsTestUser('Nancy Grace');
    const panel = new PanelPage(await browser.openPage('devtools-panel.html', { width: 1000, height: 900 }));
    await expect.poll(() => panel.currentUser.textContent()).toContain('Nancy Grace');
    await expect.poll(async () => parseInt((await panel.eventCount.textContent()) ?? '')).toBe(1);
    // One damaged record makes the popup offer the reset.
    await popup.page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('COMETCHAT_SESSION_INSPECTOR');
          request.onsuccess = () => {
            const tx = request.result.transaction('profiles', 'readwrite');
            tx.objectStore('profiles').put({ id: 'damaged', appId: 42 });
            tx.oncomplete = () => (request.result.close(), resolve());
            tx.onerror = () => reject(tx.error ?? new Error('IndexedDB failed'));
          };
          request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
        }),
    );
    await popup.loginAsTestUser('George Alan');
    await expect.poll(() => popup.page.getByTestId('storage-problem').textContent()).toContain('1 stored record was damaged');

    await popup.page.getByRole('button', { name: "Reset the extension's data" }).click();
    await popup.page.getByRole('button', { name: 'Delete all apps, sessions and events' }).click();

    await expect.poll(() => panel.currentUser.textContent()).toContain('No user logged in.');
    await expect.poll(async () => parseInt((await panel.eventCount.textContent()) ?? '')).toBe(0);
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.loginAsTestUser('John Paul');
    await expect
      .poll(() => panel.currentUser.textContent(), { message: 'the panel should follow the first login after the reset' })
      .toContain('John Paul');
    await expect.poll(async () => parseInt((await panel.eventCount.textContent()) ?? '')).toBe(1);
  });
});
