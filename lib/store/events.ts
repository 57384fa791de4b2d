import { ERROR_CODES } from '../cometchat/error-code-names';
import { laneOf, type EventLane } from '../event-lanes';
import type { CometChatError } from '../cometchat/exception';
import { isStoredEvent } from './record-guards';
import { META_KEYS, STORES, type StoredEvent } from './schema';
import { issue, type DamageCounter, type StoreTransaction } from './store-transaction';

const UNKNOWN_LOGIN_ERROR: CometChatError = { code: ERROR_CODES.ERR_UNKNOWN, message: 'The login failed.', details: {} };

/** A stored event as the store hands it out: without its lane bookkeeping (the shape of the protocol's `AuthEvent`). */
export type WireEvent = Omit<StoredEvent, 'lane' | 'laneSeq'>;

/** An event before the log numbers it. */
export type EventDraft = Omit<StoredEvent, 'seq'>;

/** A login of the extension's own, whose outcome the log keeps as its last login error (`lastLoginError`). */
export const isOwnLogin = (event: Pick<EventDraft, 'target' | 'type'>): boolean =>
  event.target !== 'page' && (event.type === 'loginSuccess' || event.type === 'loginFailure');

/** What a login of the extension's own leaves as the last login error: its error if it failed, else none. */
const loginErrorOf = (event: Pick<EventDraft, 'type' | 'error'>): CometChatError | null =>
  event.type === 'loginFailure' ? (event.error ?? UNKNOWN_LOGIN_ERROR) : null;

/**
 * Which part of the log to read. Numbers are handed out without gaps, but the log has holes where a lane dropped its
 * oldest (see `lib/event-lanes.ts`): `newest` counts the events there are, not numbers.
 */
export interface EventRange {
  /** Only events after this sequence number. */
  afterSeq?: number;
  /** Only the newest this many (of those after `afterSeq`). */
  newest?: number;
}

/** The auth-event log, numbered 1, 2, 3 … without gaps, even across a clear, each lane capped on its own. */
export interface EventRepository {
  /** The last number handed out (0 for none). */
  lastSeq(): Promise<number>;
  /** The error of the extension's own last login (page events aside) if it failed, else null. */
  lastLoginError(): Promise<CometChatError | null>;
  /** Numbers and stores the event, dropping the oldest of its lane beyond the lane's cap. */
  append(draft: EventDraft): Promise<WireEvent>;
  /** Readable events in `range`, oldest first. */
  list(range?: EventRange): Promise<WireEvent[]>;
  /** Empties the log; numbering goes on from where it was. */
  clear(): Promise<void>;
}

/**
 * `known`: the log's last number and the last login error as stored when the transaction began (see `KnownFacts` in
 * `transaction.ts`), kept up to date as this repository appends, so neither is read.
 */
export function createEventRepository(
  tx: StoreTransaction,
  counter: DamageCounter,
  caps: Readonly<Record<EventLane, number>>,
  known?: { lastSeq: number; lastLoginError: CometChatError | null },
): EventRepository {
  const events = () => tx.objectStore(STORES.EVENTS);
  const meta = () => tx.objectStore(STORES.META);
  const facts = known && { lastSeq: known.lastSeq, lastLoginError: known.lastLoginError };

  /** The lane's last number (0 when it holds nothing): lane numbers start again after a clear, unlike `seq`. */
  async function lastInLane(lane: EventLane): Promise<number> {
    const newest = await events()
      .index('byLane')
      .openKeyCursor(IDBKeyRange.bound([lane, 0], [lane, Infinity]), 'prev');
    return newest ? newest.key[1] : 0;
  }

  /**
   * Drops the lane's event numbered `laneSeq`: lane numbers have no gaps, so that is the one that fell past the cap.
   * One point look-up, not a range from the lane's start: that would walk every key deleted before it (tombstones).
   */
  async function dropFromLane(lane: EventLane, laneSeq: number): Promise<void> {
    const seq = await events().index('byLane').getKey([lane, laneSeq]);
    if (seq !== undefined) await issue(events().delete!(seq));
  }

  const repository: EventRepository = {
    async lastSeq() {
      return facts ? facts.lastSeq : Number((await meta().get(META_KEYS.LAST_SEQ)) ?? 0);
    },
    async lastLoginError() {
      return facts ? facts.lastLoginError : (((await meta().get(META_KEYS.LAST_LOGIN_ERROR)) as CometChatError | null | undefined) ?? null);
    },
    async append(draft) {
      const lane = laneOf(draft);
      const [lastSeq, lastLaneSeq] = await Promise.all([repository.lastSeq(), lastInLane(lane)]);
      const event: StoredEvent = { ...draft, seq: lastSeq + 1 };
      const laneSeq = lastLaneSeq + 1;
      const loginError = isOwnLogin(event) ? loginErrorOf(event) : undefined;
      // A login that leaves no error where none was (a switch after a success) has nothing to write there.
      const isErrorMoved = loginError !== undefined && (loginError !== null || facts?.lastLoginError !== null);
      if (facts) {
        facts.lastSeq = event.seq;
        if (loginError !== undefined) facts.lastLoginError = loginError;
      }
      // Issued, not waited for (see `issue`). The drop is a look-up, then a delete: a read issued before the delete still
      // finds the dropped event (its lane's oldest), which nothing a commit reads asks for.
      await Promise.all([
        issue(events().add!({ ...event, lane, laneSeq })),
        issue(meta().put!(event.seq, META_KEYS.LAST_SEQ)),
        isErrorMoved ? issue(meta().put!(loginError, META_KEYS.LAST_LOGIN_ERROR)) : undefined,
        laneSeq > caps[lane] ? issue(dropFromLane(lane, laneSeq - caps[lane])) : undefined,
      ]);
      return event;
    },
    async list({ afterSeq = 0, newest }: EventRange = {}) {
      const after = IDBKeyRange.lowerBound(afterSeq + 1);
      let range = after;
      if (newest !== undefined) {
        if (newest <= 0) return [];
        // Step back from the newest over the keys (the log has holes, so numbers cannot be counted down).
        const last = await events().openKeyCursor(after, 'prev');
        const oldest = newest > 1 ? await last?.advance(newest - 1) : last;
        if (oldest) range = IDBKeyRange.lowerBound(oldest.key);
      }
      const records = (await events().getAll(range)) as unknown[];
      const readable = records.filter(isStoredEvent);
      counter.unreadable += records.length - readable.length;
      return readable.map(withoutLane);
    },
    async clear() {
      await issue(meta().put!(await repository.lastSeq(), META_KEYS.LAST_SEQ));
      await issue(events().clear!());
    },
  };
  return repository;
}

/**
 * The one mapping from a stored event to the event views get (the protocol's `AuthEvent`): the lane bookkeeping stays
 * in the store. `test/types/protocol.test-d.ts` checks that the two shapes agree.
 */
function withoutLane({ lane: _lane, laneSeq: _laneSeq, ...event }: StoredEvent): WireEvent {
  return event;
}
