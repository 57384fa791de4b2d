import { pinnedFontconfigFile } from './pinned-fonts';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { inject } from 'vitest';
import { GECKO_ID } from '@/wxt.config';
import { assertNoSecretIn } from './console-secrets';
import { bidiConnection, chromeScope, eventPageControl, readExtensionConsole, watchExtensionConsole, type ChromeScope } from './firefox-chrome';
import { FIREFOX } from './firefox-profile-template';
import { FIREFOX_BUILD } from './paths';

export interface FirefoxWithExtension {
  browser: Browser;
  /** `moz-extension://<uuid>`: the UUID is pinned at launch, so the test knows it before installing. */
  extensionOrigin: string;
  /** Console output of every page opened through `openPage`, as `[type] text`, for failure reports. */
  consoleMessages: string[];
  /** The main browser window's privileged scope (see firefox-chrome.ts). */
  chrome: ChromeScope;
  /**
   * Opens an extension page (e.g. `popup.html`) in a new tab and waits until it has loaded. With `newWindow`, in a
   * window of its own instead: a page in a tab behind another is a hidden one, whose timers and frames Firefox
   * throttles to about one a second, while a tester sees the popup and the DevTools panel at once.
   */
  openPage(path: string, viewport?: { width: number; height: number }, options?: { newWindow?: boolean }): Promise<Page>;
  /**
   * Every console call of the extension so far, its pages and its event page alike, as "document URL: [level] text".
   * (BiDi reports no console call of a moz-extension page: these come from Firefox's own console storage.)
   */
  extensionConsole(): Promise<string[]>;
  /** Switches `prefers-color-scheme` for every page from now on (the launch option's pref, set while running). */
  setColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /** Terminates the event page the way Firefox does when it is idle (about:debugging's "Terminate background script"). */
  stopEventPage(): Promise<void>;
  isEventPageRunning(): Promise<boolean>;
  /** Closes the browser; throws if any extension console call carried a secret (see `console-secrets.ts`). */
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  /**
   * Trust any certificate, for the TLS emulator's self-signed one (the official SDK forces https/wss).
   * Sent as the WebDriver BiDi session's `acceptInsecureCerts` capability, which Firefox applies to the
   * whole session: web pages and the extension's own requests alike.
   */
  acceptInsecureCerts?: boolean;
  /**
   * What `prefers-color-scheme` reports to every page, the extension's own included. Left out, Firefox
   * follows the browser theme and so the machine's, which differs between desktops and CI.
   */
  colorScheme?: 'light' | 'dark';
  /** Only the fonts the project chose (pinned-fonts.ts), for pixel comparisons that hold on any machine. */
  pinnedFonts?: boolean;
  /** The X display for a headed Firefox (see virtual-display.ts); headless when left out. */
  display?: string;
  /** The unpacked MV2 extension to install; the Firefox build by default (pseudo-locale.ts installs a copy). */
  extensionDir?: string;
  /** More preferences for the profile, e.g. a proxy (`visual-state.ts` serves a fixed origin through one). */
  prefs?: Record<string, string | number | boolean>;
}

/**
 * Firefox's "Website appearance" setting (0 dark, 1 light, 2 follow the browser theme, 3 follow the OS):
 * it drives `prefers-color-scheme`, and so CSS `light-dark()`, in moz-extension pages as in web pages.
 * (Faking a dark OS with `ui.systemUsesDarkTheme` = 1 also works in Firefox ESR 153, but leaves light to chance.)
 * Puppeteer's `emulateMediaFeatures` is CDP-only (it throws over BiDi), hence a pref set at launch.
 * https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/browserSettings/overrideContentColorScheme
 */
const COLOR_SCHEME_PREF = 'layout.css.prefers-color-scheme.content-override';
const COLOR_SCHEME_VALUES = { dark: 0, light: 1 } as const;
/**
 * The toolbar popup is not a page in a tab: it follows the browser's own theme, which follows the OS. Faked with the
 * scheme (1 dark, 0 light), so the real popup is dark in a dark run and light in a light one on any desktop.
 */
const SYSTEM_DARK_PREF = 'ui.systemUsesDarkTheme';

/**
 * Debian's Firefox ESR, headless (or headed on a virtual display), driven by puppeteer-core over WebDriver BiDi
 * (no geckodriver here), in a throw-away profile, with the built MV2 extension installed as a temporary add-on
 * (unsigned is fine). Its consoles are watched from the start: `close()` fails the suite if one showed a secret.
 */
