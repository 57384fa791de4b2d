import { META_KEYS, STORES } from './schema';
import type { StoreTransaction } from './transaction';

/** The key-value facts about the database itself: its epoch and its revision. */
export interface MetaRepository {
  /** Names this database's life; a reset gives a new one (schema version 3). */
  epoch(): Promise<string>;
  revision(): Promise<number>;
  /** Every write transaction sets it once, to one more than it read. */
  setRevision(revision: number): Promise<void>;
}

export function createMetaRepository(tx: StoreTransaction): MetaRepository {
  const meta = () => tx.objectStore(STORES.META);
  return {
    async epoch() {
      return String((await meta().get(META_KEYS.EPOCH)) ?? '');
    },
    async revision() {
      return Number((await meta().get(META_KEYS.REVISION)) ?? 0);
    },
    async setRevision(revision) {
      await meta().put!(revision, META_KEYS.REVISION);
    },
  };
}
