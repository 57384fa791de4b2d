import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type Fault } from '@/emulator';
import { EVENT_LOG_CAP } from '@/lib/store/schema';
import { TEST_USERS } from '@/lib/test-users';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { countPorts } from './support/port-counter';
import { fillEventLog, holdDatabaseLock, readStoredTruth, sequenceProblems, type StoredTruth } from './support/extension-db';
import { PanelPage, readAllTimelineRows, readPanelViewState } from './support/panel-page';
import { openPageWithRequestProbe } from './support/request-probe';
import { PopupPage, popupSettledActions, readPopupViewState, watchPopupSettledActions } from './support/popup-page';
import { createSeededRandom, seedFromEnvironment } from './support/seeded-random';
import { applyEvent, createSessionModel, heldOf } from './support/session-model';
import { SessionDriver, type DriverCommand, type DriverOutcome } from './support/session-driver';
import {
  describeCommand,
  describeStep,
  eventFits,
  expectedFailure,
  SOURCE,
  writeScript,
  type Command,
  type View,
} from './support/worker-death-script';

const SEED = seedFromEnvironment(0x5eed_2026);
const TARGET_STOPS = 150;
const REQUEST_BOUND_MS = 20_000;
const VIEW_BOUND_MS = 5_000;
const RESTARTED = 'ERR_BACKGROUND_RESTARTED';

