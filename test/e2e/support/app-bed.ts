import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { startEmulator, type Emulator } from '@/emulator';
import { siteOf } from '@/lib/sites';
import { evaluateIn, type AnyPage } from './any-page';
import { launchExtension, type BrowserName, type ExtensionUnderTest } from './extension-driver';
import { openFirefoxDevtoolsPanel } from './firefox-devtools';
import { FixtureApp, type OpenOptions } from './fixture-app';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { Panel, type DevtoolsPanel } from './panel';
import { screenshotPath } from './paths';
import { Popup } from './popup';
import { openPanelInspecting } from './stubbed-devtools';
import { waitFor } from './wait-for';

/** What the page-side scenarios share, in either browser: a CometChat emulator, the fixture apps' server, the extension. */
export interface AppBed {
  emulator: Emulator;
  fixtures: FixtureServer;
  /** The built extension, the emulator's app set up in it and the fixture's site allowed (as a tester would have). */
  extension: ExtensionUnderTest;
  /** Opens the fixture app in a new tab of the site (the global-SDK variant unless `bundled`) and waits for its `CometChat.init`. */
  openApp(options?: OpenOptions): Promise<FixtureApp<AnyPage>>;
  /** The extension's panel in the DevTools of `app`'s tab (see `DevtoolsPanel`); `viewport` sizes Chromium's panel tab. */
  openPanel(app: { page: AnyPage }, viewport?: { width: number; height: number }): Promise<Panel>;
  close(): Promise<void>;
}

/**
 * Starts the TLS emulator (the official SDK speaks https and wss only), the fixture server and `name` with the
 * fixture's site allowed, and sets the emulator's app up in the popup. The page agent starts only in documents loaded
 * after the site was allowed, which app pages opened here are.
 */
export async function startAppBed(name: BrowserName): Promise<AppBed> {
  const emulator = await startEmulator({ port: 0, tls: true });
  const fixtures = await startFixtureServer();
  const extension = await launchExtension(name, {
    allowedSites: [siteOf(fixtures.url)],
    chromium: { acceptSelfSigned: true },
    firefox: { acceptInsecureCerts: true },
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
    async openPanel(app, viewport = { width: 1000, height: 900 }) {
      return new Panel(
        extension.name === 'chromium'
          ? await stubbedPanel(extension, app.page as PlaywrightPage, viewport)
          : await realFirefoxPanel(app.page as PuppeteerPage),
      );
    },
    async close() {
      await extension.close();
      await fixtures.close();
      await emulator.close();
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

/** Runs in the panel: every element matching `selector`, read as `PanelElement`. */
const elementsOf = ({ selector, parts }: { selector: string; parts: Record<string, string> }) =>
  [...document.querySelectorAll<HTMLElement>(selector)].map((element) => ({
    text: element.innerText,
    data: { ...element.dataset } as Record<string, string>,
    parts: Object.fromEntries(Object.entries(parts).map(([name, css]) => [name, element.querySelector(css)?.textContent ?? null])),
  }));

/**
 * Chromium: the panel page in a tab of its own, its devtools API a stand-in wired to the app's tab (stubbed-devtools.ts).
 * Chromium's real DevTools panel is reached only through raw CDP on a headed browser (devtools-frontend.ts); the
 * stand-in runs the same panel code against the same page, headless. Each action brings the tab to the front first:
 * Chromium pauses frames in background tabs.
 */
async function stubbedPanel(
  extension: ExtensionUnderTest,
  inspected: PlaywrightPage,
  viewport: { width: number; height: number },
): Promise<DevtoolsPanel> {
  const page = (await extension.newWebPage()) as PlaywrightPage;
  await page.setViewportSize(viewport);
  await openPanelInspecting(page, inspected, `${extension.extensionOrigin}/devtools-panel.html`);
  return {
    text: (selector = 'body') => evaluateIn(page, (css) => document.querySelector<HTMLElement>(css)?.innerText ?? '', selector),
    attribute: (selector, name) => page.evaluate(({ css, name }) => document.querySelector(css)?.getAttribute(name) ?? null, { css: selector, name }),
    elements: (selector, parts = {}) => evaluateIn(page, elementsOf, { selector, parts }),
    async click(name, { within } = {}) {
      await page.bringToFront();
      await (within ? page.locator(within) : page).getByRole('button', { name, exact: true }).click();
    },
    async screenshot(name) {
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
    },
  };
}

/** Firefox: the panel inside the real DevTools of the app's tab, docked at the bottom (firefox-devtools.ts). */
async function realFirefoxPanel(inspected: PuppeteerPage): Promise<DevtoolsPanel> {
  const panel = await openFirefoxDevtoolsPanel(inspected.browser(), inspected, 'CometChat');
  return {
    text: (selector = 'body') => panel.text(selector),
    attribute: (selector, name) => panel.attribute(selector, name),
    elements: (selector, parts) => panel.all(selector, parts),
    click: (name, { within } = {}) => panel.clickButton(name, within),
    async screenshot(name) {
      // The window as a tester sees it: the app's tab in front, its DevTools docked below.
      await inspected.bringToFront();
      await panel.screenshot(name);
    },
  };
}
