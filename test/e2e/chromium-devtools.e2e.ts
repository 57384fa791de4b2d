import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { createDevtoolsFrontend } from './support/devtools-frontend';
import { screenshotPath } from './support/paths';
import { PopupPage } from './support/popup-page';

/** The panel inside Chromium's real DevTools, not just its page opened as a tab. */
describe('devtools panel in real Chromium DevTools', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension({ devtools: true });
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('should register a CometChat panel that shows the current user and the live auth events', async () => {
    const popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    const inspected = await browser.context.newPage();
    await inspected.goto(`${emulator.url}/`);

    const panel = await createDevtoolsFrontend(browser.cdp).openExtensionPanel(browser.extensionId);
    await expect.poll(() => panel.text()).toContain('No user logged in.');
    await popup.loginAsTestUser('Susan Marie');

    await expect.poll(() => panel.text()).toContain('Susan Marie');
    expect(await panel.events()).toEqual(['loginSuccess cometchat-uid-4']);
    writeFileSync(screenshotPath('chromium-devtools-panel'), await panel.screenshot());
  });
});
