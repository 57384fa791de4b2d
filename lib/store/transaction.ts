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
   * transaction has committed (or rejects if any request failed, having changed nothing).
   */
  write<T>(body: (repositories: Repositories) => Promise<T>): Promise<T>;
  /** Deletes everything: the way out of a database that cannot be opened or read. */
  reset(): Promise<void>;
}

export interface StoreOptions {
  /** How many events of each lane the log keeps; the oldest of a lane are dropped first. */
  laneCaps?: Readonly<Record<EventLane, number>>;
}

export function createStore(connection: DatabaseConnection, { laneCaps = EVENT_LANE_CAPS }: StoreOptions = {}): Store {
  function repositoriesOf(tx: StoreTransaction, meta = createMetaRepository(tx)): Repositories {
    const counter: DamageCounter = { unreadable: 0 };
    const repositories = {
      profiles: createProfileRepository(tx, counter),
      sessions: createSessionRepository(tx, counter),
      events: createEventRepository(tx, counter, laneCaps),
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

    async write<T>(body: (repositories: Repositories) => Promise<T>) {
      const db = await connection.get();
      // Relaxed durability: committed data survives the worker (and the browser) being killed; only an OS
      // crash could lose the last write, and that is not worth an fsync on every click.
      const tx = db.transaction([...ALL_STORES], 'readwrite', { durability: 'relaxed' });
      // The revision goes up by one: read first and set once read, while `body` already runs (a round trip saved);
      // `body` is told the new number whenever it asks, before the set or after.
      const meta = createMetaRepository(tx);
      const revision = meta.revision().then((current) => current + 1);
      // Its failure is the transaction's, told by `ended`.
      void revision.then((next) => meta.setRevision(next)).catch(() => undefined);
      const repositories = repositoriesOf(tx, { ...meta, revision: () => revision });
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
