import { pinnedFontconfigFile } from './pinned-fonts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type ConsoleMessage, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH, copyAllowing } from '../../../emulator/launcher/launch-chromium';
import { CHROME_BUILD } from './paths';
import { assertNoSecretIn } from './console-secrets';

/**
 * Headless Chromium without the extension, trusting any certificate (the emulator's is self-signed),
 * for pages that use the official SDK. `args` adds flags such as `--host-resolver-rules`.
 */
export async function launchChromium(args: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_BASE_ARGS, '--ignore-certificate-errors', ...args] });
}

export interface ChromiumWithExtension {
  context: BrowserContext;
  extensionId: string;
  /** The browser-level CDP session. */
  cdp: CDPSession;
  /** Loads one of `laterExtensions` now (through CDP) and returns its ID. */
  loadUnpacked(dir: string): Promise<string>;
  /** Opens an extension page (e.g. `popup.html`) in a new tab. */
  openPage(path: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Stops the service worker the way Chrome does after 30 s idle, and waits until it is gone. */
  stopServiceWorker(): Promise<void>;
  /**
   * Prepares a stop ahead of time (its CDP session already open), so `stop()` reaches the worker within a few
   * milliseconds of the call: for stopping it while a request that is known to be short is in flight.
   */
  armServiceWorkerStop(): Promise<{ stop(): Promise<void>; dispose(): Promise<void> }>;
  isServiceWorkerRunning(): Promise<boolean>;
  /** Everything the extension's pages and worker wrote to their consoles so far. */
  consoleMessages(): string[];
  /** Closes the browser; throws if any console message carried a secret (see `console-secrets.ts`). */
  close(): Promise<void>;
}

/**
 * Debian's Chromium with the built extension loaded (headless unless asked), in a throw-away profile. The network
 * flags keep Chromium from flooding this machine's closed network (toolchain doc).
 */
export interface LaunchOptions {
  headless?: boolean;
  /** Open DevTools for every tab, as a tester with DevTools docked would have it. */
  devtools?: boolean;
  /** Trust any certificate, for the emulator's self-signed one (the official SDK needs TLS). */
  acceptSelfSigned?: boolean;
  /** Light or dark, for pages that follow `prefers-color-scheme`. */
  colorScheme?: 'light' | 'dark';
  /** The X display for a headed browser (see virtual-display.ts). */
  display?: string;
  /** Locale and time zone of every page (e.g. `en-US`, `UTC`): screenshots need dates shown the same way everywhere. */
  locale?: string;
  timezoneId?: string;
  /** The unpacked extension to load; the Chrome build by default (the benchmark loads a copy with extra pages). */
  extensionDir?: string;
  /** More command-line switches, e.g. `--host-resolver-rules` to map CometChat's host names to the emulator. */
  extraArgs?: string[];
  /**
   * Sites (`http://127.0.0.1`) the extension may reach from the start, as if the tester had allowed them: loads a
   * copy of the build whose manifest grants them at install. Headless Chromium never shows the permission prompt;
   * chromium-apply-to-tab.e2e.ts answers the real one, headed. Everything else in the copy is the build.
   */
  allowedSites?: string[];
  /** Only the fonts the project chose (pinned-fonts.ts), for pixel comparisons that hold on any machine. */
  pinnedFonts?: boolean;
  /**
   * Unpacked extensions the test loads itself later, with `loadUnpacked`: allowed beside the extension, which is the only
   * one loaded at launch (so `extensionId` is never another's).
   */
  laterExtensions?: string[];
}

/**
 * The new profile's browser-wide settings, written before the first start. Chromium 156 loads the address bar's
 * suggestion popup as two WebUI pages at start (`chrome://omnibox-popup.top-chrome/`), in a renderer that takes
 * 1.2–1.5 s of CPU in every launch (of 3.4–3.8 s in all), and the suite launches Chromium about 65 times. Its
 * chrome://flags entries turn it off (back to the native popup, which no test uses). They are set here, not with
 * `--disable-features`: Chromium honours only the last such switch, and Playwright passes its own list, which a second
 * one would drop; the flags' features are merged into that list (chrome://version shows one `--disable-features` with
 * both).
 */
const LOCAL_STATE = { browser: { enabled_labs_experiments: ['webui-omnibox-popup@2', 'webui-omnibox-aim-popup@2'] } };

export async function launchChromiumWithExtension({
  headless = true,
  devtools = false,
  acceptSelfSigned = false,
  colorScheme = 'light',
  display,
  locale,
  timezoneId,
  extensionDir: requestedDir = CHROME_BUILD,
  extraArgs = [],
  allowedSites = [],
  pinnedFonts = false,
  laterExtensions = [],
}: LaunchOptions = {}): Promise<ChromiumWithExtension> {
  const profileDir = mkdtempSync(join(tmpdir(), 'cc-e2e-chromium-'));
  writeFileSync(join(profileDir, 'Local State'), JSON.stringify(LOCAL_STATE));
  const extensionDir = allowedSites.length > 0 ? copyAllowing(requestedDir, allowedSites) : requestedDir;
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless,
    viewport: headless ? undefined : null,
    ignoreHTTPSErrors: acceptSelfSigned,
    ...(display || pinnedFonts
      ? { env: { ...process.env, ...(display && { DISPLAY: display }), ...(pinnedFonts && { FONTCONFIG_FILE: pinnedFontconfigFile() }) } }
      : {}),
    colorScheme,
    locale,
    timezoneId,
    args: [
      `--disable-extensions-except=${[extensionDir, ...laterExtensions].join(',')}`,
      `--load-extension=${extensionDir}`,
      // Chromium's CDP loads an unpacked extension only with this switch (`Extensions.loadUnpacked`).
      ...(laterExtensions.length > 0 ? ['--enable-unsafe-extension-debugging'] : []),
      ...CHROMIUM_BASE_ARGS,
      // Popup and panel are open side by side as tabs; keep the one behind from being throttled.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      ...(devtools ? ['--auto-open-devtools-for-tabs'] : []),
      ...(acceptSelfSigned ? ['--ignore-certificate-errors'] : []),
      ...extraArgs,
    ],
  });
  // Only the extension's own consoles: a web app under test (and its SDK) may log what it likes.
  const messages: string[] = [];
  // As "document URL: [level] text", the level as the console method is named (Playwright says "warning" for warn),
  // like Firefox's list (firefox.ts `extensionConsole`).
  const record = (where: string, message: ConsoleMessage) => {
    const level = message.type() === 'warning' ? 'warn' : message.type();
    if (where.startsWith('chrome-extension://')) messages.push(`${where}: [${level}] ${message.text()}`);
  };
  // Each worker once (the first one may also come as an event).
  const workers = new WeakSet<Worker>();
  const listenToWorker = (worker: Worker) => {
    if (workers.has(worker)) return;
    workers.add(worker);
    worker.on('console', (message) => record(worker.url(), message));
  };
  context.on('page', (page) =>
    page.on('console', (message) => {
      // Playwright also reports the service worker's calls on every page: they are recorded once, from the worker.
      const from = message.worker();
      if (from && workers.has(from)) return;
      record(from?.url() ?? page.url(), message);
    }),
  );
  context.on('serviceworker', listenToWorker);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  listenToWorker(worker);
  const extensionId = new URL(worker.url()).host;
  const cdp = await context.browser()!.newBrowserCDPSession();

  async function workerTargetIds(): Promise<string[]> {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string; targetId: string }> };
    return targetInfos
      .filter((target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${extensionId}/`))
      .map((target) => target.targetId);
  }

  /** See `armServiceWorkerStop`: the same wait for the worker's 'stopped' status as `stopServiceWorker`. */
  async function armStop(): Promise<{ stop(): Promise<void>; dispose(): Promise<void> }> {
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    let stoppedNow = false;
    const waiters = new Set<() => void>();
    session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const ours = versions.filter((version) => version.scriptURL.startsWith(`chrome-extension://${extensionId}/`));
      stoppedNow = ours.some((version) => version.runningStatus === 'stopped');
      if (stoppedNow) for (const wake of waiters) wake();
    });
    await session.send('ServiceWorker.enable');
    return {
      async stop() {
        const stopped = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('The service worker did not stop within 5 s')), 5000);
          const wake = () => {
            clearTimeout(timer);
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
        });
        await session.send('ServiceWorker.stopAllWorkers');
        if (stoppedNow) for (const wake of waiters) wake();
        await stopped;
      },
      async dispose() {
        await session.detach().catch(() => undefined);
        await page.close();
      },
    };
  }

  return {
    context,
    extensionId,
    cdp,
    async loadUnpacked(dir) {
      if (!laterExtensions.includes(dir)) throw new Error(`${dir} is not one of the launch's laterExtensions`);
      const { id } = (await cdp.send('Extensions.loadUnpacked' as never, { path: dir } as never)) as { id: string };
      return id;
    },
    async openPage(path, viewport = { width: 400, height: 640 }) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async stopServiceWorker() {
      // Open views reconnect at once and restart the worker, so the target list may never look empty:
      // watch the worker's own running status instead, through a page's ServiceWorker domain.
      const page = await context.newPage();
      const session = await context.newCDPSession(page);
      try {
        const stopped = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('The service worker did not stop within 5 s')), 5000);
          session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
            const ours = versions.filter((version) => version.scriptURL.startsWith(`chrome-extension://${extensionId}/`));
            if (ours.some((version) => version.runningStatus === 'stopped')) {
              clearTimeout(timer);
              resolve();
            }
          });
        });
        await session.send('ServiceWorker.enable');
        await session.send('ServiceWorker.stopAllWorkers');
        await stopped;
      } finally {
        await session.detach().catch(() => undefined);
        await page.close();
      }
    },
    armServiceWorkerStop: armStop,
    isServiceWorkerRunning: async () => (await workerTargetIds()).length > 0,
    consoleMessages: () => [...messages],
    async close() {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
      if (extensionDir !== requestedDir) rmSync(extensionDir, { recursive: true, force: true });
      assertNoSecretIn(messages);
    },
  };
}
