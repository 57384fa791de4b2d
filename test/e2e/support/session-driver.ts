import { SESSION_PORT } from '@/lib/protocol';
import { evaluateIn, type AnyPage } from './any-page';

/**
 * The commands the reliability suites send, in the protocol's own shape (`lib/protocol.ts`), but `getSnapshot`:
 * the background's state now, asked as a `subscribe` that names no last event (so nothing is replayed).
 */
export type DriverCommand =
  | { type: 'login'; uid: string; fresh?: boolean }
  | { type: 'loginWithAuthToken'; authToken: string }
  | { type: 'switchSession'; uid: string }
  | { type: 'logout' }
  | { type: 'getSnapshot' }
  | { type: 'getEvents' };

/** How one request ended, as the view saw it. */
export interface DriverOutcome {
  ok: boolean;
  /** The CometChat error code when `ok` is false (`ERR_BACKGROUND_RESTARTED` when the port died first). */
  code?: string;
  /** For login-shaped commands: the uid of the user the background answered with. */
  uid?: string;
  /** For `getSnapshot`: the background's own view of the active uid and held sessions. */
  snapshot?: { revision: number; activeUid: string | null; heldUids: string[] };
  /** For `getEvents`: how many events the background returned. */
  eventCount?: number;
  /** Milliseconds from send to settle, measured in the page. */
  ms: number;
  /** True when nothing settled the request within the bound: a hang. */
  timedOut?: boolean;
}

/** An auth event as it arrived on a driver's port, in arrival order. */
export interface ObservedAuthEvent {
  seq: number;
  type: string;
  uid?: string;
  source: string;
}

/** One command of a burst, sent `atMs` after the burst's shared start time without awaiting any reply. */
export interface TimedCommand {
  index: number;
  atMs: number;
  command: DriverCommand;
}

interface InPageDriver {
  request(command: DriverCommand): Promise<DriverOutcome>;
  observed: ObservedAuthEvent[];
  portClosed(boundMs: number): Promise<boolean>;
}

type DriverWindow = Window & { __sessionDriver?: InPageDriver };

/**
 * A small protocol driver living inside an extension page (popup or panel). It opens its own `SESSION`
 * port from that page, so the background sees the same sender (`source` is `popup` / `devtools-panel`) as the
 * view's own client, and it follows the contract of `lib/session-client.ts`: when the port dies, every
 * request sent on it settles with `ERR_BACKGROUND_RESTARTED`, and the next request opens a new port (which
 * wakes a stopped worker). It also records every auth event its port receives, in arrival order.
 *
 * Why not only the UI: a view's UI runs one action at a time (buttons are disabled while busy), so it can
 * neither fire commands concurrently nor report exactly when and how each request settled. The UI is still
 * driven for part of the worker-death script (see `PopupPage`).
 */
export class SessionDriver {
  private constructor(
    readonly page: AnyPage,
    private readonly timeoutMs: number,
  ) {}

