import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { Emulator, Fault } from '@/emulator';
import { TEST_USERS } from '@/lib/test-users';
import type { AnyPage } from './any-page';
import { readStoredTruth, sequenceProblems, type StoredTruth } from './extension-db';
import { readAllTimelineRows, readPanelViewState } from './panel-page';
import type { Popup } from './popup';
import { popupSettledActions, readPopupViewState } from './popup-page';
import { createSeededRandom } from './seeded-random';
import { applyEvent, createSessionModel, heldOf } from './session-model';
import type { DriverCommand, DriverOutcome, SessionDriver } from './session-driver';
import {
  describeCommand,
  describeStep,
  eventFits,
  expectedFailure,
  missingStopMoments,
  SOURCE,
  writeScript,
  type Command,
  type View,
} from './worker-death-script';

const RESTARTED = 'ERR_BACKGROUND_RESTARTED';

/** One browser with the extension, as the soak drives it: its two views, their protocol drivers, and its background. */
export interface SoakHarness {
  /** Prefix of the soak's log lines, e.g. `worker-death`. */
  name: string;
  emulator: Emulator;
  /** The popup whose buttons the script clicks (support/popup.ts, either browser). */
  popup: Popup;
  /** The devtools panel, open as a page (it reads the database and shows the timeline). */
  panelPage: AnyPage;
  drivers: Record<View, SessionDriver>;
  /** Stops the background the way the browser does (Chromium's idle worker, Firefox's idle event page) and waits until it is gone. */
  stopBackground: () => Promise<void>;
  /** Prepares a stop ahead of time, so `stop()` lands within milliseconds of the call. */
  armStop: () => Promise<{ stop(): Promise<void>; dispose(): Promise<void> }>;
}

export interface SoakOptions {
  seed: number;
  /** Stops the script plans (before a step, or during one). */
  targetStops: number;
  /** Every request settles within this. */
  requestBoundMs: number;
  /** Both views show the stored truth within this after a step. */
  viewBoundMs: number;
}

/**
 * The worker-death soak: a seeded random script of commands from both views (clicked in the popup or sent by the
 * in-page drivers), the background stopped before steps and while their requests are held at CometChat. After every
 * step: every request settled, the stored sessions are exactly the model's, the event log has no gap and explains
 * every outcome, the background agrees with storage, and both views show the truth, the panel's timeline every event.
 */
