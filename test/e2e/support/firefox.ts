import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '@/wxt.config';
import { FIREFOX_BUILD } from './paths';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export interface FirefoxWithExtension {
  browser: Browser;
  /** `moz-extension://<uuid>`: the UUID is pinned at launch, so the test knows it before installing. */
  extensionOrigin: string;
  /** Console output of every page opened through `openPage`, as `[type] text`, for failure reports. */
  consoleMessages: string[];
  /** Opens an extension page (e.g. `popup.html`) in a new tab and waits until it has loaded. */
  openPage(path: string, viewport?: { width: number; height: number }): Promise<Page>;
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
 * Debian's Firefox ESR, headless, driven by puppeteer-core over WebDriver BiDi (no geckodriver here),
 * in a throw-away profile, with the built MV2 extension installed as a temporary add-on (unsigned is fine).
 */
export async function launchFirefoxWithExtension({
  acceptInsecureCerts = false,
  colorScheme,
}: FirefoxLaunchOptions = {}): Promise<FirefoxWithExtension> {
  const profileDir = mkdtempSync(join(tmpdir(), 'cc-e2e-firefox-'));
  // Firefox gives each install a random moz-extension UUID; this pref, keyed by the gecko id, fixes it.
  const uuid = randomUUID();
  const extensionOrigin = `moz-extension://${uuid}`;
  const consoleMessages: string[] = [];
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts,
      userDataDir: profileDir,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        ...(colorScheme && { [COLOR_SCHEME_PREF]: COLOR_SCHEME_VALUES[colorScheme] }),
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        // A click that asks for site access (`permissions.request`) is granted without Firefox's prompt, which
        // headless Firefox cannot show; the click itself is still required (toolchain doc, page-scripts doc).
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
  try {
    await browser.installExtension(FIREFOX_BUILD);
  } catch (error) {
    await browser.close();
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }

  return {
    browser,
    extensionOrigin,
    consoleMessages,
    async openPage(path, viewport = { width: 400, height: 640 }) {
      const page = await browser.newPage();
      page.on('console', (message) => consoleMessages.push(`[${message.type()}] ${path}: ${message.text()}`));
      page.on('pageerror', (error) => consoleMessages.push(`[pageerror] ${path}: ${String(error)}`));
      await page.setViewport(viewport);
      const url = `${extensionOrigin}/${path}`;
      // Over BiDi, navigating to a moz-extension: URL never reports completion (the frame is swapped
      // for one in the extension process), so goto is left running and the page itself is watched.
      page.goto(url).catch(() => undefined);
      await page.waitForFunction((expected) => location.href === expected && document.readyState === 'complete', { timeout: 10_000 }, url);
      return page;
    },
    async close() {
      try {
        await browser.close();
      } finally {
        rmSync(profileDir, { recursive: true, force: true });
      }
    },
  };
}
