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
  function repositoriesOf(tx: StoreTransaction): Repositories {
    const counter: DamageCounter = { unreadable: 0 };
    const repositories = {
      profiles: createProfileRepository(tx, counter),
      sessions: createSessionRepository(tx, counter),
      events: createEventRepository(tx, counter, laneCaps),
      meta: createMetaRepository(tx),
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
      const repositories = repositoriesOf(tx);
      // Requests of one transaction run in order; waiting for each would only add round trips. A failing
      // request aborts the transaction, and `tx.done` rejects with it.
      // The bump is read before `body` runs, so a state `body` reads sees the new revision.
      const bumped = repositories.meta.setRevision((await repositories.meta.revision()) + 1);
      let result: T;
      try {
        result = await body(repositories);
      } catch (error) {
        // Without the abort, what `body` wrote before it threw would commit.
        void bumped.catch(() => undefined);
        tx.abort();
        await tx.done.catch(() => undefined);
        throw error;
      }
      await Promise.all([bumped, tx.done]);
      return result;
    },

    reset: () => connection.reset(),
  };
}
