/**
 * What `npm start` starts (start-product.ts is its command line): the emulator and, for a browser on a display, the
 * sample app beside it and Chromium set up for both. A function, so that the e2e suite starts the same thing.
 */
import type { Page } from 'playwright-core';
import { EMULATOR_DEFAULTS } from '../../lib/local-emulator';
import { siteOf } from '../../lib/sites';
import { startEmulator, type Emulator } from '../index';
import { buildSampleApp } from '../sample-app/build';
import { sampleAppQuery, startSampleAppServer, type SampleAppServer } from '../sample-app/serve';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './launch-chromium';
import { setUpPopupForEmulator } from './set-up-popup';

/** The sample user the app logs in as, by its own login screen. */
export const FIRST_USER = { uid: 'cometchat-uid-1', name: 'Andrew Joseph' } as const;
/** How long the app may take to start and log in before the launcher leaves it to the person. */
const APP_READY_MS = 30_000;

export interface ProductOptions {
  /** The emulator's port (0 picks a free one); the sample app's is the next one unless `appPort` says otherwise. */
  port?: number;
  appPort?: number;
  /** Open Chromium (on `DISPLAY`, or `display`) with the sample app; without, only the emulator runs, over plain HTTP. */
  browser: boolean;
  display?: string;
}

export interface RunningProduct {
  emulator: Emulator;
  /** The sample app's address with its query (App ID, Auth Key, the emulator's host), when a browser was opened. */
  appUrl?: string;
  /** Whether the sample app was built now (false: it came from the cache). */
  appBuilt?: boolean;
  browser?: ChromiumWithExtension;
  /** Why setting the browser up failed, if it did; the browser stays open for the person to finish by hand. */
  setUpError?: Error;
  close(): Promise<void>;
}

/**
 * Starts the emulator; with `browser`, serves the sample app, opens Chromium with the extension set up for the
 * emulator (its first-run form filled as a person fills it), the app's site allowed, and the app in the front tab,
 * logged in as `FIRST_USER` by its own login screen.
 */
export async function startProduct({
  port = EMULATOR_DEFAULTS.port,
  appPort,
  browser: withBrowser,
  display,
}: ProductOptions): Promise<RunningProduct> {
  // With a browser the emulator serves TLS, for the sample app: the official SDK speaks only https and wss to a host it
  // is given, and the Chromium opened trusts that one certificate. Without, plain HTTP, for a browser set up by hand.
  const emulator = await startEmulator({ port, tls: withBrowser });
  if (!withBrowser) return { emulator, close: () => emulator.close() };

  let appServer: SampleAppServer | undefined;
  let browser: ChromiumWithExtension | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await appServer?.close();
    await emulator.close();
  };
  try {
    const build = await buildSampleApp();
    appServer = await startSampleAppServer(build.dir, appPort ?? (port === 0 ? 0 : emulator.port + 1));
    const appUrl = `${appServer.url}/${sampleAppQuery(emulator)}`;
    browser = await launchChromiumWithExtension({ allowedSites: [siteOf(appServer.url)], trustCertificate: emulator.tlsCertificate, display });
    let setUpError: Error | undefined;
    try {
      await setUpPopupForEmulator(await browser.openExtensionPage('popup.html'), emulator.url);
      await logInToSampleApp(await browser.openPage(appUrl));
    } catch (error) {
      setUpError = error as Error;
    }
    return { emulator, appUrl, appBuilt: build.built, browser, setUpError, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Logs the sample app in by its own login screen, as a person would, and waits until its header names the user. */
async function logInToSampleApp(app: Page): Promise<void> {
  await app.getByRole('button', { name: FIRST_USER.name, exact: true }).click({ timeout: APP_READY_MS });
  await app.getByTestId('signed-in-as').getByText(FIRST_USER.name).waitFor({ timeout: APP_READY_MS });
  await app.bringToFront();
}
