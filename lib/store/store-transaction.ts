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

/** Counts records a read found damaged and skipped (see `record-guards.ts`). */
export interface DamageCounter {
  unreadable: number;
}
