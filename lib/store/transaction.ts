import type { CometChatError } from '../cometchat/exception';
import { EVENT_LANE_CAPS, type EventLane } from '../event-lanes';
import type { DatabaseConnection } from './database';
import { createEventRepository, type EventRepository } from './events';
import { createMetaRepository, type MetaRepository } from './meta';
import { createProfileRepository, type ProfileRepository } from './profiles';

import { createSessionRepository, type SessionRepository } from './sessions';
import { ALL_STORES, type DamageCounter, type StoreTransaction } from './store-transaction';

/**
 * The repositories of one transaction. In a read transaction only their reads may be used (IndexedDB
 * throws `ReadOnlyError` otherwise). Every read skips damaged records and counts them in `unreadable`.
 */
export interface Repositories extends DamageCounter {
  profiles: ProfileRepository;
  sessions: SessionRepository;
  events: EventRepository;
  meta: MetaRepository;
}

/** The background's door to IndexedDB: read or write transactions over repositories, and the reset. */
export interface Store {
  /** Runs `body` in one read-only transaction. */
  read<T>(body: (repositories: Repositories) => Promise<T>): Promise<T>;
  /**
   * Runs `body` in one read-write transaction that also bumps the revision, and resolves once the
   * transaction has committed (or rejects if any request failed, having changed nothing). `known`: the stored facts as
   * the caller knows them to be now, so they are not read again (see `KnownFacts`).
   */
  write<T>(body: (repositories: Repositories) => Promise<T>, known?: KnownFacts): Promise<T>;
  /** Deletes everything: the way out of a database that cannot be opened or read. */
  reset(): Promise<void>;
}

/**
 * The facts a write reads whatever it does (the database's epoch, the revision, the log's last number, the last login
 * error) as they are stored now, for the caller that knows them (the background keeps the state it last read or wrote):
 * a write told them reads none (IndexedDB answers one transaction's requests one after another, ~0.35–0.5 ms each here:
 * a held switch's commit made sixteen, five of them reads of these) and leaves the last login error unwritten when a
 * login leaves it as it was. Wrong facts would be written as told: only the one writer may tell them.
 */
export interface KnownFacts {
  epoch: string;
  revision: number;
  lastSeq: number;
  lastLoginError: CometChatError | null;
}

export interface StoreOptions {
  /** How many events of each lane the log keeps; the oldest of a lane are dropped first. */
  laneCaps?: Readonly<Record<EventLane, number>>;
}

export function createStore(connection: DatabaseConnection, { laneCaps = EVENT_LANE_CAPS }: StoreOptions = {}): Store {
  function repositoriesOf(tx: StoreTransaction, meta = createMetaRepository(tx), known?: KnownFacts): Repositories {
    const counter: DamageCounter = { unreadable: 0 };
    const repositories = {
      profiles: createProfileRepository(tx, counter),
      sessions: createSessionRepository(tx, counter),
      events: createEventRepository(tx, counter, laneCaps, known),
      meta,
      get unreadable() {
        return counter.unreadable;
      },
    };
    return repositories;
  }

  return {
    async read(body) {
      const db = await connection.get();
      const tx = db.transaction([...ALL_STORES], 'readonly');
      const result = await body(repositoriesOf(tx));
      await tx.done;
      return result;
    },

    async write<T>(body: (repositories: Repositories) => Promise<T>, known?: KnownFacts) {
      const db = await connection.get();
      // Relaxed durability: committed data survives the worker (and the browser) being killed; only an OS
      // crash could lose the last write, and that is not worth an fsync on every click.
      const tx = db.transaction([...ALL_STORES], 'readwrite', { durability: 'relaxed' });
      // The revision goes up by one: read first and set once read, while `body` already runs (a round trip saved);
      // `body` is told the new number whenever it asks, before the set or after.
      const meta = createMetaRepository(tx);
      const revision = (known ? Promise.resolve(known.revision) : meta.revision()).then((current) => current + 1);
      // Its failure is the transaction's, told by `ended`.
      void revision.then((next) => meta.setRevision(next)).catch(() => undefined);
      const repositories = repositoriesOf(
        tx,
        { ...meta, revision: () => revision, ...(known ? { epoch: () => Promise.resolve(known.epoch) } : {}) },
        known,
      );
      // How the transaction ended, heard from the start (a refused write ends it while `body` may still run): null once
      // committed, else IndexedDB's error (the refused write's, not the abort it caused). idb's `done` rejects with the
      // abort before that error is set, so it is only kept quiet.
      void tx.done.catch(() => undefined);
      const ended = new Promise<Error | null>((resolve) => {
        tx.addEventListener('complete', () => resolve(null));
        tx.addEventListener('abort', () => resolve(tx.error ?? new DOMException('The transaction was aborted.', 'AbortError')));
      });
      let result: T;
      try {
        result = await body(repositories);
      } catch (error) {
        // Without the abort, what `body` wrote before it threw would commit. A refused write has ended the
        // transaction already (see `issue`), and its error is the cause: what `body` met after is the aborted transaction.
        try {
          tx.abort();
        } catch {
          // Ended already.
        }
        await ended;
        throw tx.error ?? error;
      }
      const failure = await ended;
      if (failure) throw failure;
      return result;
    },

    reset: () => connection.reset(),
  };
}
