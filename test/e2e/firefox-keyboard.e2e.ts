import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { FirefoxPopupPage } from './support/firefox-popup-page';
import { startVirtualDisplay, type VirtualDisplay } from './support/virtual-display';

/**
 * The extension's keyboard shortcuts in Firefox, pressed for real: a headed Firefox ESR on a virtual display, keys
 * typed by xdotool into its window, as a tester's fingers would. Chosen over WebDriver BiDi key input (which is
 * dispatched to a page's content, not to the browser window whose key set holds the extension's `commands`) and
 * over calling Firefox's ExtensionShortcuts from the chrome scope (which would skip the key binding itself).
 */
describe('keyboard shortcuts in Firefox', () => {
  let display: VirtualDisplay;
  let emulator: Emulator;
  let firefox: FirefoxWithExtension;
  let panel: Page;

  const press = (chord: string) => display.pressKeys(chord, 'firefox-esr');
  const currentUser = () => panel.evaluate(() => document.querySelector<HTMLElement>('[data-testid="current-user"]')?.innerText ?? '');

  beforeAll(async () => {
    display = await startVirtualDisplay();
    emulator = await startEmulator({ port: 0 });
    firefox = await launchFirefoxWithExtension({ display: display.display });
    const popup = new FirefoxPopupPage(await firefox.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    // The card reads "No user logged in." once the event page has stored the settings.
    await popup.page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="current-user"]')?.innerText.includes('No user logged in.'),
      { timeout: 10_000 },
    );
    await popup.page.close();
    panel = await firefox.openPage('devtools-panel.html', { width: 1000, height: 700 });
  });

  afterAll(async () => {
    await firefox?.close();
    await emulator?.close();
    display?.close();
  });

  it('should log in as the next test user on Alt+Shift+U, and on to the one after', async () => {
    press('alt+shift+u');
    await expect.poll(currentUser).toContain('Andrew Joseph');

    press('alt+shift+u');

    await expect.poll(currentUser).toContain('George Alan');
    const rows = await panel.evaluate(() =>
      [...document.querySelectorAll('[aria-label="Auth event timeline"] [data-seq]')]
        .map((row) => ({
          seq: Number(row.getAttribute('data-seq')),
          text: `${row.getAttribute('data-type')} ${row.querySelector('.event-uid')?.textContent ?? ''}`,
          source: row.querySelector('.event-source')?.textContent ?? '',
        }))
        .sort((a, b) => a.seq - b.seq),
    );
    expect(rows.map((row) => row.text)).toEqual(['loginSuccess cometchat-uid-1', 'loginSuccess cometchat-uid-2']);
    expect(rows.at(-1)!.source).toContain('keyboard');
  });

  it('should log out on Alt+Shift+L', async () => {
    press('alt+shift+l');

    await expect.poll(currentUser).toContain('No user logged in.');
  });
});
