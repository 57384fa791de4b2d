/**
 * Opens Chromium on the current display with the built extension loaded, for a person to use (`npm start`).
 * The profile is a throw-away folder, so every start is a first run and nothing leaks into the user's own browser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { CHROME_BUILD } from './build-paths';

/** Debian's Chromium unless `CHROMIUM_PATH` says otherwise: branded Chrome ≥ 137 ignores `--load-extension`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags every Chromium started by this project gets: running as root needs no sandbox, and without the network
 * flags Chromium keeps reaching for Google services, which floods a closed network with refused connections.
 */
export const CHROMIUM_BASE_ARGS: readonly string[] = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** A Chromium window with the extension loaded. */
export interface ChromiumWithExtension {
  /** Opens an extension page (e.g. `popup.html`) in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Calls `listener` once the person closes the browser. */
  onClose(listener: () => void): void;
  /** Closes the browser (if the person has not) and removes its profile. */
  close(): Promise<void>;
}

/** Starts a headed Chromium with the Chrome build loaded; resolves once the extension's service worker runs. */
export async function launchChromiumWithExtension(): Promise<ChromiumWithExtension> {
  const profileDir = mkdtempSync(join(tmpdir(), 'cc-start-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    // The window's own size, as a person would resize it.
    viewport: null,
    args: [`--disable-extensions-except=${CHROME_BUILD}`, `--load-extension=${CHROME_BUILD}`, ...CHROMIUM_BASE_ARGS],
  });
  // The extension's id is the host of its service worker's URL; the worker may not have started yet.
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  // Chromium may still be writing the profile for a moment after it closes: retry, and only report a profile left behind.
  const removeProfile = () => {
    try {
      rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch (error) {
      console.warn(`Could not remove the temporary browser profile ${profileDir}: ${(error as Error).message}`);
    }
  };

  return {
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    onClose: (listener) => context.on('close', listener),
    async close() {
      await context.close();
      removeProfile();
    },
  };
}
