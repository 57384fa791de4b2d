import { ERROR_CODES } from '../cometchat/error-codes';
import { sanitizeError } from '../redact';
import type { CometChatClient } from '../cometchat/client';
import { CometChatException, toCometChatError, type CometChatError } from '../cometchat/exception';
import type { AppEndpoint } from '../cometchat/hosts';
import type { AuthEvent, Result, Snapshot, Subscription, TabState, ViewEvent } from '../protocol';
import { createSerialQueue } from '../serial-queue';
import { isOwnLogin, type EventDraft } from '../store/events';
import type { StoredPinnedTab, StoredProfile, StoredSession } from '../store/schema';
import { readState, type StoredState } from '../store/state';
import type { Repositories, Store } from '../store/transaction';
import { toSnapshot } from './snapshot';

export interface BackgroundDeps {
  store: Store;
  createClient: (endpoint: AppEndpoint) => CometChatClient;
  /**
   * Broadcasts to every subscribed view, the events together in one message when there are several; called only after
   * the change has committed, or (a tab's state, see `tell`) once it holds in memory.
   */
  emit: (...events: ViewEvent[]) => void;
  /** Also told every new snapshot (the toolbar badge). */
  onSnapshot?: (snapshot: Snapshot) => void;
  now?: () => number;
  newId?: () => string;
  /**
   * What a commit that told the views its state before its write (see `Commit`) waits for before it writes: by default
   * `VIEWS_FIRST_MS` (tests may pass their own).
   */
  viewsFirst?: () => Promise<void>;
}

/**
 * How long a commit that told the views its state first waits before it writes: long enough for the views to show it
 * (the message's hops and their renders, ~1.5–2.5 ms of a held switch here). Begun at once, the write's work (its
 * JavaScript in the worker, IndexedDB's in the browser) took the CPU from them on a 2-core machine: a held switch's
 * views showed the user at 1.5–1.7× its floor, 1.2–1.4× with the write 4 ms later (docs/benchmark.md, nineteenth
 * session). What waits is only what follows the write (the log's entry, the answer), a few milliseconds later.
 */
const VIEWS_FIRST_MS = 4;

/** What a write did: its result, and the auth event to log with it. */
export interface Change<T> {
  value: T;
  event?: EventDraft;
  /** The write emptied the event log. */
  clearedLog?: boolean;
}

/**
 * A change of no state the snapshot shows: an event to log (or none), and what to write with it. Neither changes what
 * `StoredState` holds (an app's own doings, a tab's state) but the log's last number, and its transaction the revision:
 * the state read before a note stays true after it, with those moved (see `writeNotes`).
 */
export interface Note {
  draft?: EventDraft;
  write?(repositories: Repositories): Promise<void>;
}

/** A write as committed: its result and the event as numbered in the log. */
export interface Committed<T> {
  value: T;
  event?: AuthEvent;
}

/**
 * Writes `write` in one IndexedDB transaction (with its event appended and the new state read in it),
 * and only once that has committed, tells every view. Given to command tasks only, so every write
 * runs inside the serial queue.
 *
 * `expected`, when the command knows the state its write leaves (a login's outcome, a switch), makes it from the state
 * last read: every view is told that first, the transaction runs once they have had time to show it (`viewsFirst`), and
 * the write's own state (one revision on, with its event) follows it; should the write fail, the state before it again.
 */
export type Commit = <T>(
  write: (repositories: Repositories) => Promise<Change<T>>,
  expected?: (state: StoredState) => StoredState,
) => Promise<Committed<T>>;

/** How many of the newest events the background keeps in memory: a panel's first window (`use-event-log.ts`). */
export const KEPT_EVENTS = 100;

/**
 * What the background's services share: the store, one serial queue for every command (so commands
 * from several views end in one order and views hear them in that order), the one commit step, and
 * the subscription of views.
 */
