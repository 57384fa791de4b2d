import { ERROR_CODES } from '../cometchat/error-code-names';
import type { CometChatError } from '../cometchat/exception';
import { isStoredEvent } from './record-guards';
import { META_KEYS, STORES, type StoredEvent } from './schema';
import type { DamageCounter, StoreTransaction } from './store-transaction';

const UNKNOWN_LOGIN_ERROR: CometChatError = { code: ERROR_CODES.ERR_UNKNOWN, message: 'The login failed.', details: {} };

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
  /** The error of the extension's own last login (page events aside) if it failed, else null. */
  lastLoginError(): Promise<CometChatError | null>;
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
    async lastSeq() {
      return Number((await meta().get(META_KEYS.LAST_SEQ)) ?? 0);
    },
    async lastLoginError() {
      return ((await meta().get(META_KEYS.LAST_LOGIN_ERROR)) as CometChatError | null | undefined) ?? null;
    },
    async append(draft) {
      const event: StoredEvent = { ...draft, seq: (await repository.lastSeq()) + 1 };
      // Numbers have no gaps, so the cap is one key range below the new number: no count, no cursor.
      const isOwnLogin = event.target !== 'page' && (event.type === 'loginSuccess' || event.type === 'loginFailure');
      await Promise.all([
        events().add!(event),
        meta().put!(event.seq, META_KEYS.LAST_SEQ),
        isOwnLogin ? meta().put!(event.type === 'loginFailure' ? (event.error ?? UNKNOWN_LOGIN_ERROR) : null, META_KEYS.LAST_LOGIN_ERROR) : undefined,
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
