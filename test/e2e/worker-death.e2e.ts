import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { EVENT_LANE_CAPS } from '@/lib/event-lanes';
import { fillEventLog, holdDatabaseLock, readStoredTruth } from './support/extension-db';
import { BROWSERS, launchExtension, type ExtensionPage, type ExtensionUnderTest, reportConsoleOnFailure } from './support/extension-driver';
import { readPanelViewState } from './support/panel-page';
import { Popup } from './support/popup';
import { watchPopupSettledActions } from './support/popup-page';
import { countPorts } from './support/port-counter';
import { openPageWithRequestProbe } from './support/request-probe';
import { seedFromEnvironment, soakRoundsFromEnvironment } from './support/seeded-random';
import { SessionDriver } from './support/session-driver';
import { eventually, runWorkerDeathSoak } from './support/worker-death-soak';
import { STOP_MOMENTS, type View } from './support/worker-death-script';

const SEED = seedFromEnvironment(0x5eed_2026);
/**
 * One round of the script's deck of stop moments (worker-death-script.ts) per run: every kind of moment it aims at is
 * met once in each browser (drawn independently, as before, Chromium's 150 stops met the rarest kinds once and Firefox's
 * 100 missed one; the deck meets them all in 30). A longer soak: `E2E_SOAK_ROUNDS=<n>`, a new script: `E2E_SEED`.
 */
const TARGET_STOPS = soakRoundsFromEnvironment() * STOP_MOMENTS.length;
const REQUEST_BOUND_MS = 20_000;
const VIEW_BOUND_MS = 5_000;

/**
 * The background stopped at random and at chosen moments while the popup and the panel send requests: Chromium's
 * service worker as Chrome stops it when idle, Firefox's MV2 event page as about:debugging's "Terminate background
 * script" and Firefox's idle timer do it.
 */
