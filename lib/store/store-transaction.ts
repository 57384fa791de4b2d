/**
 * What the repositories share with the transaction that hands them out: a module of its own, so the repositories
 * and `transaction.ts` both point down to it instead of at each other.
 */
import type { IDBPTransaction } from 'idb';
import { STORES, type InspectorSchema } from './schema';

/** Every store: each transaction spans them all. */
export const ALL_STORES = [STORES.META, STORES.EVENTS, STORES.SESSIONS, STORES.PROFILES] as const;

/** A transaction over every store; repositories run their requests in it. */
export type StoreTransaction = IDBPTransaction<InspectorSchema, (typeof ALL_STORES)[number][], 'readonly' | 'readwrite'>;

/**
 * Issues a write and answers at once, not when IndexedDB has answered it: requests of one transaction run in order,
 * so a read issued after it sees it, and a failed one aborts the transaction, whose end (`Store.write`) rejects with its
 * error. Waiting for each write's answer only added round trips (~0.5 ms each on a busy machine; a login made four).
 */
export function issue(request: Promise<unknown>): Promise<void> {
  request.catch(() => undefined);
  return Promise.resolve();
}

/** Counts records a read found damaged and skipped (see `record-guards.ts`). */
export interface DamageCounter {
  unreadable: number;
}
