import type { Fault } from '@/emulator';
import { TEST_USERS } from '@/lib/test-users';
import type { StoredEventRow } from './extension-db';
import type { SeededRandom } from './seeded-random';
import type { SessionModel } from './session-model';

/**
 * The worker-death script: which view sends what, and when the worker is stopped, drawn from a seed alone
 * (never from outcomes), so `E2E_SEED` replays a failing run step for step. Plus the rules that tie a
 * command to the event it may write.
 */

const TEST_UIDS = TEST_USERS.map((user) => user.uid);

export type View = 'popup' | 'panel';
export type Kind = 'login' | 'loginWithAuthToken' | 'switchSession' | 'logout';

/** One command of a step, from one view. */
export interface Command {
  view: View;
  /** `ui`: clicked in the popup, through its own session client; `driver`: sent by the in-page protocol driver. */
  via: 'ui' | 'driver';
  kind: Kind;
  uid: string;
}

/** One scripted step: one command (sometimes a second, concurrent one from the other view) and a worker stop. */
export interface Step {
  index: number;
  commands: Command[];
  /**
   * `before`: the idle worker is stopped, so the command wakes it; `during`: stopped while the step's CometChat
   * request is held by the emulator (`fault`), or, for a command that needs no network, right after sending.
   */
  stop: 'none' | 'before' | 'during';
  /** A delay on the first command's CometChat request: the window a `during` stop is made to land in. */
  fault?: Fault;
}

const FAULT_ROUTES: Record<Kind, Omit<Fault, 'kind'> | undefined> = {
  login: { route: 'auth_tokens', method: 'POST' },
  loginWithAuthToken: { route: 'me', method: 'PUT' },
  logout: { route: 'me', method: 'DELETE' },
  switchSession: undefined, // no network: the stop races the IndexedDB commit itself
};

function writeCommand(random: SeededRandom, view: View, allowUi: boolean): Command {
  const roll = random.next();
  const kind: Kind = roll < 0.3 ? 'login' : roll < 0.5 ? 'loginWithAuthToken' : roll < 0.8 ? 'switchSession' : 'logout';
  const via = allowUi && view === 'popup' && kind !== 'switchSession' && random.chance(0.6) ? 'ui' : 'driver';
  return { view, via, kind, uid: random.pick(TEST_UIDS) };
}

/**
 * One kind of moment the script stops the background at: before or during a step, its first command of `kind` from
 * `view` (clicked or sent), alone or with a second command from the other view at once. A `during` stop of a command
 * that needs CometChat lands while its request is held there; of a switch (no network), right after it was sent.
 */
export interface StopMoment {
  stop: 'before' | 'during';
  kind: Kind;
  view: View;
  via: Command['via'];
  /** With a concurrent second command from the other view. */
  paired: boolean;
}

/**
 * Every kind of moment the script aims at: each command from each view and each way, stopped before and during; and
 * each command stopped before and during while the other view sends one at once (the popup's click, or for a switch
 * the panel's request, first).
 */
export const STOP_MOMENTS: readonly StopMoment[] = (() => {
  const moments: StopMoment[] = [];
  for (const stop of ['before', 'during'] as const) {
    for (const kind of ['login', 'loginWithAuthToken', 'switchSession', 'logout'] as const) {
      for (const [view, via] of [
        ['popup', 'ui'],
        ['popup', 'driver'],
        ['panel', 'driver'],
      ] as const) {
        if (kind === 'switchSession' && via === 'ui') continue; // the popup has no switch button: its tiles log in
        moments.push({ stop, kind, view, via, paired: false });
      }
      moments.push(
        kind === 'switchSession'
          ? { stop, kind, view: 'panel', via: 'driver', paired: true }
          : { stop, kind, view: 'popup', via: 'ui', paired: true },
      );
    }
  }
  return moments;
})();

/** The kind of moment `step` stops at, as `STOP_MOMENTS` names it (null without a stop). */
function stopMomentOf(step: Step): string | null {
  if (step.stop === 'none') return null;
  const { kind, view, via } = step.commands[0]!;
  return describeMoment({ stop: step.stop, kind, view, via, paired: step.commands.length > 1 });
}

function describeMoment({ stop, kind, view, via, paired }: StopMoment): string {
  return `${stop} ${kind} from ${view} (${via})${paired ? ' + another view' : ''}`;
}