describe('worker death in Chromium', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  let panel: PanelPage;
  const drivers = {} as Record<View, SessionDriver>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension();
    popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.currentUser.getByText('No user logged in.').waitFor();
    panel = new PanelPage(await browser.openPage('devtools-panel.html', { width: 1000, height: 900 }));
    drivers.popup = await SessionDriver.install(popup.page, { timeoutMs: REQUEST_BOUND_MS });
    drivers.panel = await SessionDriver.install(panel.page, { timeoutMs: REQUEST_BOUND_MS });
    await watchPopupSettledActions(popup.page);
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  /** Clicks `command` in the popup; the returned function waits (bounded) until the popup's own client settled it. */
  async function clickInPopup(command: Command, label: string): Promise<() => Promise<DriverOutcome>> {
    const settledBefore = await popupSettledActions(popup.page);
    const started = performance.now();
    if (command.kind === 'login') await popup.loginAsTestUser(TEST_USERS.find((user) => user.uid === command.uid)!.name);
    else if (command.kind === 'loginWithAuthToken') await popup.loginWithAuthToken(emulator.createAuthToken(command.uid));
    else await popup.logout();
    return async () => {
      await expect
        .poll(() => popupSettledActions(popup.page), {
          timeout: REQUEST_BOUND_MS,
          message: `${label}: the popup stayed busy (its request never settled)`,
        })
        .toBeGreaterThan(settledBefore);
      const { errorCode } = await readPopupViewState(popup.page);
      const ms = performance.now() - started;
      return errorCode === null ? { ok: true, ms } : { ok: false, code: errorCode, ms };
    };
  }

  /**
   * Waits until CometChat (the emulator) has received the request `fault` delays, i.e. the background is waiting on
   * it, and says so; or until the step's first command settled without making one (a held tile switches, a logout
   * with nobody logged in is refused), and says that instead.
   */
  async function requestReachedServer(fault: Fault, logMark: number, firstSettled: () => Promise<boolean>, label: string): Promise<boolean> {
    const deadline = performance.now() + REQUEST_BOUND_MS;
    const matches = (entry: { method: string; route: string }) => entry.method === fault.method && entry.route.endsWith(fault.route);
    for (;;) {
      if (emulator.requestLog.slice(logMark).some(matches)) return true;
      if (await firstSettled()) return emulator.requestLog.slice(logMark).some(matches);
      if (performance.now() > deadline) throw new Error(`${label}: neither a ${fault.method} ${fault.route} request nor a settled command`);
      await sleep(2); // polling interval only: the request's delay is what holds the window open
    }
  }

  function send(command: Command, onSettled: () => void = () => undefined): () => Promise<DriverOutcome> {
    const request: DriverCommand =
      command.kind === 'logout'
        ? { type: 'logout' }
        : command.kind === 'loginWithAuthToken'
          ? { type: 'loginWithAuthToken', authToken: emulator.createAuthToken(command.uid) }
          : { type: command.kind, uid: command.uid };
    const pending = drivers[command.view].request(request);
    pending.then(onSettled, onSettled); // awaited after the stop; a rejection before then is not "unhandled"
    return () => pending;
  }

  it('should keep stored sessions exact, settle every request, and show the truth in both views while the worker is stopped at random moments', async () => {
    const steps = writeScript(createSeededRandom(SEED), TARGET_STOPS);
    console.log(`worker-death: seed ${SEED} (replay with E2E_SEED=${SEED}), ${steps.length} steps`);
    const model = createSessionModel();
    const plannedStops = steps.filter((step) => step.stop !== 'none').length;
    expect(plannedStops, 'stops the script plans').toBe(TARGET_STOPS);
    const stats = { steps: 0, stops: 0, commands: 0, ui: 0, uiRestarted: 0, ok: 0, failed: 0, restartedCommitted: 0, restartedLost: 0 };
    // How each `during` stop met its step: a request held at CometChat (made certain), or a command with no network.
    const during = { held: 0, settledWithoutRequest: 0, immediate: 0, immediateCutShort: 0 };
    const times = { stop: [] as number[], settle: [] as number[], views: [] as number[] };
    const stopWorker = async () => {
      const started = performance.now();
      await browser.stopServiceWorker();
      times.stop.push(performance.now() - started);
      stats.stops++;
    };
    let truth: StoredTruth = await readStoredTruth(panel.page);
    let seenSeq = truth.lastSeq;
    let timelineGap: string | null = null;
    const startedAt = performance.now();

    try {
      for (const step of steps) {
        stats.steps++;
        const label = describeStep(step);
        if (step.stop === 'before') await stopWorker();
        if (step.fault) emulator.setFault(step.fault);
        // Armed before acting, so the stop lands within milliseconds of the moment chosen below.
        const armed = step.stop === 'during' ? await browser.armServiceWorkerStop() : null;
        const logMark = emulator.requestLog.length;
        const settledBefore = await popupSettledActions(popup.page);
        const driverSettled: boolean[] = [];

        // Act: the first command (a UI logout needs someone to log out, else the driver sends it), then the second at once.
        const settles: Array<() => Promise<DriverOutcome>> = [];
        for (const command of step.commands) {
          if (command.via === 'ui' && (command.kind !== 'logout' || model.active !== null)) {
            stats.ui++;
            settles.push(await clickInPopup(command, label));
          } else {
            command.via = 'driver';
            const index = settles.length;
            settles.push(send(command, () => (driverSettled[index] = true)));
          }
        }
        let heldAtStop = false;
        if (armed) {
          const first = step.commands[0]!;
          const firstSettled = async () => (first.via === 'ui' ? (await popupSettledActions(popup.page)) > settledBefore : driverSettled[0] === true);
          heldAtStop = step.fault ? await requestReachedServer(step.fault, logMark, firstSettled, label) : false;
          const started = performance.now();
          await armed.stop();
          times.stop.push(performance.now() - started);
          stats.stops++;
          await armed.dispose();
        }
        const outcomes = await Promise.all(settles.map((settle) => settle()));
        if (armed) {
          const cutShort = outcomes.some((outcome) => outcome.code === RESTARTED);
          if (heldAtStop) {
            // The worker stopped while CometChat held the reply: the race happened, so some request must have been cut short.
            expect(cutShort, `${label}: the worker stopped while a request was held at CometChat, yet every request settled normally`).toBe(true);
            during.held++;
          } else if (step.fault) during.settledWithoutRequest++;
          else {
            during.immediate++;
            if (cutShort) during.immediateCutShort++;
          }
        }
        emulator.clearFaults();
        stats.commands += outcomes.length;
        outcomes.forEach((outcome, index) => {
          if (step.commands[index]!.via === 'ui' && outcome.code === RESTARTED) stats.uiRestarted++;
        });
        for (const outcome of outcomes) {
          expect(outcome.timedOut, `${label}: a request did not settle within ${REQUEST_BOUND_MS} ms`).toBeFalsy();
          times.settle.push(outcome.ms);
        }

        // The background answers again (a stopped worker restarts) and agrees with what is stored.
        const snapshots = await Promise.all([drivers.popup.request({ type: 'getSnapshot' }), drivers.panel.request({ type: 'getSnapshot' })]);
        truth = await readStoredTruth(panel.page);
        for (const snapshot of snapshots) {
          expect(snapshot.ok, `${label}: getSnapshot after the step failed with ${snapshot.code}`).toBe(true);
          expect(snapshot.snapshot, `${label}: the background's snapshot disagrees with IndexedDB`).toMatchObject({
            activeUid: truth.activeUid,
            heldUids: truth.heldUids,
          });
        }

        // Each command wrote at most one event, in the order the background ran them. A command whose
        // request ended with ERR_BACKGROUND_RESTARTED may or may not have committed: its event says which.
        const written = truth.events.filter((event) => event.seq > seenSeq);
        seenSeq = truth.lastSeq;
        const unaccounted = new Set(step.commands.keys());
        for (const event of written) {
          const index = [...unaccounted].find((candidate) => SOURCE[step.commands[candidate]!.view] === event.source);
          expect(index, `${label}: wrote an event no command of this step explains: ${JSON.stringify(event)}`).toBeDefined();
          unaccounted.delete(index!);
          const command = step.commands[index!]!;
          const outcome = outcomes[index!]!;
          expect(eventFits(command, event, model.active), `${label}: ${describeCommand(command)} logged ${JSON.stringify(event)}`).toBe(true);
          if (outcome.ok) {
            stats.ok++;
            expect(event.type, `${label}: ${describeCommand(command)} resolved but logged ${JSON.stringify(event)}`).toMatch(/Success$/);
          } else if (outcome.code === RESTARTED) {
            stats.restartedCommitted++;
          } else {
            stats.failed++;
            expect(outcome.code, `${label}: ${describeCommand(command)} failed though no worker stop explains it`).toBe(
              expectedFailure(command, model),
            );
            expect(event.errorCode, `${label}: the logged failure differs from the reply`).toBe(outcome.code);
          }
          expect(applyEvent(model, event), label).toBeNull();
        }
        for (const index of unaccounted) {
          expect(
            outcomes[index]!.code,
            `${label}: ${describeCommand(step.commands[index]!)} settled ${JSON.stringify(outcomes[index])} but logged nothing`,
          ).toBe(RESTARTED);
          stats.restartedLost++;
        }

        // Storage: exactly the sessions whose logins succeeded and were not logged out; the log without gaps.
        expect(truth.damagedSessions, `${label}: damaged session records`).toEqual([]);
        expect(truth.heldUids, `${label}: stored sessions`).toEqual(heldOf(model));
        expect(truth.activeUid, `${label}: stored active uid`).toBe(model.active);
        expect(sequenceProblems(truth.events, truth.lastSeq), `${label}: event log`).toEqual([]);

        // Views: both reconnected and show the stored truth; the panel's timeline has the newest event.
        const viewStarted = performance.now();
        await expect
          .poll(
            async () => {
              const { activeUid, heldUids, newestSeq } = await readPanelViewState(panel.page);
              return { activeUid, heldUids, newestSeq };
            },
            { timeout: VIEW_BOUND_MS, message: `${label}: the panel does not show the stored state` },
          )
          .toEqual({ activeUid: truth.activeUid, heldUids: truth.heldUids, newestSeq: truth.events.at(-1)?.seq ?? null });
        await expect
          .poll(
            async () => {
              const { activeUid, heldTestUids } = await readPopupViewState(popup.page);
              return { activeUid, heldUids: heldTestUids };
            },
            { timeout: VIEW_BOUND_MS, message: `${label}: the popup does not show the stored state` },
          )
          .toEqual({ activeUid: truth.activeUid, heldUids: truth.heldUids });
        times.views.push(performance.now() - viewStarted);
        // ... and every older one: the events it missed while the worker was down were replayed to it. A gap stays
        // for good, so it is reported once, at the end, and the script goes on to check everything else.
        if (
          !timelineGap &&
          !(await eventually(async () => (await readPanelViewState(panel.page)).eventCount === truth.events.length, VIEW_BOUND_MS))
        ) {
          const shown = new Set((await readAllTimelineRows(panel.page)).map((row) => row.seq));
          timelineGap = `${label}: the panel's timeline lacks ${JSON.stringify(truth.events.filter((event) => !shown.has(event.seq)))}`;
        }
      }
    } finally {
      const totalS = (performance.now() - startedAt) / 1000;
      console.log(
        `worker-death: ${stats.stops} stop cycles, ${stats.steps} steps, ${stats.commands} commands (${stats.ui} clicked in the popup, ${stats.uiRestarted} of them cut short) in ${totalS.toFixed(1)} s; ` +
          `stops during a step: ${during.held} with the request held at CometChat, ${during.settledWithoutRequest} whose command needed no request, ` +
          `${during.immediate} right after a command without network (${during.immediateCutShort} cut it short); ` +
          `ok ${stats.ok}, failed ${stats.failed}, ${RESTARTED} ${stats.restartedCommitted + stats.restartedLost} (${stats.restartedCommitted} had committed); ` +
          `stop ${summary(times.stop)}; settle ${summary(times.settle)}; views caught up ${summary(times.views)}; ` +
          `final: ${truth.heldUids.length} held, active ${truth.activeUid}, ${truth.events.length} events`,
      );
    }
    expect(stats.stops, 'worker stops carried out').toBe(plannedStops);
    expect(timelineGap, 'every event replayed to the panel').toBeNull();
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
    const view = await browser.openPage('devtools-panel.html', { width: 1000, height: 900 });
    const before = await readStoredTruth(view);
    await expect.poll(async () => (await readPanelViewState(view)).eventCount).toBe(before.events.length);

    // The panel's client misses snapshots while the database is locked, so its reconnect delay grows: each stop
    // below cuts a port the panel has just reopened (counted), until the delay reaches its 2 s cap.
    const ports = await countPorts(view);
    let restops = 0;
    // A stop that lands while the worker is still starting for the panel's new port can leave that port open, handed
    // to the next worker (seen once in CI, under load); the panel is then not away. Such a stop is repeated until
    // the port is cut, and counted; the panel's own behaviour is asserted after every cut.
    // (The panel's first port predates the counting: a port opened since also shows that it was cut.)
    const cutPanelPort = async () => {
      const [opened, closed] = [await ports.opened(), await ports.closed()];
      const cut = async () => (await ports.closed()) > closed || (await ports.opened()) > opened;
      for (let attempt = 1; ; attempt++) {
        await browser.stopServiceWorker();
        if (await eventually(cut, 1000)) return;
        if (attempt === 3) throw new Error('three worker stops in a row left the panel connected');
        restops += 1;
      }
    };
    let unlock = await holdDatabaseLock(popup.page);
    try {
      for (let stop = 0; stop < 7; stop++) {
        const opened = await ports.opened();
        await cutPanelPort();
        await expect.poll(ports.opened, { timeout: 5000, message: `the panel reconnects after stop ${stop + 1}` }).toBeGreaterThan(opened);
        await expect.poll(() => browser.isServiceWorkerRunning(), { timeout: 5000 }).toBe(true);
      }
      await cutPanelPort();
    } finally {
      await unlock();
    }
    if (restops > 0) console.log(`worker-death: ${restops} stop(s) repeated because the panel's port survived them`);
    const away = await ports.opened();
    // While the panel is away: one event it misses, then a login whose commit waits behind a new lock.
    const missed = await drivers.popup.request({ type: 'switchSession', uid: 'never-held' });
    expect(missed.code).toBe('ERR_SESSION_NOT_HELD');
    expect(await ports.opened(), 'the panel was still away when the missed event was committed').toBe(away);
    emulator.setFault({ route: 'auth_tokens', method: 'POST', kind: 'delay', delayMs: 300 });
    const logMark = emulator.requestLog.length;
    let loginSettled = false;
    const login = drivers.popup.request({ type: 'login', uid: 'cometchat-uid-4' });
    login.then(() => (loginSettled = true));
    const requested = (route: string) =>
      emulator.requestLog.slice(logMark).some((entry) => entry.method !== 'OPTIONS' && entry.route.endsWith(route));
    await expect.poll(() => requested('auth_tokens'), { message: 'the login reaches CometChat' }).toBe(true);
    unlock = await holdDatabaseLock(popup.page);
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

    const truth = await readStoredTruth(view);
    expect(truth.events.length).toBe(before.events.length + 2);
    await expect
      .poll(() => readPanelViewState(view), {
        message: `the panel's timeline after reconnecting (it should list seq ${truth.lastSeq - 1}, the event it missed)`,
      })
      .toMatchObject({ eventCount: truth.events.length, newestSeq: truth.lastSeq });
    await view.close();
  });

  /**
   * A panel fetches the newest 100 events, then the whole log, with `getEvents` when it first renders. With a full
   * log (10,000 events, the product's budget) the second read takes the worker a while; a worker stopped meanwhile
   * must not leave the panel's timeline without its history once the panel has reconnected.
   */
  it('should show the whole persisted timeline in a panel whose fetch of the whole log is cut short by a worker stop', async () => {
    await fillEventLog(panel.page, EVENT_LOG_CAP);
    const truth = await readStoredTruth(panel.page);
    const fetched = await drivers.panel.request({ type: 'getEvents' });
    console.log(`worker-death: getEvents of ${fetched.eventCount} events took ${fetched.ms.toFixed(0)} ms`);
    const calm = await browser.openPage('devtools-panel.html', { width: 1000, height: 900 });
    await expect
      .poll(async () => (await readPanelViewState(calm)).eventCount, { message: 'control: a panel opened without a stop' })
      .toBe(truth.events.length);
    await calm.close();

    // The worker stops right after the new panel asked for the whole log (its second getEvents), before the answer can arrive.
    const armed = await browser.armServiceWorkerStop();
    const {
      page: late,
      sent,
      outcome,
      opened,
    } = await openPageWithRequestProbe(browser.context, `chrome-extension://${browser.extensionId}/devtools-panel.html`, 'getEvents', { nth: 2 });
    await sent;
    const stopStarted = performance.now();
    await armed.stop();
    console.log(`worker-death: worker stopped ${(performance.now() - stopStarted).toFixed(0)} ms after the late panel sent getEvents`);
    await armed.dispose();
    await opened;
    expect(await outcome, 'the stop landed while getEvents was in flight: its port closed before any reply').toBe('port closed');

    await expect
      .poll(() => readPanelViewState(late), { message: 'the late panel after reconnecting (its timeline should list every stored event)' })
      .toMatchObject({ activeUid: truth.activeUid, eventCount: truth.events.length, newestSeq: truth.lastSeq });
    await late.close();
  });
});

/** Polls `check` every 25 ms until it holds (true) or `timeoutMs` pass (false). */
async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

function summary(values: number[]): string {
  if (values.length === 0) return 'n/a';
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0);
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`;
}
