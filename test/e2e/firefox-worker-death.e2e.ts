import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { FirefoxPopupPage } from './support/firefox-popup-page';
import { watchPopupSettledActions } from './support/popup-page';
import { seedFromEnvironment } from './support/seeded-random';
import { SessionDriver } from './support/session-driver';
import { runWorkerDeathSoak } from './support/worker-death-soak';
import type { View } from './support/worker-death-script';

const SEED = seedFromEnvironment(0x5eed_2026);
/** Fewer than Chromium's 150: the whole e2e run must stay well under 30 min (100 took about 30 s here, 2 cores). */
const TARGET_STOPS = 100;
const REQUEST_BOUND_MS = 20_000;
const VIEW_BOUND_MS = 5_000;

/**
 * Chromium's worker-death soak (chromium-worker-death.e2e.ts) against Firefox's MV2 event page: the same seeded
 * script and the same checks, the event page terminated as about:debugging and Firefox's idle timer do it.
 */
describe('event page death in Firefox', () => {
  let emulator: Emulator;
  let firefox: FirefoxWithExtension;
  let popup: FirefoxPopupPage;
  let panel: Page;
  const drivers = {} as Record<View, SessionDriver>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    firefox = await launchFirefoxWithExtension();
    // Each view in a window of its own, both shown at once as a tester sees them (a tab behind another is throttled).
    popup = new FirefoxPopupPage(await firefox.openPage('popup.html', undefined, { newWindow: true }));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    // The card reads "No user logged in." once the event page has stored the settings.
    await popup.page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="current-user"]')?.innerText.includes('No user logged in.'),
      { timeout: 10_000 },
    );
    panel = await firefox.openPage('devtools-panel.html', { width: 1000, height: 900 }, { newWindow: true });
    drivers.popup = await SessionDriver.install(popup.page, { timeoutMs: REQUEST_BOUND_MS });
    drivers.panel = await SessionDriver.install(panel, { timeoutMs: REQUEST_BOUND_MS });
    await watchPopupSettledActions(popup.page);
  });

  /**
   * Terminates the event page and waits until both drivers' ports have closed: Firefox resolves the termination in its
   * parent process, and tells the extension process's ports a moment later (a request sent meanwhile went down the
   * dead port, seen in 1 of 5 stops). Chromium's stop, which waits for the worker's "stopped" status, needs no such wait.
   */
  async function stopEventPage() {
    await firefox.stopEventPage();
    for (const view of ['popup', 'panel'] as const) {
      if (!(await drivers[view].portClosed())) throw new Error(`The ${view}'s port stayed open 5 s after the event page was terminated`);
    }
  }

  afterAll(async () => {
    await firefox?.close();
    await emulator?.close();
  });

  it('should keep stored sessions exact, settle every request, and show the truth in both views while the event page is terminated at random moments', async () => {
    await runWorkerDeathSoak(
      {
        name: 'firefox-worker-death',
        emulator,
        popup,
        panelPage: panel,
        drivers,
        stopBackground: stopEventPage,
        // A termination is one chrome-scope call: nothing to prepare, it lands within milliseconds anyway.
        armStop: async () => ({ stop: stopEventPage, dispose: async () => undefined }),
      },
      { seed: SEED, targetStops: TARGET_STOPS, requestBoundMs: REQUEST_BOUND_MS, viewBoundMs: VIEW_BOUND_MS },
    );
  }, 120_000);
});
