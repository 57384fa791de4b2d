import { isStoredEvent } from './record-guards';
import { META_KEYS, STORES, type StoredEvent } from './schema';
import type { DamageCounter, StoreTransaction } from './transaction';

/** An event before the log numbers it. */
export type EventDraft = Omit<StoredEvent, 'seq'>;

/** Which part of the log to read; sequence numbers have no gaps, so each is one key range. */
export interface EventRange {
  /** Only events after this sequence number. */
  afterSeq?: number;
  /** Only the newest this many (of those after `afterSeq`). */
  newest?: number;
}

/** The capped auth-event log, numbered 1, 2, 3 … without gaps, even across a clear. */
export interface EventRepository {
  /** The last number handed out (0 for none). */
  lastSeq(): Promise<number>;
  /** Numbers and stores the event, dropping the oldest beyond the cap. */
  append(draft: EventDraft): Promise<StoredEvent>;
  /** Readable events in `range`, oldest first. */
  list(range?: EventRange): Promise<StoredEvent[]>;
  /** Empties the log; numbering goes on from where it was. */
  clear(): Promise<void>;
}

export function createEventRepository(tx: StoreTransaction, counter: DamageCounter, cap: number): EventRepository {
  const events = () => tx.objectStore(STORES.EVENTS);
  const meta = () => tx.objectStore(STORES.META);

  const repository: EventRepository = {
    // Version 1 stored no LAST_SEQ: the newest event's seq stands in for it.
    async lastSeq() {
      const [stored, newest] = await Promise.all([meta().get(META_KEYS.LAST_SEQ), events().openKeyCursor(null, 'prev')]);
      return Math.max(Number(stored ?? 0), Number(newest?.key ?? 0));
    },
    async append(draft) {
      const event: StoredEvent = { ...draft, seq: (await repository.lastSeq()) + 1 };
      // Numbers have no gaps, so the cap is one key range below the new number: no count, no cursor.
      await Promise.all([
        events().add!(event),
        meta().put!(event.seq, META_KEYS.LAST_SEQ),
        event.seq > cap ? events().delete!(IDBKeyRange.upperBound(event.seq - cap)) : undefined,
      ]);
      return event;
    },
    async list({ afterSeq = 0, newest }: EventRange = {}) {
      let from = afterSeq + 1;
      if (newest !== undefined) {
        if (newest <= 0) return [];
        from = Math.max(from, (await repository.lastSeq()) - newest + 1);
      }
      const records = (await events().getAll(IDBKeyRange.lowerBound(from))) as unknown[];
      const readable = records.filter(isStoredEvent);
      counter.unreadable += records.length - readable.length;
      return readable;
    },
    async clear() {
      await meta().put!(await repository.lastSeq(), META_KEYS.LAST_SEQ);
      await events().clear!();
    },
  };
  return repository;
}
