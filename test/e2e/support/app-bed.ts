import { setTimeout as sleep } from 'node:timers/promises';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { startEmulator, type Emulator } from '@/emulator';
import { siteOf } from '@/lib/sites';
import type { AnyPage } from './any-page';
import { openRealChromiumPanel, openRealFirefoxPanel, openStubbedPanel } from './devtools-panels';
import { launchExtension, type BrowserName, type ExtensionUnderTest } from './extension-driver';
import { FixtureApp, type OpenOptions } from './fixture-app';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { Panel } from './panel';
import { Popup } from './popup';
import { startVirtualDisplay } from './virtual-display';
import { waitFor } from './wait-for';

/** What the page-side scenarios share, in either browser: a CometChat emulator, the fixture apps' server, the extension. */
export interface AppBed {
  emulator: Emulator;
  fixtures: FixtureServer;
  /** The built extension, the emulator's app set up in it (and the fixture's site allowed, unless asked not to). */
  extension: ExtensionUnderTest;
  /** Opens the fixture app in a new tab of the site (the global-SDK variant unless `bundled`) and waits for its `CometChat.init`. */
  openApp(options?: OpenOptions): Promise<FixtureApp<AnyPage>>;
  /**
   * The extension's panel in the DevTools of `app`'s tab (see `DevtoolsPanel`): Firefox's real DevTools; Chromium's real
   * ones with `realDevtools`, else the panel page in a tab whose devtools API is a stand-in wired to `app`'s tab
   * (sized `viewport`), which runs headless.
   */
  openPanel(app: { page: AnyPage }, viewport?: { width: number; height: number }): Promise<Panel>;
  /**
   * Allows what a click of the extension just asked for in the browser's permission prompt. Chromium (with
   * `realDevtools`, headed): its prompt is drawn inside the window with Deny focused, so nothing outside it says it is up:
   * it gets a moment to show, then Tab moves to Allow and Return presses it. Firefox: nothing to do, its launch pref
   * (`extensions.webextOptionalPermissionPrompts`) grants a click's request without a prompt. `unlessAnswered`, asked
   * once the prompt had its moment, says the browser answered without one (keys sent then would reach the page).
   */
  /** Runs `action` (a click that opens a tab) and resolves to the tab it opened, once the browser lists it. */
  tabOpenedBy(action: () => Promise<void>): Promise<AnyPage>;
  allowInPrompt(options?: { unlessAnswered?: () => Promise<boolean> }): Promise<void>;
  close(): Promise<void>;
}

export interface AppBedOptions {
  /** Allow the fixture's site before the test starts (true by default); if not, the scenario allows it as a tester does. */
  allowSite?: boolean;
  /**
   * The panel in Chromium's real DevTools too: Chromium runs headed on a virtual display with DevTools open for every
   * tab (only a headed Chromium shows the permission prompt `allowInPrompt` answers).
   */
  realDevtools?: boolean;
  /** The browser sees only the fonts the visual checks pinned (support/pinned-fonts.ts), for a picture of a page. */
  pinnedFonts?: boolean;
}

/** How long Chrome's permission prompt gets to appear after the click that asked for it. */
const PROMPT_SHOWN_MS = 1500;

/**
 * Starts the TLS emulator (the official SDK speaks https and wss only), the fixture server and `name` with the
 * fixture's site allowed, and sets the emulator's app up in the popup. The page agent starts only in documents loaded
 * after the site was allowed, which app pages opened here are.
 */
export async function startAppBed(
  name: BrowserName,
  { allowSite = true, realDevtools = false, pinnedFonts = false }: AppBedOptions = {},
): Promise<AppBed> {
  const emulator = await startEmulator({ port: 0, tls: true });
  const fixtures = await startFixtureServer();
  const display = name === 'chromium' && realDevtools ? await startVirtualDisplay() : undefined;
  const extension = await launchExtension(name, {
    allowedSites: allowSite ? [siteOf(fixtures.url)] : [],
    chromium: { acceptSelfSigned: true, pinnedFonts, ...(display && { devtools: true, headless: false, display: display.display }) },
    firefox: { acceptInsecureCerts: true, pinnedFonts },
  });
  const popup = new Popup(await extension.openPage('popup.html'));
  await popup.setUpWithEmulator({ apiHost: emulator.url });
  // The card reads "No user logged in." once the background has stored the settings.
  await waitFor('the emulator app to be set up', async () => (await popup.currentUser()).includes('No user logged in.'), 10_000);
  await popup.tab.close();
  return {
    emulator,
    fixtures,
    extension,
    async openApp(options) {
      const app = new FixtureApp(await extension.newWebPage());
      await app.open(fixtures.url, emulator.appId, emulator.hostAndPort, options);
      return app;
    },
    async tabOpenedBy(action) {
      const known = new Set(await extension.openTabs());
      await action();
      return waitFor('the tab the click opened', async () => (await extension.openTabs()).find((page) => !known.has(page)));
    },
    async openPanel(app, viewport = { width: 1000, height: 900 }) {
      if (extension.name === 'firefox') return new Panel(await openRealFirefoxPanel(app.page as PuppeteerPage));
      const page = app.page as PlaywrightPage;
      return new Panel(display ? await openRealChromiumPanel(extension, page) : await openStubbedPanel(extension, page, viewport));
    },
    async allowInPrompt({ unlessAnswered } = {}) {
      if (!display) return;
      await sleep(PROMPT_SHOWN_MS);
      if (await unlessAnswered?.()) return;
      display.pressKeys('Tab');
      display.pressKeys('Return');
    },
    async close() {
      try {
        await extension.close();
      } finally {
        await fixtures.close();
        await emulator.close();
        display?.close();
      }
    },
  };
}

/**
 * For a scenario's `afterEach`: on a failed step, prints the panel's whole text and what the extension's pages and
 * background wrote to their consoles (a failing step says what the user saw; these say why).
 */
export function reportPanelOnFailure(bed: () => AppBed | undefined, panel: () => Panel | undefined) {
  return async ({ task }: { task: { result?: { state: string } } }) => {
    if (task.result?.state !== 'fail') return;
    const shown = await panel()
      ?.shown()
      .catch((error: unknown) => `(unreadable: ${String(error)})`);
    console.error(`Panel text:\n${shown ?? '(the panel never opened)'}\nConsole:\n${bed()?.extension.consoleMessages().join('\n')}`);
  };
}