export async function runWorkerDeathSoak(
  { name, emulator, popup, panelPage, drivers, stopBackground, armStop }: SoakHarness,
  { seed, targetStops, requestBoundMs: REQUEST_BOUND_MS, viewBoundMs: VIEW_BOUND_MS }: SoakOptions,
): Promise<void> {
  const popupPage = popup.tab.page;
  /** Clicks `command` in the popup; the returned function waits (bounded) until the popup's own client settled it. */
  async function clickInPopup(command: Command, label: string): Promise<() => Promise<DriverOutcome>> {
    const settledBefore = await popupSettledActions(popupPage);
    const started = performance.now();
    if (command.kind === 'login') await popup.loginAsTestUser(TEST_USERS.find((user) => user.uid === command.uid)!.name, command.uid);
    else if (command.kind === 'loginWithAuthToken') await popup.loginWithAuthToken(emulator.createAuthToken(command.uid));
    else await popup.logout();
    return async () => {
      await expect
        .poll(() => popupSettledActions(popupPage), {
          timeout: REQUEST_BOUND_MS,
          message: `${label}: the popup stayed busy (its request never settled)`,
        })
        .toBeGreaterThan(settledBefore);
      const { errorCode } = await readPopupViewState(popupPage);
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

  const steps = writeScript(createSeededRandom(seed), targetStops);
  console.log(`${name}: seed ${seed} (replay with E2E_SEED=${seed}), ${steps.length} steps`);
  const model = createSessionModel();
  const plannedStops = steps.filter((step) => step.stop !== 'none').length;
  expect(plannedStops, 'stops the script plans').toBe(targetStops);
  expect(missingStopMoments(steps), 'kinds of moment (worker-death-script.ts, STOP_MOMENTS) the script never stops at').toEqual([]);
  const stats = { steps: 0, stops: 0, commands: 0, ui: 0, uiRestarted: 0, ok: 0, failed: 0, restartedCommitted: 0, restartedLost: 0 };
  // How each `during` stop met its step: a request held at CometChat (made certain), or a command with no network.
  const during = { held: 0, settledWithoutRequest: 0, immediate: 0, immediateCutShort: 0 };
  /** The CometChat requests ("POST auth_tokens") a stop landed in while they were held. */
  const heldRequests = new Set<string>();
  const times = { stop: [] as number[], settle: [] as number[], views: [] as number[] };
  const stopWorker = async () => {
    const started = performance.now();
    await stopBackground();
    times.stop.push(performance.now() - started);
    stats.stops++;
  };
  let truth: StoredTruth = await readStoredTruth(panelPage);
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
      const armed = step.stop === 'during' ? await armStop() : null;
      const logMark = emulator.requestLog.length;
      const settledBefore = await popupSettledActions(popupPage);
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
        const firstSettled = async () => (first.via === 'ui' ? (await popupSettledActions(popupPage)) > settledBefore : driverSettled[0] === true);
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
          heldRequests.add(`${step.fault!.method} ${step.fault!.route}`);
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
      truth = await readStoredTruth(panelPage);
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
            const { activeUid, heldUids, newestSeq } = await readPanelViewState(panelPage);
            return { activeUid, heldUids, newestSeq };
          },
          { timeout: VIEW_BOUND_MS, message: `${label}: the panel does not show the stored state` },
        )
        .toEqual({ activeUid: truth.activeUid, heldUids: truth.heldUids, newestSeq: truth.events.at(-1)?.seq ?? null });
      await expect
        .poll(
          async () => {
            const { activeUid, heldTestUids } = await readPopupViewState(popupPage);
            return { activeUid, heldUids: heldTestUids };
          },
          { timeout: VIEW_BOUND_MS, message: `${label}: the popup does not show the stored state` },
        )
        .toEqual({ activeUid: truth.activeUid, heldUids: truth.heldUids });
      times.views.push(performance.now() - viewStarted);
      // ... and every older one: the events it missed while the worker was down were replayed to it. A gap stays
      // for good, so it is reported once, at the end, and the script goes on to check everything else.
      if (!timelineGap && !(await eventually(async () => (await readPanelViewState(panelPage)).eventCount === truth.events.length, VIEW_BOUND_MS))) {
        const shown = new Set((await readAllTimelineRows(panelPage)).map((row) => row.seq));
        timelineGap = `${label}: the panel's timeline lacks ${JSON.stringify(truth.events.filter((event) => !shown.has(event.seq)))}`;
      }
    }
  } finally {
    const totalS = (performance.now() - startedAt) / 1000;
    console.log(
      `${name}: ${stats.stops} stop cycles, ${stats.steps} steps, ${stats.commands} commands (${stats.ui} clicked in the popup, ${stats.uiRestarted} of them cut short) in ${totalS.toFixed(1)} s; ` +
        `stops during a step: ${during.held} with the request held at CometChat, ${during.settledWithoutRequest} whose command needed no request, ` +
        `${during.immediate} right after a command without network (${during.immediateCutShort} cut it short); ` +
        `ok ${stats.ok}, failed ${stats.failed}, ${RESTARTED} ${stats.restartedCommitted + stats.restartedLost} (${stats.restartedCommitted} had committed); ` +
        `stop ${summary(times.stop)}; settle ${summary(times.settle)}; views caught up ${summary(times.views)}; ` +
        `final: ${truth.heldUids.length} held, active ${truth.activeUid}, ${truth.events.length} events`,
    );
  }
  expect(stats.stops, 'worker stops carried out').toBe(plannedStops);
  // Made certain by the script for the moments; the state each met (someone to log out, a uid not yet held) is chance.
  expect([...heldRequests].sort(), 'the CometChat requests a stop landed in while they were held').toEqual([
    'DELETE me',
    'POST auth_tokens',
    'PUT me',
  ]);
  expect(during.immediate, 'stops right after a switch (no network) was sent').toBeGreaterThan(0);
  expect(timelineGap, 'every event replayed to the panel').toBeNull();
}

/** Polls `check` every 25 ms until it holds (true) or `timeoutMs` pass (false). */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
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