export async function launchFirefoxWithExtension({
  acceptInsecureCerts = false,
  colorScheme,
  display,
  pinnedFonts = false,
  extensionDir = FIREFOX_BUILD,
  prefs = {},
}: FirefoxLaunchOptions = {}): Promise<FirefoxWithExtension> {
  const profileDir = mkdtempSync(join(tmpdir(), 'cc-e2e-firefox-'));
  // A copy of a profile that has started once (firefox-profile-template.ts), when the suite's global setup made one.
  const template = inject('firefoxProfileTemplate');
  if (template) cpSync(template, profileDir, { recursive: true });
  // Firefox gives each install a random moz-extension UUID; this pref, keyed by the gecko id, fixes it.
  const uuid = randomUUID();
  const extensionOrigin = `moz-extension://${uuid}`;
  const consoleMessages: string[] = [];
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: !display,
      ...(display || pinnedFonts
        ? { env: { ...process.env, ...(display && { DISPLAY: display }), ...(pinnedFonts && { FONTCONFIG_FILE: pinnedFontconfigFile() }) } }
        : {}),
      acceptInsecureCerts,
      userDataDir: profileDir,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        ...(colorScheme && { [COLOR_SCHEME_PREF]: COLOR_SCHEME_VALUES[colorScheme], [SYSTEM_DARK_PREF]: colorScheme === 'dark' ? 1 : 0 }),
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        // A click that asks for site access (`permissions.request`) is granted without Firefox's prompt, which
        // headless Firefox cannot show; the click itself is still required (toolchain doc, page-scripts doc).
        'extensions.webextOptionalPermissionPrompts': false,
        // A download does not open the Downloads panel: it would keep the window's focus from the page, and the
        // keys a test presses next would reach no page.
        'browser.download.alwaysOpenPanel': false,
        // No content processes started ahead for pages not yet opened (Firefox keeps three ready, and starts another
        // each time one is taken): 0.4–0.5 s of the 3.6 s of CPU a launch takes. A page opened later starts its own.
        'dom.ipc.processPrelaunch.enabled': false,
        ...prefs,
      },
    });
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
  let chrome: ChromeScope;
  try {
    chrome = await chromeScope(bidiConnection(browser));
    // Watched before the install, so the extension's first console call is seen too.
    await watchExtensionConsole(chrome, GECKO_ID);
    await browser.installExtension(extensionDir);
  } catch (error) {
    await browser.close();
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }

  const eventPage = eventPageControl(chrome, GECKO_ID);
  return {
    browser,
    extensionOrigin,
    consoleMessages,
    chrome,
    async openPage(path, viewport = { width: 400, height: 640 }, { newWindow = false } = {}) {
      const page = await browser.newPage(newWindow ? { type: 'window' } : undefined);
      page.on('console', (message) => consoleMessages.push(`[${message.type()}] ${path}: ${message.text()}`));
      page.on('pageerror', (error) => consoleMessages.push(`[pageerror] ${path}: ${String(error)}`));
      await page.setViewport(viewport);
      const url = `${extensionOrigin}/${path}`;
      // Over BiDi, navigating to a moz-extension: URL never reports completion (the frame is swapped
      // for one in the extension process), so goto is left running and the page itself is watched.
      page.goto(url).catch(() => undefined);
      // Asked every 25 ms rather than with waitForFunction: a question that reaches the tab while its document is
      // being swapped fails inside Firefox's BiDi ("right-hand side of 'in' should be an object, got null", seen
      // about once in 30 openings), which means "not loaded yet", not that the page failed; the last such error
      // is reported if the page never loads.
      let lastError: unknown = null;
      const loaded = () =>
        page
          .evaluate((expected) => location.href === expected && document.readyState === 'complete', url)
          .catch((error: unknown) => {
            lastError = error;
            return false;
          });
      const deadline = Date.now() + 10_000;
      while (!(await loaded())) {
        if (Date.now() > deadline) throw new Error(`${url} did not load within 10 s (last failed read: ${String(lastError)})`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return page;
    },
    extensionConsole: () => readExtensionConsole(chrome),
    async setColorScheme(scheme) {
      await chrome.call(`(pref, value) => Services.prefs.setIntPref(pref, value)`, COLOR_SCHEME_PREF, COLOR_SCHEME_VALUES[scheme]);
    },
    stopEventPage: () => eventPage.terminate(),
    isEventPageRunning: () => eventPage.isRunning(),
    async close() {
      let extensionConsole: string[];
      try {
        extensionConsole = await readExtensionConsole(chrome);
      } finally {
        try {
          await browser.close();
        } finally {
          rmSync(profileDir, { recursive: true, force: true });
        }
      }
      assertNoSecretIn(extensionConsole);
    },
  };
}
