/**
 * `npm run bench` (vitest runs this file, so functions sent into pages keep their plain source; tsx would
 * wrap them in name helpers the pages do not have): speed and size of the built extension, measured side by side with the official
 * CometChat SDK against the same local emulator, in headless Chromium. Absolute times differ 2–3× between
 * machines, so each time is measured beside a floor in the same run (the same work without the extension's code),
 * alternating pair by pair, and its budget is on the ratio figure ÷ floor (the median of the pairs' ratios, printed
 * with its p10–p90 spread), which held across machines where milliseconds did not. Prints one table (figure, ratio,
 * median, floor, budget, pass/fail) and writes test-results/bench.json (with the p10–p90 spread of each figure).
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { resolve } from 'node:path';
import { startEmulator } from '@/emulator';
import { launchChromiumWithExtension } from '../e2e/support/chromium';
import { FixtureApp } from '../e2e/support/fixture-app';
import { startFixtureServer } from '../e2e/support/fixture-server';
import { ROOT } from '../e2e/support/paths';
import { PopupPage } from '../e2e/support/popup-page';
import { seedEvents } from '../e2e/support/seed-events';
import { SessionDriver } from '../e2e/support/session-driver';
import { openPanelInspecting } from '../e2e/support/stubbed-devtools';
import { clickAt, installPageClock, openTimed, watch } from './page-clock';
import { createRelayExtension } from './relay-extension';
import { createEmptyWorkerExtension, createShellExtension, type ShellPage } from './shell-extension';
import { measureSizes } from './sizes';
import { createReport } from './report';
import { paired, pairedWithTwoFloors, pairUp, repeat, summarize } from './stats';
import { measureThroughput } from './throughput';
import { siteOf } from '@/lib/sites';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
/**
 * Pairs for the views' ratios that move with sampling: eight times the runs. Those with a budget (the popup's warm open,
 * the page switch, the timeline's first render) moved 0.07–0.15 over eight runs at four times the runs, as far as
 * sampling alone moves a median of 60 pairs with this spread (p10–p90 0.9–1.3 to 0.8–1.8 pair by pair: a standard error
 * of 0.03–0.06), and as far as their distance to their budgets (docs/benchmark.md). The same views beside shells that
 * ask nothing (printed for scale) moved 0.10–0.20 between two runs at twice the runs, and the live monitor 0.28 at four.
 */
const RATIO_PAIRS = RUNS * 8;
/**
 * Twice those for the popup's warm open and the page switch, near their budgets: over 120 pairs the popup's median read
 * 1.11–1.18 in 23 runs of much the same build (a standard error of ~0.023 beside a 1.15 budget), the page switch moved
 * by 0.09 between two (1.14, 1.23).
 */
const BUDGET_PAIRS = RUNS * 16;
/**
 * Pairs for the figures a worker's start is in, twenty-four times the runs: a start on two cores spreads widely (p10–p90
 * about 0.8–2.7× its floor), so the cold background's median moved by 0.1 and more from run to run over 15 pairs, 0.29
 * over 60 and 0.19–0.23 over 120 (2026-12-05); over 360, 0.01–0.08. The stopped worker's popup moved 0.14 over 60 and
 * 0.13 over 120 (1.63, then 1.50 on 2026-12-06).
 */
const COLD_PAIRS = RUNS * 24;
/** For scale, the empty worker with the background's script loaded: it moved 0.09–0.12 between runs over 60 pairs. */
const LOADED_PAIRS = RUNS * 16;
/**
 * Pairs for the held switch, two hundred and fifty times the runs (a pair is ~0.04 s): its ratio (~3.7 over a ~3.3 ms
 * floor) spreads 1.9–6.0 pair by pair, so its median moved by 0.3–1.0 from run to run over 60 pairs, by 0.15–0.20 over
 * 300 and by 0.02–0.13 over 2,250 (3.80, 3.78, 3.65, 3.77 on 2026-12-06): sampling alone, a standard error of ~0.045
 * there (1.25 σ / √n, σ from p10–p90), so two runs differ by more than 0.1 one time in nine. Over 3,750: ~0.035, one
 * time in twenty.
 */
const HELD_PAIRS = RUNS * 250;
/**
 * Rounds for the timeline's first render, each with both its shells (three pages): eleven times the runs, against
 * eight for each of two pairings run one after the other until 2026-12-06 (the first render's median moved by up to
 * 11 ms between those, and the budgeted ratio read 1.16–1.26 in four runs of much the same build).
 */
const TIMELINE_ROUNDS = RUNS * 11;
/** The whole run's limit: a run at BENCH_RUNS=15 takes ~27 minutes (~110 s for each of its runs); 32.5 minutes there. */
const RUN_TIMEOUT_MS = Math.max(900_000, RUNS * 130_000);
/** The name in the current-user card (the panel's card also lists held sessions, which must not count). */
const CURRENT_USER = '[data-testid="current-user"] .user-name';
/** The panel's count of the events it lists. */
const EVENT_COUNT = '[data-testid="event-count"]';
/** The timeline's newest row once 10,000 events are stored (section 6). */
const NEWEST_ROW = '[aria-label="Auth event timeline"] [data-seq="10000"]';
/**
 * Resolves once `panel` lists the whole seeded log (section 6). At least 10,000: an event logged after the seed counts
 * too (the app of section 5 stays open, and its page agent may report). One run waited 30 s for exactly "10000 events"
 * and failed, its count not kept.
 */
