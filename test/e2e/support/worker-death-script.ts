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

/** The whole script from the seed alone, so a failing run can be replayed step for step. */
export function writeScript(random: SeededRandom, targetStops: number): Step[] {
  const steps: Step[] = [];
  let stops = 0;
  while (stops < targetStops) {
    const view: View = random.chance(0.5) ? 'popup' : 'panel';
    const commands = [writeCommand(random, view, true)];
    // Sometimes the other view sends a command at the same moment: it queues behind the first one.
    if (random.chance(0.2)) commands.push(writeCommand(random, view === 'popup' ? 'panel' : 'popup', false));
    const stopRoll = random.next();
    const stop = stopRoll < 0.15 ? 'none' : stopRoll < 0.5 ? 'before' : 'during';
    // Long enough that a stop armed in advance lands inside it even on a loaded machine; the stop cuts it short.
    const delayMs = random.between(250, 400);
    const route = FAULT_ROUTES[commands[0]!.kind];
    const fault: Fault | undefined = stop === 'during' && route ? { ...route, kind: 'delay', delayMs } : undefined;
    if (stop !== 'none') stops++;
    steps.push({ index: steps.length, commands, stop, fault });
  }
  return steps;
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