  /** Installs the driver in `page` (once) and connects its port. `timeoutMs` bounds every request. */
  static async install(page: AnyPage, { timeoutMs = 20_000 } = {}): Promise<SessionDriver> {
    await evaluateIn(
      page,
      ({ portName, boundMs }) => {
        const target = window as DriverWindow;
        if (target.__sessionDriver) return;
        type Runtime = {
          connect(info: { name: string }): RuntimePort;
          lastError?: unknown;
        };
        type RuntimePort = {
          postMessage(message: unknown): void;
          onMessage: { addListener(listener: (message: any) => void): void };
          onDisconnect: { addListener(listener: () => void): void };
        };
        const runtime = (globalThis as unknown as { chrome: { runtime: Runtime } }).chrome.runtime;
        type Settle = (result: { ok: boolean; value?: any; error?: { code: string } }) => void;
        const pending = new Map<number, { port: RuntimePort; settle: Settle }>();
        const observed: ObservedAuthEvent[] = [];
        let port: RuntimePort | null = null;
        let nextId = 1;
        const closeWaiters = new Set<() => void>();

        // What a view last heard, for its subscription after a reconnect (see `subscribe` in lib/protocol.ts).
        let lastSeq: number | null = null;
        let epoch: string | null = null;
        const hear = (event: ObservedAuthEvent) => {
          if (lastSeq !== null && event.seq <= lastSeq) return;
          lastSeq = event.seq;
          observed.push(event);
        };

        const connect = (): RuntimePort => {
          const current = runtime.connect({ name: portName });
          const subscriptionId = nextId++;
          current.onMessage.addListener((message) => {
            if (message?.kind === 'response' && message.id === subscriptionId) {
              if (!message.result.ok) return;
              const { snapshot, missed } = message.result.value;
              if (lastSeq !== null && snapshot.epoch === epoch) {
                for (const { seq, type, uid, source } of missed) hear({ seq, type, uid, source });
              }
              epoch = snapshot.epoch;
              lastSeq = Math.max(lastSeq ?? 0, snapshot.lastSeq);
            } else if (message?.kind === 'response') {
              const waiter = pending.get(message.id);
              pending.delete(message.id);
              waiter?.settle(message.result);
            } else if (message?.kind === 'event' && (message.event?.type === 'authEvent' || message.event?.event)) {
              // On its own (an app's own login) or with the state its change made (a command's).
              const { seq, type, uid, source } = message.event.event;
              hear({ seq, type, uid, source });
            }
          });
          current.onDisconnect.addListener(() => {
            void runtime.lastError; // read, so Chromium does not log it as unchecked
            if (port === current) port = null;
            for (const wake of closeWaiters) wake();
            for (const [id, waiter] of pending) {
              if (waiter.port !== current) continue;
              pending.delete(id);
              waiter.settle({ ok: false, error: { code: 'ERR_BACKGROUND_RESTARTED' } });
            }
          });
          current.postMessage({ kind: 'request', id: subscriptionId, request: { type: 'subscribe', afterSeq: lastSeq, epoch } });
          port = current;
          return current;
        };

        const summarize = (command: DriverCommand, value: any) => {
          if (command.type === 'getSnapshot') {
            const { snapshot } = value;
            return {
              snapshot: {
                revision: snapshot.revision,
                activeUid: snapshot.active?.uid ?? null,
                heldUids: snapshot.sessions.map((session: { uid: string }) => session.uid).sort(),
              },
            };
          }
          if (command.type === 'getEvents') return { eventCount: (value as unknown[]).length };
          return value && typeof value === 'object' && 'uid' in value ? { uid: value.uid as string } : {};
        };

        target.__sessionDriver = {
          observed,
          portClosed(bound) {
            const open = port;
            if (!open) return Promise.resolve(true);
            return new Promise<boolean>((resolve) => {
              const done = (closed: boolean) => {
                clearTimeout(timer);
                closeWaiters.delete(wake);
                resolve(closed);
              };
              const wake = () => port !== open && done(true);
              const timer = setTimeout(() => done(false), bound);
              closeWaiters.add(wake);
            });
          },
          request(command) {
            const started = performance.now();
            const id = nextId++;
            return new Promise<DriverOutcome>((resolve) => {
              const timer = setTimeout(() => {
                pending.delete(id);
                resolve({ ok: false, timedOut: true, ms: performance.now() - started });
              }, boundMs);
              const settle: Settle = (result) => {
                clearTimeout(timer);
                const ms = performance.now() - started;
                resolve(result.ok ? { ok: true, ms, ...summarize(command, result.value) } : { ok: false, code: result.error?.code, ms });
              };
              try {
                const current = port ?? connect();
                pending.set(id, { port: current, settle });
                const request = command.type === 'getSnapshot' ? { type: 'subscribe', afterSeq: null, epoch: null } : command;
                current.postMessage({ kind: 'request', id, request });
              } catch {
                // Posting on a port that died a moment ago throws: the same outcome as a disconnect.
                pending.delete(id);
                settle({ ok: false, error: { code: 'ERR_BACKGROUND_RESTARTED' } });
              }
            });
          },
        };
        connect();
      },
      { portName: SESSION_PORT, boundMs: timeoutMs },
    );
    return new SessionDriver(page, timeoutMs);
  }

  /** Sends one command and waits for it to settle (never longer than the bound, then `timedOut`). */
  async request(command: DriverCommand): Promise<DriverOutcome> {
    return this.withNodeBound(evaluateIn(this.page, (sent) => (window as DriverWindow).__sessionDriver!.request(sent), command));
  }

  /**
   * Sends every command at its `atMs` offset from the wall-clock `startAt` (shared by all pages, so two
   * pages interleave), never waiting for a reply before sending the next; resolves with all outcomes.
   */
  async burst(commands: readonly TimedCommand[], startAt: number): Promise<Array<{ index: number; outcome: DriverOutcome }>> {
    return this.withNodeBound(
      evaluateIn(
        this.page,
        ({ timed, start }) => {
          const driver = (window as DriverWindow).__sessionDriver!;
          return Promise.all(
            timed.map(
              ({ index, atMs, command }) =>
                new Promise<{ index: number; outcome: DriverOutcome }>((resolve) => {
                  setTimeout(
                    () => void driver.request(command).then((outcome) => resolve({ index, outcome })),
                    Math.max(0, start + atMs - Date.now()),
                  );
                }),
            ),
          );
        },
        { timed: commands as TimedCommand[], start: startAt },
      ),
      commands.reduce((latest, { atMs }) => Math.max(latest, atMs), 0),
    );
  }

  /**
   * Waits until the port this driver has open now (if any) is closed, as it must be once the background was stopped:
   * a request sent before the view has heard of the stop would go down the dead port. False after `boundMs`.
   */
  async portClosed(boundMs = 5000): Promise<boolean> {
    return this.withNodeBound(evaluateIn(this.page, (bound) => (window as DriverWindow).__sessionDriver!.portClosed(bound), boundMs));
  }

  /** Auth events this page's port received so far, in arrival order. */
  async observedAuthEvents(): Promise<ObservedAuthEvent[]> {
    return evaluateIn(this.page, () => [...(window as DriverWindow).__sessionDriver!.observed]);
  }

  /** The in-page bound should always fire first; this one catches a page that stopped answering at all. */
  private withNodeBound<T>(evaluation: Promise<T>, extraMs = 0): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`The page did not report within ${this.timeoutMs + extraMs + 5000} ms`)),
        this.timeoutMs + extraMs + 5000,
      );
    });
    return Promise.race([evaluation, bound]).finally(() => clearTimeout(timer));
  }
}