async function wholeLogListed(panel: Page): Promise<void> {
  await panel
    .waitForFunction((selector) => Number.parseInt(document.querySelector(selector)?.textContent ?? '', 10) >= 10_000, EVENT_COUNT)
    .catch(async (error: Error) => {
      const shown = await panel
        .locator(EVENT_COUNT)
        .textContent()
        .catch(() => null);
      throw new Error(`The panel never listed the whole log: its count said ${JSON.stringify(shown)} (${error.message})`);
    });
}
/** The test-user tile of cometchat-uid-N: the Nth in the grid. */
const tile = (uid: string) => `.user-grid li:nth-child(${Number(uid.slice(-1))}) > button.user-tile`;

it('measures speed and size side by side and prints the table', { timeout: RUN_TIMEOUT_MS }, async () => {
  const report = createReport();
  const emulator = await startEmulator({ port: 0, tls: true });
  const fixtures = await startFixtureServer();
  // A copy of the build with the shell pages added; the product build itself ships nothing of the bench.
  const shell = createShellExtension();
  const emptyWorker = createEmptyWorkerExtension();
  const loadedWorker = createEmptyWorkerExtension({ loadingTheBackground: true });
  const relay = createRelayExtension();
  // The fixture app's site is allowed from the start, as a tester would have allowed it (see LaunchOptions.allowedSites).
  // The live monitor's relay is loaded in section 8 only (before it, nothing of it runs).
  const browser = await launchChromiumWithExtension({
    acceptSelfSigned: true,
    extensionDir: shell.dir,
    allowedSites: [siteOf(fixtures.url)],
    laterExtensions: [relay.dir],
  });
  /** Opens the extension page `path` in `page` from about:blank, so no earlier page's unload counts against it. */
  const openFresh = async (page: Page, path: string) => {
    await page.goto('about:blank');
    await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
  };
  /**
   * Opens the extension page `path` in `page` from about:blank and returns when `selector` first held `text`, from the
   * document's start (an early watch of `page`'s clock; nothing runs in the page meanwhile: see openTimed).
   */
  const openFreshTimed = async (page: Page, path: string, selector: string, text: string) => {
    await page.goto('about:blank');
    return openTimed(page, `chrome-extension://${browser.extensionId}/${path}`, selector, text);
  };
  /**
   * The `<job>:` marks of the background's last run of `job` (lib/step-marks.ts), read from its worker in epoch time
   * like the views' clocks: `start`, then one per step as it ended.
   */
  const backgroundMarks = (job: string) =>
    browser.context
      .serviceWorkers()
      .find((worker) => worker.url().startsWith(`chrome-extension://${browser.extensionId}/`))!
      .evaluate(
        (prefix) =>
          performance
            .getEntriesByType('mark')
            .filter((mark) => mark.name.startsWith(prefix))
            .map((mark) => [mark.name.slice(prefix.length), performance.timeOrigin + mark.startTime] as [string, number]),
        `${job}:`,
      );
  /**
   * `job`'s steps, each as long as from the moment before it: the click's way to the background (`there`), the steps
   * the background marked, then the named moments `after` them in the view (the way back, what the view shows).
   */
  const backgroundSteps = async (job: string, clicked: number, there: string, after: Array<[string, number]>) => {
    const [start, ...marks] = await backgroundMarks(job);
    const moments: Array<[string, number]> = [[there, start![1]], ...marks, ...after];
    return moments.map(([step, at], index): [string, number] => [step, at - (index === 0 ? clicked : moments[index - 1]![1])]);
  };
  /** Opens the shell page `page` in `tab` and returns when its stand-in showed, from the document's start. */
  const openShellIn = (tab: Page, page: ShellPage) => openFreshTimed(tab, page.path, page.selector, page.text);
  /**
   * Has the extension's renderer collect its garbage, through `page`, one of its pages: its pages share that renderer's
   * heap, and what the pages before them made (hundreds of opens in a few minutes: the popup's in section 2, the panel's
   * in sections 5 and 6) stays there until a major collection, which a busy renderer puts off. Each timed section after
   * the popup's opens starts from a collected heap, as a tester's next action does in a browser idle between actions.
   * In probes, 30 panel opens left 59 documents and 55 MB there, 3 documents and 6 MB once collected; the live monitor
   * read 1.37–1.57 after 500 panel opens, 1.24 with a collection after them (1.23–1.29 before them); the held switch
   * 1.65 and 1.62 after 700 popup opens, 1.44 and 1.50 with a collection after them (docs/benchmark.md, the twentieth
   * session).
   */
  const collectGarbage = async (page: Page) => {
    const renderer = await browser.context.newCDPSession(page);
    await renderer.send('HeapProfiler.collectGarbage');
    await renderer.detach();
  };
  try {
    // 1. Sizes
    const sizes = measureSizes();
    report.size('popup JS+CSS, gzip', sizes.popup.gzip, 20 * 1024);
    report.size('devtools panel JS+CSS, gzip', sizes.panel.gzip);
    report.size('background, raw', sizes.background.raw);
    // No size budget: what it protected is the cold start, budgeted below against an empty worker; the background's
    // script loaded and never run costs a few milliseconds of it, running its start-up the rest (docs/benchmark.md).
    report.size('background, gzip', sizes.background.gzip);
    report.size('official SDK bundle, raw (for scale)', sizes.sdk.raw);
    report.size('official SDK bundle, gzip (for scale)', sizes.sdk.gzip);

    // Set up: the app, and two held sessions.
    const popupPage = await browser.openPage('popup.html');
    await installPageClock(popupPage, [
      [CURRENT_USER, 'George Alan'],
      [shell.popup.selector, shell.popup.text],
    ]);
    const popup = new PopupPage(popupPage);
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.loginAsTestUser('Andrew Joseph');
    await popup.currentUser.getByText('Andrew Joseph').waitFor();
    await popup.loginAsTestUser('George Alan');
    await popup.currentUser.getByText('George Alan').waitFor();

    console.log(`bench: 2. Popup open`);
    // 2. Popup open → current user shown, worker warm and worker stopped, each beside the shell page opened in the
    //    same tab (same HTML and CSS, no app code): the overhead is what the popup's own code adds.
    //    Both are opened from about:blank: a page's time origin includes unloading the page before it in the tab.
    //    Until 2026-12-05 the shell opened in a tab of its own, where it took longer (62–72 ms against 51–53 in the
    //    popup's tab, in one run), so the popup read 1.16–1.21× its shell there against 1.29–1.38× in the same tab.
    const openShell = () => openShellIn(popupPage, shell.popup);
    const openToUser = () => openFreshTimed(popupPage, 'popup.html', CURRENT_USER, 'George Alan');
    // Its floor is the least any view of the background's state does: the shell made to show its stand-in only once
    // the running background answered one `subscribe` on the views' port. The plain shell, which never asks, is below
    // what any popup can reach: with a render that cost nothing (the user's name put in as text), this popup read 1.18x
    // it (docs/benchmark.md).
    const openAskingShell = () => openShellIn(popupPage, shell.popupAsking);
    report.ratio(
      'popup open → user shown, warm worker; floor: its shell after one round trip',
      await paired(BUDGET_PAIRS, openAskingShell, openToUser),
      1.15,
    );
    // For scale, no budget: beside the shell that shows its stand-in at once.
    const warmOpen = await paired(RATIO_PAIRS, openShell, openToUser);
    report.ratio('popup open → user shown, warm worker; floor: its shell', warmOpen);
    // The popup left first: an open view reconnects ~50 ms after its worker stops (lib/session-client.ts), which would
    // wake the worker before the timed open does, at a moment that varies from pair to pair.
    const openToUserStopped = async () => {
      await popupPage.goto('about:blank');
      await browser.stopServiceWorker();
      return openToUser();
    };
    console.log(`bench: 2b. Popup open, stopped worker`);
    const coldOpen = await paired(COLD_PAIRS, openShell, openToUserStopped);
    report.ratio('popup open → user shown, stopped worker; floor: its shell', coldOpen);

    console.log(`bench: 2c. Background cold start`);
    // Background cold start: a request to a stopped worker versus the same request to a running one. Only the timed
    // request may wake the worker: the popup, which would reconnect on its own, is left until section 3.
    await popupPage.goto('about:blank');
    const shellPage = await browser.openPage(shell.popup.path);
    const driver = await SessionDriver.install(shellPage);
    const reply = async (stopFirst: boolean) => {
      if (stopFirst) await browser.stopServiceWorker();
      const outcome = await driver.request({ type: 'getSnapshot' });
      if (!outcome.ok) throw new Error(`getSnapshot failed with ${outcome.code}`);
      return outcome.ms;
    };
    // Its floor: a worker of the same manifest that does nothing but answer, stopped and woken by the same message, in a
    // browser of its own (createEmptyWorkerExtension), alternating with the real one pair by pair.
    // Beside it, the same empty worker with the background's script loaded but never run: what its size alone costs.
    const emptyBrowser = await launchChromiumWithExtension({ extensionDir: emptyWorker.dir });
    const loadedBrowser = await launchChromiumWithExtension({ extensionDir: loadedWorker.dir });
    try {
      const coldReplyOf = async (of: typeof emptyBrowser, page: string) => {
        const ofDriver = await SessionDriver.install(await of.openPage(page));
        return async () => {
          await of.stopServiceWorker();
          const outcome = await ofDriver.request({ type: 'getSnapshot' });
          if (!outcome.ok) throw new Error(`The stand-in worker answered ${outcome.code}`);
          return outcome.ms;
        };
      };
      const emptyReply = await coldReplyOf(emptyBrowser, emptyWorker.page);
      const loadedReply = await coldReplyOf(loadedBrowser, loadedWorker.page);
      // Many times the pairs of the other figures (see COLD_PAIRS).
      report.ratio(
        'background: stopped worker → first reply; floor: an empty worker, stopped',
        await paired(COLD_PAIRS, emptyReply, () => reply(true)),
        2,
      );
      report.ratio(
        "  an empty worker with the background's script loaded, never run; floor: the empty worker",
        await paired(LOADED_PAIRS, emptyReply, loadedReply),
      );
    } finally {
      await emptyBrowser.close();
      await loadedBrowser.close();
    }
    // For scale, in milliseconds: the same request to the worker running. Not a floor (a running worker skips the
    // start the figure is about), and as a ratio, 26–39× a reply of ~1.5 ms, it moved by 10 from run to run.
    report.timing("background: a running worker's reply to the same request, for scale", await repeat(RUNS, () => reply(false)));
    await shellPage.close();
    await openFresh(popupPage, 'popup.html');

    /** Resolves once the popup has its last command's answer (it is no longer busy), looked at every millisecond. */
    const popupAnswered = () =>
      popupPage.waitForFunction(() => document.querySelector('main.popup')?.getAttribute('aria-busy') === 'false', undefined, { polling: 1 });

    console.log(`bench: 3. Switch between`);
    // 3. Switch between two held sessions: click → popup and panel both updated; no network.
    const panelPage = await browser.openPage('devtools-panel.html', { width: 1000, height: 800 });
    await installPageClock(panelPage, [
      [NEWEST_ROW, ''],
      [shell.panel.selector, shell.panel.text],
    ]);
    await panelPage.reload();
    await panelPage.locator(CURRENT_USER, { hasText: 'George Alan' }).waitFor();
    // Its floor, in an extension page without the app's code: one message round trip to the running background and one
    // IndexedDB write, the least a switch that every view hears of can cost.
    const floorPage = await browser.openPage(shell.popup.path);
    const floorDriver = await SessionDriver.install(floorPage);
    await floorPage.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const opening = indexedDB.open('bench-floor', 1);
          opening.onupgradeneeded = () => opening.result.createObjectStore('writes');
          opening.onsuccess = () => ((window as any).__floorDb = opening.result) && resolve();
          opening.onerror = () => reject(new Error(`IndexedDB open failed: ${opening.error?.message}`));
        }),
    );
    /** Each pair's parts, for the breakdown: the floor's round trip and write; when each view showed the user. */
    const floorParts: Array<[number, number]> = [];
    const viewsShown: Array<[number, number]> = [];
    const heldSwitchFloor = async () => {
      const roundTrip = await floorDriver.request({ type: 'getSnapshot' });
      if (!roundTrip.ok) throw new Error(`The floor's round trip failed with ${roundTrip.code}`);
      const write = await floorPage.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const started = performance.now();
            const transaction = (window as any).__floorDb.transaction('writes', 'readwrite');
            transaction.objectStore('writes').put({ at: started }, 'last');
            transaction.oncomplete = () => resolve(performance.now() - started);
            transaction.onerror = () => reject(new Error(`IndexedDB write failed: ${transaction.error?.message}`));
          }),
      );
      floorParts.push([roundTrip.ms, write]);
      return roundTrip.ms + write;
    };
    const requestsBefore = emulator.requestLog.length;
    const names = ['Andrew Joseph', 'George Alan'];
    let turnOfHeld = 0;
    const heldSwitch = async () => {
      const [uid, name] = turnOfHeld++ % 2 === 0 ? ['cometchat-uid-1', names[0]!] : ['cometchat-uid-2', names[1]!];
      const countBefore = await panelPage.textContent(EVENT_COUNT);
      const inPopup = await watch(popupPage, CURRENT_USER, name);
      const inPanel = await watch(panelPage, CURRENT_USER, name);
      await popupPage.bringToFront();
      const clicked = await clickAt(popupPage, tile(uid));
      const [popupShown, panelShown] = [(await inPopup()) - clicked, (await inPanel()) - clicked];
      viewsShown.push([popupShown, panelShown]);
      const shown = Math.max(popupShown, panelShown);
      // The views show the user before the background's write starts: the switch ends with that write, once the popup has
      // its answer and the panel the switch's entry. Its floor waits for that, or the floor's own round trip and write
      // would take the rest of it (~1 ms more floor, ~0.6 less ratio, in a probe).
      await Promise.all([
        popupAnswered(),
        panelPage.waitForFunction(
          ([selector, before]) => document.querySelector(selector)?.textContent !== before,
          [EVENT_COUNT, countBefore] as const,
          {
            polling: 1,
          },
        ),
      ]);
      return shown;
    };
    await collectGarbage(popupPage);
    const held = await paired(HELD_PAIRS, heldSwitchFloor, heldSwitch);
    await floorPage.close();
    // The product's budget, checked since 2026-12-06: the ratio read 1.35–1.90 in the twelve runs before on this machine,
    // above 1.5 in nine (docs/benchmark.md); the whole time keeps its 30 ms for scale.
    report.ratio('switch held session → every view updated; floor: a message round trip and an IndexedDB write', held, 1.5);
    report.timing('switch held session → every view updated, whole time', held.figure, { budget: 30 });
    // Its parts (the two warm-up pairs left out, as in the figure): when each view showed the user (the extension's pages
    // share one main thread, so one renders after the other), and the floor's two steps.
    const heldParts: Array<[string, number[]]> = [
      ['the popup shows the user', viewsShown.slice(2).map(([popupShown]) => popupShown)],
      ['the panel shows the user', viewsShown.slice(2).map(([, panelShown]) => panelShown)],
      ["floor's round trip", floorParts.slice(2).map(([roundTrip]) => roundTrip)],
      ["floor's write", floorParts.slice(2).map(([, write]) => write)],
    ];
    for (const [part, samples] of heldParts) report.timing(`  held switch, ${part}`, summarize(samples));
    const switchRequests = emulator.requestLog.length - requestsBefore;
    report.other('network requests during those switches', switchRequests, String(switchRequests), '0', switchRequests === 0);

    console.log(`bench: 4. Fresh Auth Key`);
    // 4. Fresh Auth Key login: the extension's popup versus the official SDK's login(), alternated.
    const app = new FixtureApp(await browser.context.newPage());
    await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await collectGarbage(popupPage);
    const extension: number[] = [];
    const sdk: number[] = [];
    // Every round's, so the figure says "always", not "in the last round".
    const extensionRounds: string[][] = [];
    const loginSteps: Array<Array<[string, number]>> = [];
    const sdkRounds: string[][] = [];
    // Each side's own requests, told apart by their Origin header: the app page's SDK, and the extension's background
    // (its origin, or none). Counted by time alone, a call the page's SDK made after its previous login or logout (its
    // settings, user_sessions) landed inside the extension's login on a slow machine and read 3 / 2.
    const pageOrigin = new URL(fixtures.url).origin;
    const extensionOrigin = `chrome-extension://${browser.extensionId}`;
    const requestsOf = (from: number, origins: ReadonlyArray<string | null>) =>
      emulator.requestLog
        .slice(from)
        .filter((entry) => entry.method !== 'OPTIONS' && origins.includes(entry.origin))
        .map((entry) => `${entry.method} ${entry.route}`);
    // Four times the runs: over 10 rounds the ratio of the two medians read 0.91 in one run and 1.03 in the next on a
    // busy machine, and over 30 pairs the paired ratio 0.91, 0.76, 0.91 in three runs (the SDK's own time spreads
    // widely: some of its logins make a third request).
    for (let index = 0; index < RUNS * 4; index++) {
      // Extension: log out first (not timed), so the login below is fresh: two requests, like the SDK's.
      await popupPage.bringToFront();
      await popupPage.evaluate(() => document.querySelector<HTMLButtonElement>('.user-card button.secondary')?.click());
      await popup.currentUser.getByText('No user logged in.').waitFor();
      await popupPage.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
      const shown = await watch(popupPage, CURRENT_USER, 'Nancy Grace');
      let from = emulator.requestLog.length;
      const clicked = await clickAt(popupPage, tile('cometchat-uid-3'));
      const finished = await shown();
      extension.push(finished - clicked);
      // The user shows before the login's write starts (VIEWS_FIRST_MS later); its steps are read once the write has ended
      // (the popup's answer).
      await popupAnswered();
      extensionRounds.push(requestsOf(from, [extensionOrigin, null]));
      const marks = Object.fromEntries(await backgroundMarks('login'));
      loginSteps.push([
        ['popup → background', marks.start! - clicked],
        ['app', marks.app! - marks.start!],
        ['cometchat', marks.cometchat! - marks.app!],
        ['background → user shown', finished - marks.cometchat!],
        ["the views' head start and the write, from the same moment to its end", marks.commit! - marks.cometchat!],
      ]);

      from = emulator.requestLog.length;
      sdk.push(
        await app.page.evaluate(async (key) => {
          const CometChat = (window as any).CometChat;
          const started = performance.now();
          await CometChat.login('cometchat-uid-3', key);
          return performance.now() - started;
        }, emulator.authKey),
      );
      sdkRounds.push(requestsOf(from, [pageOrigin]));
      await app.page.evaluate(() => (window as any).CometChat.logout());
      // Let the SDK's after-login calls (settings, user_sessions, socket) settle before the next round.
      await app.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    }
    // Round by round, as every other ratio: its median and spread (no slower than the SDK: ≤ 1.00).
    report.ratio("fresh Auth Key login, extension (click → user shown); floor: the official SDK's login()", pairUp(sdk, extension), 1);
    // Its breakdown: the background's steps (lib/background/session-service.ts), between the click's way there and the
    // view's showing the user, told as the write starts; the write runs beside that way back.
    for (const [index, [step]] of loginSteps[0]!.entries()) {
      report.timing(`  fresh login, step: ${step}`, summarize(loginSteps.map((steps) => steps[index]![1])));
    }
    // Each side's own requests (by origin), without preflights, from the click or call until the login resolved; every
    // round's count, as "2" when they all agree and "min–max" when they do not.
    const counts = (rounds: string[][]) => {
      const sizes = rounds.map((round) => round.length);
      const [low, high] = [Math.min(...sizes), Math.max(...sizes)];
      return low === high ? String(low) : `${low}–${high}`;
    };
    const requests = { extension: extensionRounds, sdk: sdkRounds };
    const alwaysTwo = extensionRounds.every((round) => round.length === 2);
    report.other(
      "requests per fresh login, each side's own: extension / SDK",
      requests,
      `${counts(extensionRounds)} / ${counts(sdkRounds)}`,
      '2 / —',
      alwaysTwo,
    );
    for (const round of extensionRounds.filter((requests) => requests.length !== 2))
      console.log(`bench: an extension login made ${round.join(', ')}`);

    console.log(`bench: 4b. Directory search`);
    // 4b. The popup's user directory: Enter in its search → the user found is shown (the search's own 250 ms
    //     while-typing delay is skipped by Enter), beside the official SDK's UsersRequestBuilder fetchNext(), alternated.
    await popupPage.bringToFront();
    await popupPage.getByRole('button', { name: 'Users', exact: true }).click();
    await popupPage.getByTestId('directory-count').waitFor();
    await app.login('cometchat-uid-1', emulator.authKey);
    const terms = [
      ['nancy', 'Nancy Grace'],
      ['george', 'George Alan'],
    ] as const;
    const directory: number[] = [];
    const fetchNext: number[] = [];
    const search = (text: string) =>
      popupPage.evaluate((typed) => {
        const input = document.querySelector<HTMLInputElement>('#directory-search')!;
        input.value = typed;
        const at = (window as any).__bench.now();
        input.form!.requestSubmit();
        return at;
      }, text);
    // The directory opens on every user, Nancy Grace among them: the first search for her timed nothing (-7.2 ms in a
    // run at BENCH_RUNS=1). A search for the other user first, unmeasured, leaves her out of the list.
    await search(terms[1][0]);
    await popupPage.waitForFunction(([list, absent]) => !document.querySelector(list)?.textContent?.includes(absent), [
      '[data-testid="directory"] .directory-list',
      terms[0][1],
    ] as const);
    for (let index = 0; index < RUNS; index++) {
      const [term, name] = terms[index % 2]!;
      const shown = await watch(popupPage, '[data-testid="directory"] .directory-list', name);
      const typed = await search(term);
      directory.push((await shown()) - typed);
      fetchNext.push(
        await app.page.evaluate(async (text) => {
          const CometChat = (window as any).CometChat;
          const started = performance.now();
          await new CometChat.UsersRequestBuilder().setLimit(30).setSearchKeyword(text).build().fetchNext();
          return performance.now() - started;
        }, term),
      );
    }
    const directorySearch = summarize(directory);
    const sdkSearch = summarize(fetchNext);
    report.timing('directory search, extension (Enter → user shown)', directorySearch);
    report.timing('directory search, official SDK fetchNext()', sdkSearch);
    const searchRatio = directorySearch.median / sdkSearch.median;
    report.other('extension / SDK directory search time', searchRatio, searchRatio.toFixed(2));
    await popupPage.getByRole('button', { name: 'Done' }).click();

    console.log(`bench: 5. Page switch`);
    // 5. Page switch through the panel: click → page reloaded and reporting the new uid; beside a bare reload of the
    //    same page until its own SDK reports its (unchanged) user, which every switch has to include.
    await app.login('cometchat-uid-1', emulator.authKey);
    const stubbed = await browser.context.newPage();
    await installPageClock(stubbed);
    await stubbed.setViewportSize({ width: 1000, height: 800 });
    await openPanelInspecting(stubbed, app.page, `chrome-extension://${browser.extensionId}/devtools-panel.html`);
    await stubbed.getByTestId('page-user').getByText('Andrew Joseph').waitFor();
    // The tester's one yes for writing this app's sessions into the fixture's origin (untimed): later switches ask nothing.
    await stubbed.getByRole('button', { name: 'Switch the page to Andrew Joseph (cometchat-uid-1)' }).click();
    await stubbed.getByRole('button', { name: 'Yes, write into this site' }).click();
    await stubbed.getByTestId('page-session').getByRole('status').getByText('now logged in as Andrew Joseph').waitFor();
    await collectGarbage(stubbed);
    const pageTargets = [
      ['George Alan', 'cometchat-uid-2'],
      ['Andrew Joseph', 'cometchat-uid-1'],
    ] as const;
    let turn = 0;
    let current: string = 'cometchat-uid-1';
    const bareReload = async () => {
      const started = performance.now();
      await app.page.reload({ waitUntil: 'commit' });
      const uid = await app.loggedInUid();
      if (uid !== current) throw new Error(`After a bare reload the page reported ${uid}, not ${current}`);
      return performance.now() - started;
    };
    const switchPage = async () => {
      // Always to the other user, so the status line must change before it can match.
      const [name, uid] = pageTargets[turn++ % 2]!;
      // Untimed: after a bare reload the panel reads the page's session again before it offers the switch, and its
      // buttons stay disabled until the last switch's own read of the page has ended (with the reload between, it waits
      // for the new document): a click before that was lost, and the run failed once (2026-12-07).
      await stubbed.locator(`button[aria-label="Switch the page to ${name} (${uid})"]:enabled`).waitFor();
      const done = await watch(stubbed, '[data-testid="page-session"] [role="status"]', `now logged in as ${name} (${uid})`);
      const clicked = await clickAt(stubbed, `button[aria-label="Switch the page to ${name} (${uid})"]`);
      const finished = await done().catch(async (error) => {
        throw new Error(`${error.message}; the panel said: ${await stubbed.getByTestId('page-session').textContent()}`);
      });
      if ((await app.loggedInUid()) !== uid) throw new Error(`The page did not report ${uid}`);
      current = uid;
      switchSteps.push(await switchBreakdown(clicked, finished));
      return finished - clicked;
    };
    // The background marks the end of each of the switch's steps (lib/step-marks.ts); read from its worker, in epoch
    // time like the panel's clock: the message there, each step, and the reply's way back to the panel's status line.
    const switchSteps: Array<Array<[string, number]>> = [];
    const switchBreakdown = async (clicked: number, finished: number): Promise<Array<[string, number]>> => {
      // The panel marks the reply's arrival (PageSessionView): the way back, then the panel's own render of it.
      const replied = await stubbed.evaluate(() => {
        const [mark] = performance.getEntriesByName('page-switch:reply', 'mark');
        return mark ? performance.timeOrigin + mark.startTime : null;
      });
      if (replied === null) throw new Error('The panel marked no reply to its switch');
      return backgroundSteps('page-switch', clicked, 'panel → background', [
        ['background → reply in the panel', replied],
        ['panel shows it', finished],
      ]);
    };
    // Only the panel that switches is open, as for a tester (the popup closes once DevTools takes the focus): the
    // extension's pages share one main thread, and the popup and the second panel re-rendered for every update of the
    // reloading tab while the reply waited behind them.
    await popupPage.goto('about:blank');
    await panelPage.goto('about:blank');
    const pageSwitch = await paired(BUDGET_PAIRS, bareReload, switchPage);
    report.ratio('page switch through the panel → page reports the new uid; floor: a reload until its SDK reports', pageSwitch, 1.25);
    // Its breakdown, step by step (the two warm-up rounds left out, as in the figure).
    const measuredSteps = switchSteps.slice(2);
    for (const [index, [step]] of measuredSteps[0]!.entries()) {
      report.timing(`  page switch, step: ${step}`, summarize(measuredSteps.map((steps) => steps[index]![1])));
    }

    console.log(`bench: 6. Timeline with`);
    // 6. Timeline with 10,000 stored events: first render, beside the panel's shell page in the same tab; and filter.
    await openFresh(panelPage, 'devtools-panel.html');
    await seedEvents(panelPage, 10_000);
    // The background keeps the newest events it last read (and the state): it must read the seeded log afresh.
    await browser.stopServiceWorker();
    await collectGarbage(panelPage);
    const openPanelShell = () => openShellIn(panelPage, shell.panel);
    const firstRender = async () => {
      const shown = await openFreshTimed(panelPage, 'devtools-panel.html', NEWEST_ROW, '');
      // The rest of the log loads after the newest rows: waited for here, or the background, still reading and sending
      // 10,000 events to this page, would be busy during the next pair (seen: its reply landing 100–200 ms into the next
      // panel's load, and the shell's).
      await wholeLogListed(panelPage);
      return shown;
    };
    // Its floor, as the popup's: the panel's shell made to wait for the answers the first render waits for (the
    // subscription and the newest events, asked together).
    const openAskingPanelShell = () => openShellIn(panelPage, shell.panelAsking);
    // Beside both shells in each round (the one that shows its stand-in at once is for scale, no budget).
    const [besideAnswered, besidePlain] = await pairedWithTwoFloors(TIMELINE_ROUNDS, openAskingPanelShell, openPanelShell, firstRender);
    report.ratio('timeline with 10,000 events: first render (newest row shown); floor: its shell after its first answers', besideAnswered, 1.25);
    report.ratio('timeline with 10,000 events: first render; floor: its shell', besidePlain);
    // The last of the pairs was the panel, its whole log loaded (firstRender waits for it).
    await panelPage.bringToFront();
    let filtered = false;
    report.timing(
      'timeline with 10,000 events: filter by type',
      await repeat(RUNS, async () => {
        filtered = !filtered;
        // The whole log as the panel counts it now: at least the 10,000 seeded, and an event the app of section 5
        // logged after the seed too (one run saw "2500 of 10001 events"); none of those is a login failure.
        const total = /(\d+) events/.exec((await panelPage.textContent(EVENT_COUNT)) ?? '')?.[1];
        const done = await watch(panelPage, EVENT_COUNT, filtered ? `2500 of ${total} events` : `=${total} events`);
        const clicked = await clickAt(panelPage, 'button.chip-loginFailure');
        return (await done()) - clicked;
      }),
      { budget: 50 },
    );

    console.log(`bench: 8. Live page monitor`);
    // 8. The live monitor: the app logs in or out by itself (its own `fixture.login` / `logout`, called in the page) →
    //    the panel's strip shows it; beside the same news carried to an extension page by an extension that does
    //    nothing else (the floor: the SDK's requests, the page's write of its user, the hops from the page to a worker
    //    and to a page of its own, and a text change; relay-extension.ts), timed in the same action. Both from one
    //    page-side start, in epoch time. The relay's scripts run only in the app at `/index.html`, where it opens now.
    const relayId = await browser.loadUnpacked(relay.dir);
    const relayPage = await browser.context.newPage();
    await installPageClock(relayPage);
    await relayPage.goto(`chrome-extension://${relayId}/${relay.page}`);
    await installPageClock(app.page);
    await app.page.goto(`${fixtures.url}/index.html?appId=${emulator.appId}&region=eu&host=${emulator.hostAndPort}`);
    await app.ready();
    // One panel, as for a tester (the extension's pages share one main thread; see section 5): the one inspecting the
    // app, opened again so that it holds the whole log of section 6, as a panel after months of use does. Until
    // 2026-12-05 the panel of section 6 stayed open beside it and rendered each of the app's reports too.
    await panelPage.goto('about:blank');
    await stubbed.reload();
    await wholeLogListed(stubbed);
    await stubbed.getByTestId('monitor-strip').getByText('Live').waitFor();
    await collectGarbage(stubbed);
    const appActions: { floor: number[]; figure: number[]; ownUi: number[] } = { floor: [], figure: [], ownUi: [] };
    // Twenty times the runs (a pair takes ~1.1 s: each action from a settled page). Against the app's own UI (until
    // 2026-12-06), its ratio (~1.6–2.2) moved by 0.1–0.3 from run to run over 300 pairs, with what the machine did
    // beside it: the figure goes through three processes, that floor through one. Against the relay, which goes
    // through as many, timed in the same actions, four probes of 150 read 1.29, 1.34, 1.34, 1.33, but the bench's four
    // runs 1.72, 1.85, 1.75, 2.07: its panel takes longer than a fresh one's, and more on a busy machine than the relay
    // (docs/benchmark.md, the sixteenth session). Found in the twentieth: the garbage the pages opened before it left in
    // the renderer it shares with them (see collectGarbage); from a collected heap the bench read 1.24–1.36.
    for (let index = -2; index < RUNS * 20; index++) {
      const loggingIn = (await app.loggedInUid()) === null;
      const text = loggingIn ? 'runs cometchat-uid-1' : 'nobody logged in';
      const shown = await watch(stubbed, '[data-testid="monitor-user"]', text);
      const relayed = await watch(relayPage, relay.selector, text);
      const own = await watch(app.page, '#user', loggingIn ? 'Andrew Joseph' : 'nobody');
      const started = await app.page.evaluate(
        ([uid, key, login]) => {
          const at = performance.timeOrigin + performance.now();
          void (login ? (window as any).fixture.login(uid, key) : (window as any).fixture.logout());
          return at;
        },
        ['cometchat-uid-1', emulator.authKey, loggingIn] as const,
      );
      const [inPanel, inRelay, inApp] = [await shown(), await relayed(), await own()];
      // Settled before the next action, as a tester's actions are seconds apart: the app's socket in its last state
      // (a login's socket authenticates 20-40 ms after the strip shows the user) and what the change set off after the
      // strip done (the page card reads the page again). Started at once, the next action overlapped that tail.
      await stubbed.locator(`[data-testid="monitor-socket"][data-state="${loggingIn ? 'connected' : 'disconnected'}"]`).waitFor();
      await stubbed.waitForTimeout(250);
      if (index < 0) continue;
      appActions.figure.push(inPanel - started);
      appActions.floor.push(inRelay - started);
      appActions.ownUi.push(inApp - started);
    }
    // The ratio is printed; the budget stays the product's on the whole time (app action → panel).
    const appAction = pairUp(appActions.floor, appActions.figure);
    report.ratio('app logs in or out by itself → the panel shows it; floor: the same news relayed to an extension page', appAction);
    report.timing('app logs in or out by itself → the panel shows it, whole time', appAction.figure, { budget: 500 });
    report.timing("app logs in or out by itself → the app's own UI shows it, for scale", summarize(appActions.ownUi));
    if ((await app.loggedInUid()) !== null) await app.appLogout();

    // Page load with the page agent and its relay (an allowed site, 127.0.0.1) beside the same app from a site not
    // allowed (localhost: the same server, no scripts of the extension), both logged out, alternating run by run.
    // The extension's views are closed first: what they do with the page's reports (a panel with 10,000 rows renders
    // each) is the monitor's figure above; here it would run beside the next load on two cores, floor and figure alike.
    for (const open of [stubbed, relayPage, panelPage, popupPage, shellPage]) await open.close();
    const loadPage = await browser.context.newPage();
    const loadTime = async (host: string) => {
      await loadPage.goto('about:blank');
      await loadPage.goto(`${fixtures.url.replace('127.0.0.1', host)}/?appId=${emulator.appId}&region=eu&host=${emulator.hostAndPort}`, {
        waitUntil: 'load',
      });
      return loadPage.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
    };
    // A load is cheap (~0.15 s) and its spread is wide next to a 5 % budget: the median ratio of 150 pairs moved
    // 1.03–1.06 between runs of one build, of 300 pairs about half as much. Each load is cross-site (a new renderer), as
    // the hosts alternate. 300 pairs: about a minute and a half. (A relay registered at document_idle still ran before
    // `load` and cost 4–5 %: it is injected after the page has loaded now, page-script-registry.ts.)
    const pageLoad = await paired(
      Math.max(300, RUNS),
      () => loadTime('localhost'),
      () => loadTime('127.0.0.1'),
    );
    report.ratio('app page load (loadEventEnd) with the monitor; floor: a site not allowed', pageLoad, 1.05);
    await loadPage.close();

    console.log(`bench: 7. Emulator throughput`);
    // 7. Emulator throughput.
    const throughput = await measureThroughput(emulator);
    report.other('emulator: auth-token logins per second (loopback, TLS)', throughput, throughput.toFixed(0));
  } finally {
    await browser.close().catch((error) => console.error(error));
    shell.dispose();
    emptyWorker.dispose();
    loadedWorker.dispose();
    relay.dispose();
    await fixtures.close();
    await emulator.close();
  }

  const overBudget = report.print();
  report.write(resolve(ROOT, 'test-results/bench.json'), RUNS);
  console.log(`Wrote test-results/bench.json`);
  // The run fails when a figure is over its budget, once the table is printed and written: its exit code says it too.
  expect(overBudget, 'figures over budget (see the table)').toEqual([]);
});