describe.each(BROWSERS)('background death in %s', (name) => {
  let emulator: Emulator;
  let extension: ExtensionUnderTest;
  let popup: Popup;
  let panel: ExtensionPage;
  const drivers = {} as Record<View, SessionDriver>;

  /** Opens the panel page, as a tester with DevTools docked sees it beside the popup. */
  const openPanel = () => extension.openPage('devtools-panel.html', { width: 1000, height: 900 }, { newWindow: true });

  /**
   * Stops the background and waits until both drivers' ports have closed: Firefox resolves the termination in its
   * parent process and tells the extension process's ports a moment later (a request sent meanwhile went down the dead
   * port, seen in 1 of 5 stops); Chromium's stop waits for the worker's "stopped" status, and its ports are closed by then.
   */
  async function stopBackground(stop: () => Promise<void> = () => extension.stopBackground()) {
    await stop();
    for (const view of ['popup', 'panel'] as const) {
      if (!(await drivers[view].portClosed())) throw new Error(`The ${view}'s port stayed open 5 s after the background was stopped`);
    }
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    extension = await launchExtension(name);
    // Each view shown at once, as a tester sees them (see `openPage`'s `newWindow`).
    popup = new Popup(await extension.openPage('popup.html', undefined, { newWindow: true }));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    // The card reads "No user logged in." once the background has stored the settings.
    await popup.tab.waitFor('[data-testid="current-user"]', 'No user logged in.');
    panel = await openPanel();
    drivers.popup = await SessionDriver.install(popup.tab.page, { timeoutMs: REQUEST_BOUND_MS });
    drivers.panel = await SessionDriver.install(panel.page, { timeoutMs: REQUEST_BOUND_MS });
    await watchPopupSettledActions(popup.tab.page);
  });

  afterEach(reportConsoleOnFailure(() => extension));

  afterAll(async () => {
    await extension?.close();
    await emulator?.close();
  });

  it('should keep stored sessions exact, settle every request, and show the truth in both views while the background is stopped at random moments', async () => {
    await runWorkerDeathSoak(
      {
        name: `${name}-worker-death`,
        emulator,
        popup,
        panelPage: panel.page,
        drivers,
        stopBackground: () => stopBackground(),
        armStop: async () => {
          const armed = await extension.armBackgroundStop();
          return { stop: () => stopBackground(() => armed.stop()), dispose: () => armed.dispose() };
        },
      },
      { seed: SEED, targetStops: TARGET_STOPS, requestBoundMs: REQUEST_BOUND_MS, viewBoundMs: VIEW_BOUND_MS },
    );
  }, 240_000);

  /**
   * A view that reconnects must get every event it missed. Here the panel's session client is kept away while
   * one event is committed, then reconnects while a second command is about to commit: the second event is
   * broadcast to the new port before the hub's first snapshot on it, and the first must still be replayed.
   * The database lock and the client's reconnect back-off (50 ms doubling to 2 s while no snapshot arrives,
   * docs/architecture.md) only make that timing certain; the random script above meets it by chance.
   */
  it('should replay a missed event to a view whose reconnect overlaps a command that is committing', async () => {
    // A panel of its own, complete from its first getEvents, so what earlier tests left does not matter.
    const view = await openPanel();
    const before = await readStoredTruth(view.page);
    await expect.poll(async () => (await readPanelViewState(view.page)).eventCount).toBe(before.events.length);

    // The panel's client misses snapshots while the database is locked, so its reconnect delay grows: each stop
    // below cuts a port the panel has just reopened (counted), until the delay reaches its 2 s cap.
    const ports = await countPorts(view.page);
    let restops = 0;
    // A stop that lands while the worker is still starting for the panel's new port can leave that port open, handed
    // to the next worker (seen once in CI, under load); the panel is then not away. Such a stop is repeated until
    // the port is cut, and counted; the panel's own behaviour is asserted after every cut.
    // (The panel's first port predates the counting: a port opened since also shows that it was cut.)
    const cutPanelPort = async () => {
      const [opened, closed] = [await ports.opened(), await ports.closed()];
      const cut = async () => (await ports.closed()) > closed || (await ports.opened()) > opened;
      for (let attempt = 1; ; attempt++) {
        await extension.stopBackground();
        if (await eventually(cut, 1000)) return;
        if (attempt === 3) throw new Error('three background stops in a row left the panel connected');
        restops += 1;
      }
    };
    let unlock = await holdDatabaseLock(popup.tab.page);
    try {
      for (let stop = 0; stop < 7; stop++) {
        const opened = await ports.opened();
        await cutPanelPort();
        await expect.poll(ports.opened, { timeout: 5000, message: `the panel reconnects after stop ${stop + 1}` }).toBeGreaterThan(opened);
        await expect.poll(() => extension.isBackgroundRunning(), { timeout: 5000 }).toBe(true);
      }
      await cutPanelPort();
    } finally {
      await unlock();
    }
    if (restops > 0) console.log(`${name}-worker-death: ${restops} stop(s) repeated because the panel's port survived them`);
    const away = await ports.opened();
    // While the panel is away: one event it misses, then a login whose commit waits behind a new lock.
    const missed = await drivers.popup.request({ type: 'switchSession', uid: 'never-held' });
    expect(missed.code).toBe('ERR_SESSION_NOT_HELD');
    expect(await ports.opened(), 'the panel was still away when the missed event was committed').toBe(away);
    emulator.setFault({ route: 'auth_tokens', method: 'POST', kind: 'delay', delayMs: 300 });
    const logMark = emulator.requestLog.length;
    let loginSettled = false;
    // `fresh`: a held cometchat-uid-4 would be reused without a request (the login rule), and this login must reach CometChat.
    const login = drivers.popup.request({ type: 'login', uid: 'cometchat-uid-4', fresh: true });
    // The driver settles every request with an outcome: nothing is left to reject.
    void login.then(() => (loginSettled = true));
    const requested = (route: string) =>
      emulator.requestLog.slice(logMark).some((entry) => entry.method !== 'OPTIONS' && entry.route.endsWith(route));
    await expect.poll(() => requested('auth_tokens'), { message: 'the login reaches CometChat' }).toBe(true);
    unlock = await holdDatabaseLock(popup.tab.page);
    try {
      // The login's network part ends (PUT me follows the delayed token request), so its commit is queued behind the
      // lock; then the panel reconnects (its delay is at most 2 s) and its first snapshot queues behind that commit.
      await expect.poll(() => requested('me'), { message: 'the login finishes its requests' }).toBe(true);
      await expect.poll(ports.opened, { timeout: 5000, message: 'the panel reconnects while the lock is held' }).toBeGreaterThan(away);
      expect(loginSettled, 'the login had not committed when the panel reconnected').toBe(false);
    } finally {
      await unlock();
      emulator.clearFaults();
    }
    expect(await login).toMatchObject({ ok: true });

    const truth = await readStoredTruth(view.page);
    expect(truth.events.length).toBe(before.events.length + 2);
    await expect
      .poll(() => readPanelViewState(view.page), {
        message: `the panel's timeline after reconnecting (it should list seq ${truth.lastSeq - 1}, the event it missed)`,
      })
      .toMatchObject({ eventCount: truth.events.length, newestSeq: truth.lastSeq });
    await view.close();
  });

  /**
   * A panel fetches the newest 100 events, then the whole log, with `getEvents` when it first renders. With a full
   * log (10,000 events, the product's budget) the second read takes the background a while; a background stopped
   * meanwhile must not leave the panel's timeline without its history once the panel has reconnected.
   * Chromium only: catching the moment the panel sends its second `getEvents` needs a script of the test's running in
   * the panel before the panel's own, which Firefox does not run in a moz-extension page (see request-probe.ts). The
   * panel's code that refetches is the same in both browsers; Firefox's stops cut requests short in the soak above.
   */
  it.runIf(name === 'chromium')(
    'should show the whole persisted timeline in a panel whose fetch of the whole log is cut short by a background stop',
    async () => {
      await fillEventLog(panel.page, EVENT_LANE_CAPS.tester);
      const truth = await readStoredTruth(panel.page);
      const fetched = await drivers.panel.request({ type: 'getEvents' });
      console.log(`${name}-worker-death: getEvents of ${fetched.eventCount} events took ${fetched.ms.toFixed(0)} ms`);
      const calm = await openPanel();
      await expect
        .poll(async () => (await readPanelViewState(calm.page)).eventCount, { message: 'control: a panel opened without a stop' })
        .toBe(truth.events.length);
      await calm.close();

      // The new panel's second getEvents (the whole log) goes out while the test holds the database, so the background
      // cannot answer it before it stops, however fast this machine reads 10,000 events; the lock goes after the stop.
      const armed = await extension.armBackgroundStop();
      let unlock: (() => Promise<void>) | undefined;
      const {
        page: late,
        sent,
        outcome,
        opened,
      } = await openPageWithRequestProbe(extension, 'devtools-panel.html', 'getEvents', {
        nth: 2,
        beforeSend: async () => (unlock = await holdDatabaseLock(panel.page)),
      });
      await sent;
      const stopStarted = performance.now();
      await armed.stop();
      console.log(`${name}-worker-death: background stopped ${(performance.now() - stopStarted).toFixed(0)} ms after the late panel sent getEvents`);
      await armed.dispose();
      await unlock!();
      await opened;
      expect(await outcome, 'the stop landed while getEvents was in flight: its port closed before any reply').toBe('port closed');

      await expect
        .poll(() => readPanelViewState(late), { message: 'the late panel after reconnecting (its timeline should list every stored event)' })
        .toMatchObject({ activeUid: truth.activeUid, eventCount: truth.events.length, newestSeq: truth.lastSeq });
      await late.close();
    },
  );
});
