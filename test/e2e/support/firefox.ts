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
}

/**
 * Debian's Firefox ESR, headless, driven by puppeteer-core over WebDriver BiDi (no geckodriver here),
 * in a throw-away profile, with the built MV2 extension installed as a temporary add-on (unsigned is fine).
 */
export async function launchFirefoxWithExtension({ acceptInsecureCerts = false }: FirefoxLaunchOptions = {}): Promise<FirefoxWithExtension> {
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
      extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }) },
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
      await page.waitForFunction(
        (expected) => location.href === expected && document.readyState === 'complete',
        { timeout: 10_000 },
        url,
      );
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
