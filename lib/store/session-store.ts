import type { IDBPTransaction } from 'idb';
import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-codes';
import type { AuthEvent } from '../protocol';
import type { DatabaseConnection } from './database';
import { isAuthEvent, isStoredProfile, isStoredSession } from './record-guards';
import {
  EVENT_LOG_CAP,
  META_KEYS,
  STORES,
  type InspectorSchema,
  type StoredProfile,
  type StoredSession,
} from './schema';

export type AuthEventDraft = Omit<AuthEvent, 'seq'>;

/** Everything views need, read in one transaction so it is consistent. */
export interface StoredState {
  revision: number;
  /** Every app profile, in the order they were added. */
  profiles: StoredProfile[];
  profile: StoredProfile | null;
  activeUid: string | null;
  sessions: StoredSession[];
  events: AuthEvent[];
  /** Records that could not be read (damaged) and were left out. */
  unreadable: number;
}

/**
 * The background's only door to IndexedDB. Each write is one transaction that also bumps the revision
 * and appends its auth event, so state and log can never disagree, even if the worker dies mid-way.
 */
export interface SessionStore {
  readState(eventLimit: number): Promise<StoredState>;
  getActiveProfile(): Promise<StoredProfile | null>;
  getSession(profileId: string, uid: string): Promise<StoredSession | null>;
  getProfile(id: string): Promise<StoredProfile | null>;
  /** Saves the profile (keeping its active user); with `activate`, makes it the active one. */
  saveProfile(profile: StoredProfile, options?: { activate?: boolean }): Promise<void>;
  activateProfile(id: string): Promise<void>;
  /** Deletes the profile and its sessions; if it was active, another profile (or none) becomes active. */
  deleteProfile(id: string): Promise<void>;
  /**
   * Holds the session, makes it active, logs the event; returns the event and the state as committed
   * (read in the same transaction, so the broadcast after a login needs no second read).
   */
  commitLogin(session: StoredSession, event: AuthEventDraft, eventLimit: number): Promise<{ event: AuthEvent; state: StoredState }>;
  /** Forgets the session, clears the active uid if it was active, logs the event. */
  commitLogout(profileId: string, uid: string, event: AuthEventDraft): Promise<AuthEvent>;
  /** Logs an event that changed nothing else (a failure). */
  appendEvent(event: AuthEventDraft): Promise<AuthEvent>;
  listEvents(): Promise<AuthEvent[]>;
  /** Forgets a held session without telling the server; clears the active uid if it was active. */
  forgetSession(profileId: string, uid: string): Promise<void>;
  /** Empties the log; sequence numbers go on from where they were. */
  clearEvents(): Promise<void>;
  /** Every profile (for redacting their Auth Keys) and every held session of any profile. */
  listSecrets(): Promise<{ profiles: StoredProfile[]; sessions: StoredSession[] }>;
  /** Deletes everything: the way out of a database that cannot be opened or read. */
  reset(): Promise<void>;
}

type WriteTx = IDBPTransaction<InspectorSchema, ('meta' | 'events' | 'sessions' | 'profiles')[], 'readwrite'>;
type AnyTx = IDBPTransaction<InspectorSchema, ('meta' | 'events' | 'sessions' | 'profiles')[], 'readonly' | 'readwrite'>;
const ALL_STORES = [STORES.META, STORES.EVENTS, STORES.SESSIONS, STORES.PROFILES] as const;

export interface SessionStoreOptions {
  /** How many auth events to keep; the oldest are dropped first. */
  eventCap?: number;
}

function profileNotFound(id: string): CometChatException {
  return new CometChatException({ code: ERROR_CODES.ERR_PROFILE_NOT_FOUND, message: `No app profile has the id ${id}.`, details: { id } });
}

