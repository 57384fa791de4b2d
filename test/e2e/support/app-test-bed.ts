import type { Page } from 'playwright-core';
import { startEmulator, type Emulator } from '@/emulator';
import { siteOf } from '@/lib/sites';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './chromium';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { PanelPage } from './panel-page';
import { PopupPage } from './popup-page';
import { openPanelInspecting } from './stubbed-devtools';

/** What the page-side suites in Chromium share: a CometChat emulator, the fixture apps' server, and the extension. */
export interface AppTestBed {
  emulator: Emulator;
  fixtures: FixtureServer;
  /** Headless Chromium with the built extension, the fixture's site allowed, and the emulator's app set up. */
  browser: ChromiumWithExtension;
  /** The devtools panel, as a tab inspecting `inspected` (see stubbed-devtools.ts). */
  openPanel(inspected: Page, viewport?: { width: number; height: number }): Promise<PanelPage>;
  close(): Promise<void>;
}

/**
 * Starts the TLS emulator, the fixture server and Chromium with the fixture's site allowed (as a tester would have),
 * and sets the emulator's app up in the popup; `authKey: ''` sets it up without an Auth Key. `onPopup` may do more in
 * the set-up popup before it closes.
 */
export async function startAppTestBed({
  authKey,
  onPopup,
}: { authKey?: string; onPopup?: (popup: PopupPage) => Promise<void> } = {}): Promise<AppTestBed> {
  const emulator = await startEmulator({ port: 0, tls: true });
  const fixtures = await startFixtureServer();
  const browser = await launchChromiumWithExtension({ acceptSelfSigned: true, allowedSites: [siteOf(fixtures.url)] });
  const popup = new PopupPage(await browser.openPage('popup.html'));
  await popup.setUpWithEmulator({ apiHost: emulator.url, ...(authKey === undefined ? {} : { authKey }) });
  await onPopup?.(popup);
  await popup.page.close();
  return {
    emulator,
    fixtures,
    browser,
    async openPanel(inspected, viewport = { width: 1000, height: 900 }) {
      const page = await browser.context.newPage();
      await page.setViewportSize(viewport);
      await openPanelInspecting(page, inspected, `chrome-extension://${browser.extensionId}/devtools-panel.html`);
      return new PanelPage(page);
    },
    async close() {
      await browser.close();
      await fixtures.close();
      await emulator.close();
    },
  };
}
