import { startEmulator, type Emulator } from '@/emulator';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './firefox';
import { allowSiteInFirefox } from './firefox-app-panel';
import type { FirefoxDevtoolsPanel } from './firefox-devtools';
import { FirefoxPopupPage } from './firefox-popup-page';
import { startFixtureServer, type FixtureServer } from './fixture-server';

/** What the page-side suites in Firefox share (the twin of `app-test-bed.ts`). */
export interface FirefoxAppTestBed {
  emulator: Emulator;
  fixtures: FixtureServer;
  /** Firefox with the built MV2 extension, the emulator's app set up, and the fixture's site allowed. */
  firefox: FirefoxWithExtension;
  /** For an `afterEach`: on a failed step, prints the panel's whole text and the extension's console. */
  reportFailure(failed: boolean, panel: FirefoxDevtoolsPanel | undefined): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the TLS emulator, the fixture server and Firefox, sets the emulator's app up in the popup, and allows the
 * fixture's site. The page agent starts only in documents loaded after that, so open the app pages afterwards.
 */
export async function startFirefoxAppTestBed(): Promise<FirefoxAppTestBed> {
  const emulator = await startEmulator({ port: 0, tls: true });
  const fixtures = await startFixtureServer();
  const firefox = await launchFirefoxWithExtension({ acceptInsecureCerts: true });
  const popup = new FirefoxPopupPage(await firefox.openPage('popup.html'));
  await popup.setUpWithEmulator({ apiHost: emulator.url });
  // The card reads "No user logged in." once the event page has stored the settings.
  await popup.page.waitForFunction(
    () => document.querySelector<HTMLElement>('[data-testid="current-user"]')?.innerText.includes('No user logged in.'),
    { timeout: 10_000 },
  );
  await popup.page.close();
  await allowSiteInFirefox(firefox, fixtures.url);
  return {
    emulator,
    fixtures,
    firefox,
    async reportFailure(failed, panel) {
      // A failing step says what the user saw; the panel's whole text says why.
      if (!failed) return;
      const panelText = await panel?.text('body').catch((error) => `(unreadable: ${error})`);
      console.error(`Panel text:\n${panelText ?? '(the panel never opened)'}\nConsole:\n${firefox.consoleMessages.join('\n')}`);
    },
    async close() {
      await firefox.close();
      await fixtures.close();
      await emulator.close();
    },
  };
}
