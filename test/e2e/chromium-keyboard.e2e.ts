import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { PanelPage } from './support/panel-page';
import { PopupPage } from './support/popup-page';
import { startVirtualDisplay, type VirtualDisplay } from './support/virtual-display';

/**
 * The extension's keyboard shortcuts, pressed for real: a headed Chromium on a virtual display, keys
 * typed by xdotool, as a tester's fingers would (headless Chromium has no accelerators).
 */
describe('keyboard shortcuts in Chromium', () => {
  let display: VirtualDisplay;
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let panel: PanelPage;

  beforeAll(async () => {
    display = await startVirtualDisplay();
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension({ headless: false, display: display.display });
    const popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.page.close();
    panel = new PanelPage(await browser.openPage('devtools-panel.html'));
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
    display?.close();
  });

  it('should log in as the next test user on Alt+Shift+U, and on to the one after', async () => {
    display.pressKeys('alt+shift+u');
    await expect.poll(() => panel.currentUser.textContent()).toContain('Andrew Joseph');

    display.pressKeys('alt+shift+u');

    await expect.poll(() => panel.currentUser.textContent()).toContain('George Alan');
    expect(await panel.eventTypes()).toEqual(['loginSuccess cometchat-uid-1', 'loginSuccess cometchat-uid-2']);
    expect(await panel.page.locator('[data-seq] .event-source').first().textContent()).toContain('keyboard');
  });

  it('should log out on Alt+Shift+L', async () => {
    display.pressKeys('alt+shift+l');

    await expect.poll(() => panel.currentUser.textContent()).toContain('No user logged in.');
  });
});
