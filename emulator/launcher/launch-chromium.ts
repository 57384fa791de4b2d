/**
 * Opens Chromium on the current display with the built extension loaded, for a person to use (`npm start`).
 * The profile is a throw-away folder, so every start is a first run and nothing leaks into the user's own browser.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
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
  /** The browser's tabs and pages (Playwright), for a script that checks what it shows. */
  context: BrowserContext;
  extensionId: string;
  /** Opens an extension page (e.g. `popup.html`) in a new tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Opens a web page in a new tab. */
  openPage(url: string): Promise<Page>;
  /** Calls `listener` once the person closes the browser. */
  onClose(listener: () => void): void;
  /** Closes the browser (if the person has not) and removes its profile. */
  close(): Promise<void>;
}

/**
 * A copy of the unpacked extension in `from` whose manifest also grants `sites` (e.g. `http://127.0.0.1`, any port) at
 * install, as if the person had allowed them: Chromium's permission prompt cannot be answered by a script. Everything
 * else in the copy is the build. (The e2e suite's `allowedSites` loads such a copy too.)
 */
export function copyAllowing(from: string, sites: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'cc-build-allowing-'));
  cpSync(from, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions = [...manifest.host_permissions, ...sites.map((site) => `${site}/*`)];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return dir;
}

/**
 * Chromium's flag that trusts one certificate's key (the emulator's self-signed one) and nothing else, unlike
 * `--ignore-certificate-errors`: `--ignore-certificate-errors-spki-list` takes the base64 SHA-256 of its public key,
 * and Chromium honours it only with a `--user-data-dir`, which a launched profile always has.
 */
function trustCertificateFlag(certificatePem: string): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  return `--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`;
}

export interface LaunchOptions {
  /** Sites the extension may reach from the start (see `copyAllowing`). */
  allowedSites?: readonly string[];
  /** A certificate (PEM) to trust: the TLS emulator's. */
  trustCertificate?: string;
  /** The X display to open on; `DISPLAY`'s when left out. */
  display?: string;
}

/** Starts a headed Chromium with the Chrome build loaded; resolves once the extension's service worker runs. */
export async function launchChromiumWithExtension({
  allowedSites = [],
  trustCertificate,
  display,
}: LaunchOptions = {}): Promise<ChromiumWithExtension> {
  const profileDir = mkdtempSync(join(tmpdir(), 'cc-start-chromium-'));
  const extensionDir = allowedSites.length > 0 ? copyAllowing(CHROME_BUILD, allowedSites) : CHROME_BUILD;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    // The window's own size, as a person would resize it.
    viewport: null,
    ...(display && { env: { ...process.env, DISPLAY: display } }),
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...CHROMIUM_BASE_ARGS,
      ...(trustCertificate ? [trustCertificateFlag(trustCertificate)] : []),
    ],
  });
  // The extension's id is the host of its service worker's URL; the worker may not have started yet.
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  // Chromium may still be writing the profile for a moment after it closes: retry, and only report a profile left behind.
  const removeProfile = () => {
    try {
      rmSync(profileDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      if (extensionDir !== CHROME_BUILD) rmSync(extensionDir, { recursive: true, force: true });
    } catch (error) {
      console.warn(`Could not remove the temporary browser profile ${profileDir}: ${(error as Error).message}`);
    }
  };

  return {
    context,
    extensionId,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async openPage(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    onClose: (listener) => context.on('close', listener),
    async close() {
      await context.close();
      removeProfile();
    },
  };
}
