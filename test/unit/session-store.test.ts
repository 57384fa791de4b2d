import { forceCloseDatabase, IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDatabaseConnection } from '@/lib/store/database';
import { DB_NAME, DB_VERSION, META_KEYS, STORES, UPGRADES, type StoredSession } from '@/lib/store/schema';
import { createSessionStore, type AuthEventDraft } from '@/lib/store/session-store';

const profile = { id: 'p1', label: 'App', appId: 'app-1', region: 'eu', authKey: 'secret-key' };
const session = (uid: string): StoredSession => ({
  profileId: 'p1',
  uid,
  user: { uid, name: uid.toUpperCase() },
  authToken: `${uid}_token`,
  jwt: 'jwt',
  loggedInAt: 1,
});
const draft = (type: AuthEventDraft['type'], uid?: string): AuthEventDraft => ({
  type,
  uid,
  appId: 'app-1',
  source: 'popup',
  at: 1000,
  durationMs: 5,
});

describe('session store', () => {
  beforeEach(() => {
    indexedDB = new IDBFactory();
  });

  it('should start empty with no profile and no active user', async () => {
    const store = createSessionStore(createDatabaseConnection());

    const state = await store.readState(10);

    expect(state).toEqual({ revision: 0, profiles: [], profile: null, activeUid: null, sessions: [], events: [], unreadable: 0 });
  });

  it('should hold a login as the active session and log its event in the same commit', async () => {
    const store = createSessionStore(createDatabaseConnection());
    await store.saveProfile(profile);

    const { event, state: committed } = await store.commitLogin(session('cometchat-uid-3'), draft('loginSuccess', 'cometchat-uid-3'), 10);
    const state = await store.readState(10);

    expect(committed).toEqual(state);
    expect(event.seq).toBe(1);
    expect(state.activeUid).toBe('cometchat-uid-3');
    expect(state.sessions.map((held) => held.uid)).toEqual(['cometchat-uid-3']);
    expect(state.events).toEqual([event]);
    expect(state.revision).toBe(2);
  });

  it('should forget a logged-out session and clear the active uid', async () => {
    const store = createSessionStore(createDatabaseConnection());
    await store.saveProfile(profile);
    await store.commitLogin(session('cometchat-uid-1'), draft('loginSuccess', 'cometchat-uid-1'), 10);
    await store.commitLogin(session('cometchat-uid-2'), draft('loginSuccess', 'cometchat-uid-2'), 10);

    await store.commitLogout('p1', 'cometchat-uid-2', draft('logoutSuccess', 'cometchat-uid-2'));
    const state = await store.readState(10);

    expect(state.activeUid).toBeNull();
    expect(state.sessions.map((held) => held.uid)).toEqual(['cometchat-uid-1']);
  });

  it('should number events without gaps and keep only the newest beyond the cap', async () => {
    const store = createSessionStore(createDatabaseConnection(), { eventCap: 5 });

    for (let i = 0; i < 8; i++) await store.appendEvent(draft('loginFailure'));
    const events = await store.listEvents();

    expect(events.map((event) => event.seq)).toEqual([4, 5, 6, 7, 8]);
  });

  it('should return only the newest events, oldest first, when a limit is given', async () => {
    const store = createSessionStore(createDatabaseConnection());
    for (let i = 0; i < 4; i++) await store.appendEvent(draft('loginFailure'));

    const { events } = await store.readState(2);

    expect(events.map((event) => event.seq)).toEqual([3, 4]);
  });

  it('should keep working after the browser drops the database connection', async () => {
    const connection = createDatabaseConnection();
    const store = createSessionStore(connection);
    await store.saveProfile(profile);
    await store.commitLogin(session('cometchat-uid-1'), draft('loginSuccess', 'cometchat-uid-1'), 10);

    forceCloseDatabase((await connection.get()) as never);
    await store.commitLogin(session('cometchat-uid-2'), draft('loginSuccess', 'cometchat-uid-2'), 10);
    const state = await store.readState(10);

    expect(state.sessions.map((held) => held.uid)).toEqual(['cometchat-uid-1', 'cometchat-uid-2']);
    expect(state.activeUid).toBe('cometchat-uid-2');
  });

  it('should keep data written by another connection when reopened', async () => {
    const first = createDatabaseConnection();
    await createSessionStore(first).saveProfile(profile);
    first.close();

    const state = await createSessionStore(createDatabaseConnection()).readState(10);

    expect(state.profile).toEqual({ ...profile, activeUid: null, order: 0 });
  });

  describe('upgrade path', () => {
    it('should have one upgrade step per version', () => {
      expect(UPGRADES).toHaveLength(DB_VERSION);
    });

    it('should create every store when opening from nothing', async () => {
      const db = await createDatabaseConnection().get();

      expect([...db.objectStoreNames].sort()).toEqual(Object.values(STORES).sort());
      expect(db.version).toBe(DB_VERSION);
    });

    it('should upgrade a database written at version 1 by hand, keeping every profile, session and the active user', async () => {
      // A fixture written without our code: exactly what version 1 of the extension stored.
      const v1 = await openDB(DB_NAME, 1, { upgrade: (db, _old, _new, tx) => UPGRADES[0]!(db as never, tx as never) });
      await v1.put(STORES.PROFILES, profile);
      await v1.put(STORES.META, 'p1', META_KEYS.ACTIVE_PROFILE_ID);
      await v1.put(STORES.SESSIONS, session('cometchat-uid-4'));
      await v1.put(STORES.META, 'cometchat-uid-4', META_KEYS.ACTIVE_UID);
      v1.close();

      const state = await createSessionStore(createDatabaseConnection()).readState(10);

      expect(state.profile).toEqual({ ...profile, activeUid: 'cometchat-uid-4', order: 0 });
      expect(state.activeUid).toBe('cometchat-uid-4');
      expect(state.sessions).toEqual([session('cometchat-uid-4')]);
    });
  });
});