export function createBackgroundContext({
  store,
  createClient,
  emit,
  onSnapshot,
  now = Date.now,
  newId = () => crypto.randomUUID(),
  viewsFirst = () => new Promise((resolve) => setTimeout(resolve, VIEWS_FIRST_MS)),
}: BackgroundDeps) {
  const queue = createSerialQueue();
  /**
   * Orders what views hear: each commit with its broadcast, and each subscription's read with its join.
   * Separate from `queue`, whose commands may wait seconds on CometChat: a view opening meanwhile must not.
   */
  const delivery = createSerialQueue();
  /** Notes waiting for one delivery step together (see `note`). */
  const pendingNotes: { note: Note; resolve: (event: AuthEvent | null) => void; reject: (error: unknown) => void }[] = [];
  /**
   * The stored state as last read in the delivery step, while nothing has been written since (every write runs in that
   * step: commits, notes, the reset), so a view that subscribes meanwhile is answered without reading IndexedDB.
   */
  let lastState: StoredState | null = null;
  /**
   * The newest `KEPT_EVENTS` events (oldest first) as last read in the delivery step, while nothing has been written to
   * the log since, so a panel that opens meanwhile gets its first window without reading IndexedDB (~17 ms here).
   */
  let newestKept: AuthEvent[] | null = null;
  /** After a write: what the delivery step last read is read again when next asked for. */
  const forgetReads = () => {
    lastState = null;
    newestKept = null;
  };
  /** What a subscribing view gets of the tabs (see `setTabsSource`); none until the tab states are wired. */
  let tabsNow: () => Promise<() => TabState[]> = () => Promise.resolve(() => []);

  /**
   * Writes what changes no stored state the snapshot shows (what an app did by itself, a tab's state) and tells every
   * view its event, outside the command queue, so a login waiting on CometChat does not hold up the live timeline. Notes
   * made while a step waits for its turn join it (see `writeNotes`). Resolves to the logged event, if any.
   */
  function note(next: Note): Promise<AuthEvent | null> {
    return new Promise((resolve, reject) => {
      pendingNotes.push({ note: next, resolve, reject });
      if (pendingNotes.length === 1) void writeNotes();
    });
  }

  /**
   * Writes a burst of notes in one transaction, then tells every view their events. One transaction for a burst (a
   * page's reload reports several at once), so a page operation's own commit does not queue behind one write per report.
   */
  function writeNotes(): Promise<void> {
    return delivery.run(async () => {
      const batch = pendingNotes.splice(0);
      try {
        const known = lastState;
        forgetReads();
        const written = await store.write(async (repositories) => {
          const appended: (AuthEvent | null)[] = [];
          for (const { note: entry } of batch) {
            await entry.write?.(repositories);
            appended.push(entry.draft ? await repositories.events.append(entry.draft) : null);
          }
          return { events: appended, revision: await repositories.meta.revision() };
        }, known ?? undefined);
        const { events } = written;
        // The state last read stays true with the log's last number and the revision moved (see `Note`), so a command
        // that follows an app's doings (a page switch after the page's reload) reads its app and pins from memory. A
        // login of the extension's own would move its last error too: never a note's, but then the state is read again.
        const logged = events.filter((event) => event !== null);
        if (known && !logged.some((event) => isOwnLogin(event))) {
          lastState = { ...known, revision: written.revision, lastSeq: logged.at(-1)?.seq ?? known.lastSeq };
        }
        // The burst's events in one message: a view renders a burst once.
        emit(...logged.map((event): ViewEvent => ({ type: 'authEvent', event })));
        events.forEach((event, index) => batch[index]!.resolve(event));
      } catch (error) {
        for (const { reject: fail } of batch) fail(error);
      }
    });
  }

  function broadcastState(state: StoredState, event?: AuthEvent): Snapshot {
    const current = toSnapshot(state);
    emit({ type: 'snapshot', snapshot: current, ...(event ? { event } : {}) });
    onSnapshot?.(current);
    return current;
  }

  const commit: Commit = (write, expected) =>
    delivery.run(async () => {
      // The facts every write reads, from the state last read or written, while nothing was written since (see
      // `KnownFacts`). The state itself is read again: a damaged record is found by reading it, and only a read counts it.
      const known = lastState;
      forgetReads();
      // The state the write leaves, shown before it (see `Commit`) at the revision the views have: the write's own
      // broadcast is newer, and so is anything else they hear after. Made only from a state already read: without one,
      // nothing is shown before the write.
      if (known && expected) {
        emit({ type: 'snapshot', snapshot: toSnapshot(expected(known)) });
        // The views show it before the write starts (see `VIEWS_FIRST_MS`).
        await viewsFirst();
      }
      let written;
      try {
        written = await store.write(async (repositories) => {
          const change = await write(repositories);
          const event = change.event ? await repositories.events.append(change.event) : undefined;
          return { change, event, state: await readState(repositories) };
        }, known ?? undefined);
      } catch (error) {
        // Nothing was written: the views are told the state before it again, at the same revision (made only now: a
        // write seldom fails).
        if (known && expected) emit({ type: 'snapshot', snapshot: toSnapshot(known) });
        throw error;
      }
      const { change, event, state } = written;
      lastState = state;
      if (change.clearedLog) emit({ type: 'eventsCleared' });
      broadcastState(state, event);
      return { value: change.value, event };
    });

  const readStoredState = () => store.read(readState);

  /** A part of the state from `lastState` while nothing was written since it was read (see there), else `read`. */
  const remembered = <T>(part: (state: StoredState) => T, read: (repositories: Repositories) => Promise<T>): Promise<T> =>
    lastState ? Promise.resolve(part(lastState)) : store.read(read);

  /** Every secret the extension holds (Auth Keys, tokens, jwts), to mask where a server echoes one. */
  const knownSecrets = (): Promise<string[]> =>
    store.read(async ({ profiles, sessions }) => {
      const [allProfiles, allSessions] = await Promise.all([profiles.all(), sessions.all()]);
      return [...allProfiles.map((profile) => profile.authKey), ...allSessions.flatMap((session) => [session.authToken, session.jwt ?? ''])];
    });

  return {
    store,
    createClient,
    now,
    newId,
    /** Runs `task` alone in the serial queue; `commit` is how it writes. */
    command<T>(task: (commit: Commit) => Promise<T>): Promise<T> {
      return queue.run(() => task(commit));
    },
    note,
    /**
     * Tells every view now what already holds in memory and is written after, if at all (a tab's new state: see
     * `tab-states.ts`), outside both queues: the live monitor shows what an app did as soon as the worker hears it,
     * not after a write queued behind the page's earlier reports. A subscribing view reads the same memory right before
     * it joins (see `setTabsSource`), so it misses no such change and hears none it was given.
     */
    tell(...events: ViewEvent[]): void {
      emit(...events);
    },
    /** Appends an event that changes no state (what an app did by itself); see `note`. */
    async record(draft: EventDraft): Promise<AuthEvent> {
      return (await note({ draft }))!;
    },
    /**
     * Where a subscribing view's tabs come from: `prepare` (awaited in the subscription's step) resolves to a reader
     * called right before the view joins, so a tab changed after it is pushed to the view, and one changed before is in it.
     */
    setTabsSource(prepare: () => Promise<() => TabState[]>): void {
      tabsNow = prepare;
    },
    readState: readStoredState,
    async snapshot(): Promise<Snapshot> {
      return toSnapshot(await readStoredState());
    },
    /**
     * Answers a view's `subscribe` and lets it join the broadcasts in one delivery step: no commit can
     * land between the read and the join, so the view hears each event once, in order; and no command
     * waiting on CometChat holds it up. A view whose epoch is not the stored one gets no missed events:
     * its numbers belong to a reset database.
     */
    subscribe: (afterSeq: number | null, epoch: string | null, deliver: (result: Result<Subscription>) => void): Promise<void> => {
      return delivery.run(async () => {
        let result: Result<Subscription>;
        try {
          // The last event the view heard, if its numbers belong to this database's life (not to one since reset).
          const heardUpTo = (state: StoredState) => (epoch === state.epoch ? afterSeq : null);
          const known = lastState;
          // A view that opens, or missed nothing since the last read, needs nothing that read did not see.
          const isAnsweredByLast = known !== null && (heardUpTo(known) ?? Infinity) >= known.lastSeq;
          const [{ state, missed }, readTabs] = await Promise.all([
            isAnsweredByLast
              ? { state: known, missed: [] }
              : store.read(async (repositories) => {
                  const state = await readState(repositories);
                  const after = heardUpTo(state);
                  return { state, missed: after === null ? [] : await repositories.events.list({ afterSeq: after }) };
                }),
            tabsNow().catch(() => () => []),
          ]);
          lastState = state;
          result = { ok: true, value: { snapshot: toSnapshot(state), missed, tabs: readTabs() } };
        } catch (error) {
          // Without a snapshot a view would wait forever: tell it why, so it can offer a reset.
          result = { ok: false, error: toCometChatError(error) };
        }
        deliver(result);
      });
    },
    /**
     * Deletes the database; every view gets the new (empty) state of a new epoch. `beforeReset` runs first, in the
     * same turn of the command queue (no command can change the data between), and its result is the answer.
     */
    resetStorage<T>(beforeReset: () => Promise<T>): Promise<T> {
      return queue.run(async () => {
        const value = await beforeReset();
        await delivery.run(async () => {
          forgetReads();
          await store.reset();
          lastState = await readStoredState();
          broadcastState(lastState);
        });
        return value;
      });
    },
    /**
     * The newest `count` events of the log (at most `KEPT_EVENTS`), oldest first, read in the delivery step: from memory
     * while nothing was written since the last such read (a panel's first window; see `use-event-log.ts`).
     */
    newestEvents(count: number): Promise<AuthEvent[]> {
      return delivery.run(async () => {
        if (count <= 0) return [];
        newestKept ??= await store.read((repositories) => repositories.events.list({ newest: KEPT_EVENTS }));
        return newestKept.slice(-Math.min(count, KEPT_EVENTS));
      });
    },
    knownSecrets,
    /** `thrown` as CometChat data fit to store and show: secrets masked, sizes bounded (see `sanitizeError`). */
    async sanitize(thrown: unknown, ...alsoSecret: string[]): Promise<CometChatError> {
      const known = await knownSecrets().catch(() => []);
      return sanitizeError(toCometChatError(thrown), [...known, ...alsoSecret]);
    },
    /**
     * The active app's held sessions, from the state last read or written while nothing has been written since (see
     * `lastState`: no IndexedDB read, ~4 ms of a login's), else read. Only commands change them, so a command sees what
     * a read would.
     */
    heldSessions: (): Promise<StoredSession[]> =>
      remembered(
        (state) => state.sessions,
        async ({ profiles, sessions }) => {
          const profile = await profiles.active();
          return profile ? sessions.ofProfile(profile.id) : [];
        },
      ),
    /** Every pin's record, open and closed (from memory as `heldSessions`). */
    pinnedTabs: (): Promise<StoredPinnedTab[]> =>
      remembered(
        (state) => state.pinnedTabs,
        ({ meta }) => meta.pinnedTabs(),
      ),
    /** The active app (from memory as `heldSessions`), or CometChat's error when none is set up. */
    async requireProfile(): Promise<StoredProfile> {
      const profile = await remembered(
        (state) => state.profile,
        ({ profiles }) => profiles.active(),
      );
      if (!profile) {
        throw new CometChatException({
          code: ERROR_CODES.ERR_APP_NOT_CONFIGURED,
          message: 'Set up a CometChat app first (App ID, region and Auth Key).',
          details: {},
        });
      }
      return profile;
    },
  };
}

export type BackgroundContext = ReturnType<typeof createBackgroundContext>;
