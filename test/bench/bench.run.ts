/**
 * `npm run bench` (vitest runs this file, so functions sent into pages keep their plain source; tsx would
 * wrap them in name helpers the pages do not have): speed and size of the built extension, measured side by side with the official
 * CometChat SDK against the same local emulator, in headless Chromium. Prints one table (figure, median,
 * p10–p90, budget) and writes test-results/bench.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { resolve } from 'node:path';
import { startEmulator } from '@/emulator';
import { launchChromiumWithExtension } from '../e2e/support/chromium';
import { FixtureApp } from '../e2e/support/fixture-app';
import { startFixtureServer } from '../e2e/support/fixture-server';
import { ROOT } from '../e2e/support/paths';
import { PopupPage } from '../e2e/support/popup-page';
import { seedEvents } from '../e2e/support/seed-events';
import { openPanelInspecting } from '../e2e/support/stubbed-devtools';
import { clickAt, installPageClock, watch } from './page-clock';
import { measureSizes } from './sizes';
import { repeat, summarize, type Summary } from './stats';
import { measureThroughput } from './throughput';

const RUNS = Number(process.env.BENCH_RUNS ?? 25);
/** The name in the current-user card (the panel's card also lists held sessions, which must not count). */
const CURRENT_USER = '[data-testid="current-user"] .user-name';
/** The test-user tile of cometchat-uid-N: the Nth in the grid. */
const tile = (uid: string) => `.user-grid li:nth-child(${Number(uid.slice(-1))}) > button.user-tile`;

interface Row {
  figure: string;
  value: string;
  spread: string;
  budget: string;
  over: boolean | null;
}
const rows: Row[] = [];
const json: Record<string, unknown> = {};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
function timing(figure: string, summary: Summary, budget?: number) {
  json[figure] = summary;
  rows.push({ figure, value: ms(summary.median), spread: `${ms(summary.p10)} – ${ms(summary.p90)} (n=${summary.runs})`, budget: budget ? `≤ ${budget} ms` : '', over: budget ? summary.median > budget : null });
}
function size(figure: string, bytes: number, budgetBytes?: number) {
  json[figure] = bytes;
  rows.push({ figure, value: kb(bytes), spread: '', budget: budgetBytes ? `≤ ${kb(budgetBytes)}` : '', over: budgetBytes ? bytes > budgetBytes : null });
}