/** The kinds of moment (`STOP_MOMENTS`) no step of `steps` stops at: none for a whole script. */
export function missingStopMoments(steps: readonly Step[]): string[] {
  const met = new Set(steps.map(stopMomentOf));
  return STOP_MOMENTS.map(describeMoment).filter((moment) => !met.has(moment));
}

/**
 * The whole script from the seed alone, so a failing run can be replayed step for step. The steps with a stop take
 * their moment from a shuffled deck of `STOP_MOMENTS`, dealt again when it runs out: every `STOP_MOMENTS.length` stops
 * meet each kind of moment once (drawn independently, as before, the rarest kinds took ~145 stops to be met at all); the
 * uids, the second command of a pair and the steps without a stop stay drawn at random.
 */
export function writeScript(random: SeededRandom, targetStops: number): Step[] {
  const steps: Step[] = [];
  const deck: StopMoment[] = [];
  let stops = 0;
  while (stops < targetStops) {
    const stopRoll = random.next();
    let commands: Command[];
    let stop: Step['stop'];
    if (stopRoll < 0.15) {
      stop = 'none';
      const view: View = random.chance(0.5) ? 'popup' : 'panel';
      commands = [writeCommand(random, view, true)];
      // Sometimes the other view sends a command at the same moment: it queues behind the first one.
      if (random.chance(0.2)) commands.push(writeCommand(random, view === 'popup' ? 'panel' : 'popup', false));
    } else {
      if (deck.length === 0) deck.push(...shuffled(random, STOP_MOMENTS));
      const moment = deck.pop()!;
      stop = moment.stop;
      commands = [{ view: moment.view, via: moment.via, kind: moment.kind, uid: random.pick(TEST_UIDS) }];
      if (moment.paired) commands.push(writeCommand(random, moment.view === 'popup' ? 'panel' : 'popup', false));
      stops++;
    }
    // Long enough that a stop armed in advance lands inside it even on a loaded machine; the stop cuts it short.
    const delayMs = random.between(250, 400);
    const route = FAULT_ROUTES[commands[0]!.kind];
    const fault: Fault | undefined = stop === 'during' && route ? { ...route, kind: 'delay', delayMs } : undefined;
    steps.push({ index: steps.length, commands, stop, fault });
  }
  return steps;
}

/** A seeded Fisher–Yates shuffle of `items`. */
function shuffled<T>(random: SeededRandom, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.between(0, i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

export function describeCommand(command: Command): string {
  return `${command.kind}${command.kind === 'logout' ? '' : ` ${command.uid}`} from ${command.view} (${command.via})`;
}

export function describeStep(step: Step): string {
  const stop =
    step.stop === 'none'
      ? ''
      : step.stop === 'before'
        ? ', worker stopped before'
        : step.fault
          ? ', worker stopped while the request is held'
          : ', worker stopped at once';
  const fault = step.fault ? `, ${step.fault.method} ${step.fault.route} +${step.fault.delayMs} ms` : '';
  return `step ${step.index}: ${step.commands.map(describeCommand).join(' + ')}${fault}${stop}`;
}

export const SOURCE: Record<View, string> = { popup: 'popup', panel: 'devtools-panel' };

/** Whether `event` is what `command` would write, given who was active when it ran. */
export function eventFits(command: Command, event: StoredEventRow, activeBefore: string | null): boolean {
  if (event.source !== SOURCE[command.view]) return false;
  switch (command.kind) {
    case 'login':
      // The login rule reuses a session held for the uid (logged as a switch), from the tile and the driver alike.
      return event.type.startsWith('login') && event.uid === command.uid && (event.method === 'authKey' || event.method === 'switch');
    case 'loginWithAuthToken':
      return event.method === 'authToken' && (event.type === 'loginFailure' || event.uid === command.uid);
    case 'switchSession':
      return event.type.startsWith('login') && event.method === 'switch' && event.uid === command.uid;
    case 'logout':
      return event.type.startsWith('logout') && (event.uid ?? null) === activeBefore;
  }
}

/** The only failures a command may end in without a stopped worker: the ones the state it ran in explains. */
export function expectedFailure(command: Command, model: SessionModel): string | null {
  if (command.kind === 'switchSession' && !model.held.has(command.uid)) return 'ERR_SESSION_NOT_HELD';
  if (command.kind === 'logout' && model.active === null) return 'ERR_NOT_LOGGED_IN';
  return null;
}
