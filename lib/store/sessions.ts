import { isStoredSession } from './record-guards';
import { STORES, type StoredSession } from './schema';
import { issue, type DamageCounter, type StoreTransaction } from './store-transaction';

/** The sessions the extension holds, one per app profile and uid. */
export interface SessionRepository {
  /** Every readable session of one profile. */
  ofProfile(profileId: string): Promise<StoredSession[]>;
  /** Every readable session of every profile (to redact their secrets from exports). */
  all(): Promise<StoredSession[]>;
  get(profileId: string, uid: string): Promise<StoredSession | null>;
  put(session: StoredSession): Promise<void>;
  delete(profileId: string, uid: string): Promise<void>;
  deleteOfProfile(profileId: string): Promise<void>;
}

export function createSessionRepository(tx: StoreTransaction, counter: DamageCounter): SessionRepository {
  const sessions = () => tx.objectStore(STORES.SESSIONS);

  function readableOnes(records: unknown[]): StoredSession[] {
    const good = records.filter(isStoredSession);
    counter.unreadable += records.length - good.length;
    return good;
  }

  return {
    async ofProfile(profileId) {
      return readableOnes(await sessions().index('byProfile').getAll(profileId));
    },
    async all() {
      return readableOnes(await sessions().getAll());
    },
    async get(profileId, uid) {
      const record = await sessions().get([profileId, uid]);
      return record === undefined ? null : (readableOnes([record])[0] ?? null);
    },
    put: (session) => issue(sessions().put!(session)),
    delete: (profileId, uid) => issue(sessions().delete!([profileId, uid])),
    async deleteOfProfile(profileId) {
      const store = sessions();
      await Promise.all((await store.index('byProfile').getAllKeys(profileId)).map((key) => issue(store.delete!(key))));
    },
  };
}
