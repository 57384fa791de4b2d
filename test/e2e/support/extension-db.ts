import { DB_NAME, META_KEYS, STORES } from '@/lib/store/schema';
import { evaluateIn, type AnyPage } from './any-page';

/** One auth event as stored, without timings and messages: what the invariants compare. */
export interface StoredEventRow {
  seq: number;
  type: string;
  uid?: string;
  method?: string;
  source: string;
  errorCode?: string;
}

/** What the background has committed, read straight from IndexedDB (not through the background). */
export interface StoredTruth {
  activeProfileId: string | null;
  /** The active profile's `activeUid`. */
  activeUid: string | null;
  revision: number;
  lastSeq: number;
  /** Held sessions of the active profile, by uid, sorted. */
  heldUids: string[];
  /** Sessions whose record is not whole (key and user disagree, no token): corruption. */
  damagedSessions: string[];
  /** Every stored event, by seq. */
  events: StoredEventRow[];
}

/**
 * Reads the extension's database from one of its own pages, in one read-only transaction so the
 * picture is consistent even while the background writes. The page's connection is closed afterwards
 * so it never holds up an upgrade.
 */
export async function readStoredTruth(page: AnyPage): Promise<StoredTruth> {
  return evaluateIn(
    page,
    async ({ name, stores, keys }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('IndexedDB failed'));
      });
      const request = <T>(source: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          source.onsuccess = () => resolve(source.result);
          source.onerror = () => reject(source.error ?? new Error('IndexedDB failed'));
        });
      try {
        const tx = db.transaction([stores.META, stores.PROFILES, stores.SESSIONS, stores.EVENTS], 'readonly');
        const meta = tx.objectStore(stores.META);
        const [activeProfileId, revision, lastSeq, profiles, sessions, events] = await Promise.all([
          request(meta.get(keys.ACTIVE_PROFILE_ID)),
          request(meta.get(keys.REVISION)),
          request(meta.get(keys.LAST_SEQ)),
          request(tx.objectStore(stores.PROFILES).getAll()),
          request(tx.objectStore(stores.SESSIONS).getAll()),
          request(tx.objectStore(stores.EVENTS).getAll()),
        ]);
        const profile = profiles.find((candidate) => candidate.id === activeProfileId);
        const ours = sessions.filter((session) => session.profileId === activeProfileId);
        return {
          activeProfileId: (activeProfileId as string | undefined) ?? null,
          activeUid: (profile?.activeUid as string | undefined) ?? null,
          revision: Number(revision ?? 0),
          lastSeq: Number(lastSeq ?? 0),
          heldUids: ours.map((session) => String(session.uid)).sort(),
          damagedSessions: ours
            .filter((session) => session.user?.uid !== session.uid || typeof session.authToken !== 'string' || !session.authToken)
            .map((session) => String(session.uid)),
          events: events.map((event) => ({
            seq: event.seq,
            type: event.type,
            ...(event.uid !== undefined ? { uid: event.uid } : {}),
            ...(event.method !== undefined ? { method: event.method } : {}),
            source: event.source,
            ...(event.error ? { errorCode: event.error.code } : {}),
          })),
        };
      } finally {
        db.close();
      }
    },
    { name: DB_NAME, stores: STORES, keys: META_KEYS },
  );
}

/**
 * Gaps, duplicates and disorder in the event log's sequence numbers, and a `lastSeq` that disagrees with
 * the newest event, as sentences; empty when the log is sound. `events` is in store (key) order.
 */
export function sequenceProblems(events: readonly { seq: number }[], lastSeq?: number): string[] {
  const problems: string[] = [];
  events.forEach((event, index) => {
    const previous = events[index - 1];
    if (previous && event.seq !== previous.seq + 1) problems.push(`seq ${event.seq} follows seq ${previous.seq}`);
  });
  const newest = events.at(-1)?.seq;
  if (lastSeq !== undefined && newest !== undefined && newest !== lastSeq)
    problems.push(`meta lastSeq is ${lastSeq} but the newest event is ${newest}`);
  return problems;
}

/**
 * Fills the event log up to `total` events, as months of use would: failed logins of made-up uids, numbered on
 * from the current `lastSeq` (no gaps) and written in one transaction. Sessions are not touched.
 */
export async function fillEventLog(page: AnyPage, total: number): Promise<void> {
  await evaluateIn(
    page,
    async ({ name, stores, keys, target }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('IndexedDB failed'));
      });
      const tx = db.transaction([stores.EVENTS, stores.META], 'readwrite');
      const events = tx.objectStore(stores.EVENTS);
      const meta = tx.objectStore(stores.META);
      const read = <T>(request: IDBRequest<T>) => new Promise<T>((resolve) => (request.onsuccess = () => resolve(request.result)));
      const [count, lastSeq] = await Promise.all([read(events.count()), read(meta.get(keys.LAST_SEQ))]);
      let seq = Number(lastSeq ?? 0);
      const start = Date.now() - (target - count) * 1000;
      for (let added = 0; added < target - count; added++) {
        seq += 1;
        const uid = `seeded-user-${seq}`;
        const message = `The UID ${uid} does not exist, please make sure you have created a user with UID ${uid}.`;
        events.put({
          seq,
          at: start + added * 1000,
          type: 'loginFailure',
          appId: 'seeded',
          uid,
          method: 'authKey',
          source: 'popup',
          durationMs: 12,
          error: { code: 'ERR_UID_NOT_FOUND', message, details: {} },
        });
      }
      meta.put(seq, keys.LAST_SEQ);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB failed'));
      });
      db.close();
    },
    { name: DB_NAME, stores: STORES, keys: META_KEYS, target: total },
  );
}

type LockWindow = Window & { __releaseDatabaseLock?: () => Promise<void> };

/**
 * Holds a read-write transaction over every store from `page` until the returned function is called, so
 * the background's reads and writes queue behind it: a way to hold the background at a chosen point. The
 * transaction is kept alive by chaining reads; it writes nothing.
 */
export async function holdDatabaseLock(page: AnyPage): Promise<() => Promise<void>> {
  await evaluateIn(
    page,
    async ({ name, stores, keys }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('IndexedDB failed'));
      });
      const tx = db.transaction(Object.values(stores), 'readwrite');
      const meta = tx.objectStore(stores.META);
      let released = false;
      const finished = new Promise<void>((resolve) => {
        tx.oncomplete = tx.onabort = () => {
          db.close();
          resolve();
        };
      });
      await new Promise<void>((resolve) => {
        const spin = () => {
          meta.get(keys.REVISION).onsuccess = () => {
            resolve();
            if (!released) spin();
          };
        };
        spin();
      });
      (window as LockWindow).__releaseDatabaseLock = () => {
        released = true;
        return finished;
      };
    },
    { name: DB_NAME, stores: STORES, keys: META_KEYS },
  );
  return () => evaluateIn(page, () => (window as LockWindow).__releaseDatabaseLock!());
}