export function createSessionStore(connection: DatabaseConnection, { eventCap = EVENT_LOG_CAP }: SessionStoreOptions = {}): SessionStore {
  /** Runs `body` in one read-write transaction that also bumps the revision, and waits for the commit. */
  async function write<T>(body: (tx: WriteTx) => Promise<T>): Promise<T> {
    const db = await connection.get();
    // Relaxed durability: committed data survives the worker (and the browser) being killed; only an OS
    // crash could lose the last write, and that is not worth an fsync on every click.
    const tx = db.transaction([...ALL_STORES], 'readwrite', { durability: 'relaxed' });
    const meta = tx.objectStore(STORES.META);
    const revision = Number((await meta.get(META_KEYS.REVISION)) ?? 0);
    // Requests of one transaction run in order; waiting for each would only add round trips. A failing
    // request aborts the transaction, and `tx.done` rejects with it.
    const bumped = meta.put(revision + 1, META_KEYS.REVISION);
    const result = await body(tx);
    await Promise.all([bumped, tx.done]);
    return result;
  }

  /**
   * Reads everything views need inside `tx`. Independent reads go out together (each await is a round
   * trip to the IndexedDB thread); sequence numbers have no gaps, so the newest `eventLimit` events are
   * one key range. In a write transaction it sees that transaction's own writes.
   */
  async function readStateIn(tx: AnyTx, eventLimit: number): Promise<StoredState> {
    const events = tx.objectStore(STORES.EVENTS);
    const [revision, profileId, allProfiles, newest] = await Promise.all([
      tx.objectStore(STORES.META).get(META_KEYS.REVISION),
      tx.objectStore(STORES.META).get(META_KEYS.ACTIVE_PROFILE_ID) as Promise<string | undefined>,
      tx.objectStore(STORES.PROFILES).getAll() as Promise<unknown[]>,
      eventLimit > 0 ? events.openKeyCursor(null, 'prev') : null,
    ]);
    const profiles = allProfiles.filter(isStoredProfile).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    const profile = profiles.find((candidate) => candidate.id === profileId) ?? null;
    const lastSeq = (newest?.key as number | undefined) ?? 0;
    const [allSessions, recent]: [unknown[], unknown[]] = await Promise.all([
      profile ? (tx.objectStore(STORES.SESSIONS).index('byProfile').getAll(profile.id) as Promise<unknown[]>) : [],
      lastSeq > 0 ? (events.getAll(IDBKeyRange.bound(Math.max(1, lastSeq - eventLimit + 1), lastSeq)) as Promise<unknown[]>) : [],
    ]);
    const sessions = allSessions.filter(isStoredSession);
    const recentEvents = recent.filter(isAuthEvent);
    const unreadable = allProfiles.length - profiles.length + allSessions.length - sessions.length + recent.length - recentEvents.length;
    return { revision: Number(revision ?? 0), profiles, profile, activeUid: profile?.activeUid ?? null, sessions, events: recentEvents, unreadable };
  }

  async function append(tx: WriteTx, draft: AuthEventDraft): Promise<AuthEvent> {
    const events = tx.objectStore(STORES.EVENTS);
    const event: AuthEvent = { ...draft, seq: (await lastSeqIn(tx)) + 1 };
    // Numbers have no gaps, so the cap is one key range below the new number: no count, no cursor.
    await Promise.all([
      events.add(event),
      tx.objectStore(STORES.META).put(event.seq, META_KEYS.LAST_SEQ),
      event.seq > eventCap ? events.delete(IDBKeyRange.upperBound(event.seq - eventCap)) : undefined,
    ]);
    return event;
  }

  async function setActiveUid(tx: WriteTx, profileId: string, uid: string | null): Promise<void> {
    const profiles = tx.objectStore(STORES.PROFILES);
    const profile = await profiles.get(profileId);
    if (profile) await profiles.put({ ...profile, activeUid: uid });
  }

  /** Forgets a held session; the app's active user goes too if it was that one. */
  async function dropSession(tx: WriteTx, profileId: string, uid: string): Promise<void> {
    await tx.objectStore(STORES.SESSIONS).delete([profileId, uid]);
    const profile = await tx.objectStore(STORES.PROFILES).get(profileId);
    if (profile?.activeUid === uid) await setActiveUid(tx, profileId, null);
  }

  /** Version 1 stored no LAST_SEQ: the newest event's seq stands in for it. */
  async function lastSeqIn(tx: WriteTx): Promise<number> {
    const [stored, newest] = await Promise.all([
      tx.objectStore(STORES.META).get(META_KEYS.LAST_SEQ),
      tx.objectStore(STORES.EVENTS).openKeyCursor(null, 'prev'),
    ]);
    return Math.max(Number(stored ?? 0), Number(newest?.key ?? 0));
  }

  async function activeProfileIn(tx: WriteTx): Promise<string | null> {
    return ((await tx.objectStore(STORES.META).get(META_KEYS.ACTIVE_PROFILE_ID)) as string | undefined) ?? null;
  }

  return {
    async readState(eventLimit) {
      const db = await connection.get();
      const tx = db.transaction([...ALL_STORES], 'readonly');
      const state = await readStateIn(tx, eventLimit);
      await tx.done;
      return state;
    },

    async getProfile(id) {
      const db = await connection.get();
      return (await db.get(STORES.PROFILES, id)) ?? null;
    },

    async getActiveProfile() {
      const db = await connection.get();
      const id = (await db.get(STORES.META, META_KEYS.ACTIVE_PROFILE_ID)) as string | undefined;
      return id ? ((await db.get(STORES.PROFILES, id)) ?? null) : null;
    },

    async getSession(profileId, uid) {
      const db = await connection.get();
      return (await db.get(STORES.SESSIONS, [profileId, uid])) ?? null;
    },

    saveProfile: (profile, { activate = true } = {}) =>
      write(async (tx) => {
        const profiles = tx.objectStore(STORES.PROFILES);
        const existing = await profiles.get(profile.id);
        const order = existing?.order ?? Math.max(-1, ...(await profiles.getAll()).map((other) => other.order ?? 0)) + 1;
        await profiles.put({ ...profile, activeUid: existing?.activeUid ?? null, order });
        if (activate) await tx.objectStore(STORES.META).put(profile.id, META_KEYS.ACTIVE_PROFILE_ID);
      }),

    activateProfile: (id) =>
      write(async (tx) => {
        if (!(await tx.objectStore(STORES.PROFILES).get(id))) throw profileNotFound(id);
        await tx.objectStore(STORES.META).put(id, META_KEYS.ACTIVE_PROFILE_ID);
      }),

    deleteProfile: (id) =>
      write(async (tx) => {
        const profiles = tx.objectStore(STORES.PROFILES);
        if (!(await profiles.get(id))) throw profileNotFound(id);
        await profiles.delete(id);
        const sessions = tx.objectStore(STORES.SESSIONS);
        for (const key of await sessions.index('byProfile').getAllKeys(id)) await sessions.delete(key);
        if ((await activeProfileIn(tx)) === id) {
          const next = await profiles.openCursor();
          await tx.objectStore(STORES.META).put(next?.value.id ?? null, META_KEYS.ACTIVE_PROFILE_ID);
        }
      }),

    commitLogin: (session, draft, eventLimit) =>
      write(async (tx) => {
        const [event] = await Promise.all([append(tx, draft), tx.objectStore(STORES.SESSIONS).put(session), setActiveUid(tx, session.profileId, session.uid)]);
        return { event, state: await readStateIn(tx, eventLimit) };
      }),

    commitLogout: (profileId, uid, draft) =>
      write(async (tx) => {
        await dropSession(tx, profileId, uid);
        return append(tx, draft);
      }),

    appendEvent: (draft) => write((tx) => append(tx, draft)),

    async listEvents() {
      const db = await connection.get();
      return ((await db.getAll(STORES.EVENTS)) as unknown[]).filter(isAuthEvent);
    },

    reset: () => connection.reset(),

    forgetSession: (profileId, uid) => write((tx) => dropSession(tx, profileId, uid)),

    clearEvents: () =>
      write(async (tx) => {
        await tx.objectStore(STORES.META).put(await lastSeqIn(tx), META_KEYS.LAST_SEQ);
        await tx.objectStore(STORES.EVENTS).clear();
      }),

    async listSecrets() {
      const db = await connection.get();
      const tx = db.transaction([STORES.PROFILES, STORES.SESSIONS], 'readonly');
      const [profiles, sessions] = await Promise.all([tx.objectStore(STORES.PROFILES).getAll(), tx.objectStore(STORES.SESSIONS).getAll()]);
      await tx.done;
      return { profiles, sessions };
    },
  };
}