it('measures speed and size side by side and prints the table', async () => {
  const emulator = await startEmulator({ port: 0, tls: true });
  const fixtures = await startFixtureServer();
  const browser = await launchChromiumWithExtension({ acceptSelfSigned: true });
  try {
    // 1. Sizes
    const sizes = measureSizes();
    size('popup JS+CSS, gzip', sizes.popup.gzip, 20 * 1024);
    size('devtools panel JS+CSS, gzip', sizes.panel.gzip);
    size('background, raw', sizes.background.raw, 25 * 1024);
    size('background, gzip', sizes.background.gzip);
    size('official SDK bundle, raw (for scale)', sizes.sdk.raw);
    size('official SDK bundle, gzip (for scale)', sizes.sdk.gzip);

    // Set up: the app, and two held sessions.
    const popupPage = await browser.openPage('popup.html');
    await installPageClock(popupPage);
    const popup = new PopupPage(popupPage);
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.loginAsTestUser('Andrew Joseph');
    await popup.currentUser.getByText('Andrew Joseph').waitFor();
    await popup.loginAsTestUser('George Alan');
    await popup.currentUser.getByText('George Alan').waitFor();

    console.log(`bench: 2. Popup open`);
    // 2. Popup open → current user shown, worker warm and worker stopped.
    const openToUser = async () => {
      await popupPage.reload();
      return popupPage.evaluate(async (selector) => (await (window as any).__bench.until(selector, 'George Alan')) - performance.timeOrigin, CURRENT_USER);
    };
    timing('popup open → user shown, warm worker', await repeat(RUNS, openToUser), 100);
    timing('popup open → user shown, stopped worker', await repeat(RUNS, async () => (await browser.stopServiceWorker(), openToUser())), 200);

    console.log(`bench: 3. Switch between`);
    // 3. Switch between two held sessions: click → popup and panel both updated; no network.
    const panelPage = await browser.openPage('devtools-panel.html', { width: 1000, height: 800 });
    await installPageClock(panelPage);
    await panelPage.reload();
    await panelPage.locator(CURRENT_USER, { hasText: 'George Alan' }).waitFor();
    const requestsBefore = emulator.requestLog.length;
    const names = ['Andrew Joseph', 'George Alan'];
    const switchSamples: number[] = [];
    for (let index = 0; index < RUNS + 2; index++) {
      const [uid, name] = index % 2 === 0 ? ['cometchat-uid-1', names[0]!] : ['cometchat-uid-2', names[1]!];
      const inPopup = await watch(popupPage, CURRENT_USER, name);
      const inPanel = await watch(panelPage, CURRENT_USER, name);
      await popupPage.bringToFront();
      const clicked = await clickAt(popupPage, tile(uid));
      const updated = Math.max(await inPopup(), await inPanel());
      if (index >= 2) switchSamples.push(updated - clicked);
    }
    timing('switch held session → every view updated', summarize(switchSamples), 30);
    const switchRequests = emulator.requestLog.length - requestsBefore;
    json['switch requests'] = switchRequests;
    rows.push({ figure: 'network requests during those switches', value: String(switchRequests), spread: '', budget: '0', over: switchRequests !== 0 });

    console.log(`bench: 4. Fresh Auth Key`);
    // 4. Fresh Auth Key login: the extension's popup versus the official SDK's login(), alternated.
    const app = new FixtureApp(await browser.context.newPage());
    await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    const extension: number[] = [];
    const sdk: number[] = [];
    let extensionRequests = 0;
    let sdkRequests = 0;
    const counted = (from: number) => emulator.requestLog.slice(from).filter((entry) => entry.method !== 'OPTIONS').length;
    for (let index = 0; index < Math.max(10, Math.round(RUNS / 2)); index++) {
      // Extension: log out first (not timed), so the login below is fresh: two requests, like the SDK's.
      await popupPage.bringToFront();
      await popupPage.evaluate(() => document.querySelector<HTMLButtonElement>('.user-card button.secondary')?.click());
      await popup.currentUser.getByText('No user logged in.').waitFor();
      await popupPage.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
      const shown = await watch(popupPage, CURRENT_USER, 'Nancy Grace');
      let from = emulator.requestLog.length;
      const clicked = await clickAt(popupPage, tile('cometchat-uid-3'));
      extension.push((await shown()) - clicked);
      extensionRequests = counted(from);

      from = emulator.requestLog.length;
      sdk.push(
        await app.page.evaluate(async (key) => {
          const CometChat = (window as any).CometChat;
          const started = performance.now();
          await CometChat.login('cometchat-uid-3', key);
          return performance.now() - started;
        }, emulator.authKey),
      );
      sdkRequests = counted(from);
      await app.page.evaluate(() => (window as any).CometChat.logout());
      // Let the SDK's after-login calls (settings, user_sessions, socket) settle before the next round.
      await app.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    }
    const extensionLogin = summarize(extension);
    const sdkLogin = summarize(sdk);
    timing('fresh Auth Key login, extension (click → user shown)', extensionLogin);
    timing('fresh Auth Key login, official SDK login()', sdkLogin);
    const ratio = extensionLogin.median / sdkLogin.median;
    json['login ratio extension/SDK'] = ratio;
    rows.push({ figure: 'extension / SDK login time', value: ratio.toFixed(2), spread: '', budget: '≤ 1.00', over: ratio > 1 });
    json['login requests'] = { extension: extensionRequests, sdk: sdkRequests };
    rows.push({ figure: 'requests per fresh login: extension / SDK', value: `${extensionRequests} / ${sdkRequests}`, spread: 'non-preflight, until the login resolved', budget: '2 / —', over: extensionRequests !== 2 });

    console.log(`bench: 5. Page switch`);
    // 5. Page switch through the panel: click → page reloaded and reporting the new uid.
    await app.login('cometchat-uid-1', emulator.authKey);
    const stubbed = await browser.context.newPage();
    await installPageClock(stubbed);
    await stubbed.setViewportSize({ width: 1000, height: 800 });
    await openPanelInspecting(stubbed, app.page, `chrome-extension://${browser.extensionId}/devtools-panel.html`);
    await stubbed.getByTestId('page-user').getByText('Andrew Joseph').waitFor();
    const pageTargets = [['George Alan', 'cometchat-uid-2'], ['Andrew Joseph', 'cometchat-uid-1']] as const;
    let turn = 0;
    timing(
      'page switch through the panel → page reports the new uid',
      await repeat(Math.max(8, Math.round(RUNS / 3)), async () => {
        // Always to the other user, so the status line must change before it can match.
        const [name, uid] = pageTargets[turn++ % 2]!;
        const done = await watch(stubbed, '[data-testid="page-session"] [role="status"]', `now logged in as ${name} (${uid})`);
        const clicked = await clickAt(stubbed, `button[aria-label="Switch the page to ${name} (${uid})"]`);
        const finished = await done().catch(async (error) => {
          throw new Error(`${error.message}; the panel said: ${await stubbed.getByTestId('page-session').textContent()}`);
        });
        if ((await app.loggedInUid()) !== uid) throw new Error(`The page did not report ${uid}`);
        return finished - clicked;
      }),
    );

    console.log(`bench: 6. Timeline with`);
    // 6. Timeline with 10,000 stored events: first render, and filter.
    await seedEvents(panelPage, 10_000);
    timing(
      'timeline with 10,000 events: first render',
      await repeat(Math.max(8, Math.round(RUNS / 3)), async () => {
        await panelPage.reload();
        return panelPage.evaluate(async () => (await (window as any).__bench.until('[aria-label="Auth event timeline"] [data-seq]', '')) - performance.timeOrigin);
      }),
      150,
    );
    await panelPage.bringToFront();
    let filtered = false;
    timing(
      'timeline with 10,000 events: filter by type',
      await repeat(RUNS, async () => {
        filtered = !filtered;
        const done = await watch(panelPage, '[data-testid="event-count"]', filtered ? '2500 of 10000 events' : '=10000 events');
        const clicked = await clickAt(panelPage, 'button.chip-loginFailure');
        return (await done()) - clicked;
      }),
      50,
    );

    console.log(`bench: 7. Emulator throughput`);
    // 7. Emulator throughput.
    const throughput = await measureThroughput(emulator);
    json['emulator logins per second'] = throughput;
    rows.push({ figure: 'emulator: auth-token logins per second (loopback, TLS)', value: throughput.toFixed(0), spread: '', budget: '', over: null });
  } finally {
    await browser.close().catch((error) => console.error(error));
    await fixtures.close();
    await emulator.close();
  }

  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => [row.figure, row.value, row.spread, row.budget][column]!.length), 6));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(line(['figure', 'median', 'spread (p10 – p90)', 'budget']) + ' status');
  console.log(line(widths.map((width) => '-'.repeat(width))) + ' ------');
  for (const row of rows) console.log(`${line([row.figure, row.value, row.spread, row.budget])} ${row.over === null ? '' : row.over ? 'OVER' : 'ok'}`);
  const over = rows.filter((row) => row.over).map((row) => row.figure);
  console.log(over.length ? `\nOver budget: ${over.join('; ')}` : '\nEvery figure is within its budget.');
  mkdirSync(resolve(ROOT, 'test-results'), { recursive: true });
  writeFileSync(resolve(ROOT, 'test-results/bench.json'), JSON.stringify({ measuredAt: new Date().toISOString(), runs: RUNS, figures: json, rows }, null, 2));
  console.log(`Wrote test-results/bench.json`);
}, 900_000);
