import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { BROWSERS, launchExtension, type ExtensionPage, type ExtensionUnderTest, reportConsoleOnFailure } from './support/extension-driver';
import { Popup } from './support/popup';
import { startVirtualDisplay, type VirtualDisplay } from './support/virtual-display';

const CURRENT_USER = '[data-testid="current-user"]';

/**
 * The extension's keyboard shortcuts, pressed for real: the browser headed on a virtual display, keys typed by xdotool
 * into its window, as a tester's fingers would. Headless Chromium has no accelerators, and WebDriver BiDi's key input
 * goes to a page's content, not to the browser window whose key set holds the extension's `commands` in Firefox.
 */
describe.each(BROWSERS)('keyboard shortcuts in %s', (name) => {
  let display: VirtualDisplay;
  let emulator: Emulator;
  let extension: ExtensionUnderTest;
  let panel: ExtensionPage;

  const press = (chord: string) => display.pressKeys(chord, extension.windowClass);
  const currentUser = () => panel.text(CURRENT_USER);

  beforeAll(async () => {
    display = await startVirtualDisplay();
    emulator = await startEmulator({ port: 0 });
    extension = await launchExtension(name, { chromium: { headless: false, display: display.display }, firefox: { display: display.display } });
    const popup = new Popup(await extension.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    // The card reads "No user logged in." once the background has stored the settings.
    await popup.tab.waitFor(CURRENT_USER, 'No user logged in.');
    await popup.tab.close();
    panel = await extension.openPage('devtools-panel.html', { width: 1000, height: 700 });
  });

  afterEach(reportConsoleOnFailure(() => extension));

  afterAll(async () => {
    await extension?.close();
    await emulator?.close();
    display?.close();
  });

  it('should log in as the next test user on Alt+Shift+U, and on to the one after', async () => {
    press('alt+shift+u');
    await expect.poll(currentUser).toContain('Andrew Joseph');

    press('alt+shift+u');

    await expect.poll(currentUser).toContain('George Alan');
    const rows = () =>
      panel.evaluate(() =>
        [...document.querySelectorAll('[aria-label="Auth event timeline"] [data-seq]')]
          .map((row) => ({
            seq: Number(row.getAttribute('data-seq')),
            text: `${row.getAttribute('data-type')} ${row.querySelector('.event-uid')?.textContent ?? ''}`,
            source: row.querySelector('.event-source')?.textContent ?? '',
          }))
          .sort((a, b) => a.seq - b.seq),
      );
    // The log's entry follows the login's write; the user shows as it starts.
    await expect.poll(async () => (await rows()).map((row) => row.text)).toEqual(['loginSuccess cometchat-uid-1', 'loginSuccess cometchat-uid-2']);
    expect((await rows()).at(-1)!.source).toContain('keyboard');
  });

  it('should log out on Alt+Shift+L', async () => {
    press('alt+shift+l');

    await expect.poll(currentUser).toContain('No user logged in.');
  });
});
