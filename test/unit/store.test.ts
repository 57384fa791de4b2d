import { forceCloseDatabase, IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { EVENT_LANE_CAPS } from '@/lib/event-lanes';
import { createDatabaseConnection } from '@/lib/store/database';
import type { EventDraft } from '@/lib/store/events';
import { DB_NAME, DB_VERSION, META_KEYS, STORES, UPGRADES, type StoredSession } from '@/lib/store/schema';
import { readState } from '@/lib/store/state';
import { createStore, type Repositories } from '@/lib/store/transaction';

const profile = { id: 'p1', label: 'App', appId: 'app-1', region: 'eu', authKey: 'secret-key' };
const session = (uid: string): StoredSession => ({
  profileId: 'p1',
  uid,
  user: { uid, name: uid.toUpperCase() },
  authToken: `${uid}_token`,
  jwt: 'jwt',
  loggedInAt: 1,
});
const draft = (type: EventDraft['type'], change: Partial<EventDraft> = {}): EventDraft => ({
  type,
  appId: 'app-1',
  source: 'popup',
  at: 1000,
  durationMs: 5,
  ...change,
});

/** What a login commits: the session held, the app's active user, and its event. */
async function logIn({ sessions, profiles, events }: Repositories, uid: string) {
  const saved = (await profiles.get('p1'))!;
  await Promise.all([sessions.put(session(uid)), profiles.setActiveUid(saved, uid)]);
  return events.append(draft('loginSuccess', { uid }));
}

describe('store', () => {
  beforeEach(() => {
    indexedDB = new IDBFactory();
  });

  it('should start empty with no profile and no active user, in an epoch of its own', async () => {
    const store = createStore(createDatabaseConnection());

    const state = await store.read(readState);

    expect(state).toMatchObject({
      revision: 0,
      lastSeq: 0,
      profiles: [],
      profile: null,
      activeUid: null,
      sessions: [],
      lastLoginError: null,
      unreadable: 0,
    });
    expect(state.epoch).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should commit a login, its event and the new revision in one transaction', async () => {
    const store = createStore(createDatabaseConnection());
    await store.write(async ({ profiles }) => (await profiles.save(profile), profiles.setActiveId('p1')));

    const { event, state: committed } = await store.write(async (repositories) => {
      const event = await logIn(repositories, 'cometchat-uid-3');
      return { event, state: await readState(repositories) };
    });
    const state = await store.read(readState);

    expect(committed).toEqual(state);
    expect(event.seq).toBe(1);
    expect(state).toMatchObject({ activeUid: 'cometchat-uid-3', lastSeq: 1, revision: 2 });
    expect(state.sessions.map((held) => held.uid)).toEqual(['cometchat-uid-3']);
  });

  it('should write with the revision, last number and last error it is told, reading none of them', async () => {
    const store = createStore(createDatabaseConnection());
    await store.write(async ({ profiles }) => (await profiles.save(profile), profiles.setActiveId('p1')));
    const error = { code: 'ERR_UID_NOT_FOUND', message: 'No such user.', details: {} };
    await store.write(({ events }) => events.append(draft('loginFailure', { uid: 'nobody', error })));
    const stored = await store.read(readState);
    // Facts unlike the stored ones (revision 2, number 1, the failure's error): what is written and read back shows which
    // were used.
    const told = { epoch: 'told-epoch', revision: 40, lastSeq: 99, lastLoginError: null };

    const first = await store.write(async (repositories) => {
      const event = await logIn(repositories, 'cometchat-uid-1');
      return { event, state: await readState(repositories) };
    }, told);
    const second = await store.write(({ events }) => events.append(draft('loginSuccess', { uid: 'cometchat-uid-1' })), {
      ...told,
      revision: 41,
      lastSeq: 100,
    });
    const after = await store.read(readState);

    expect(stored).toMatchObject({ revision: 2, lastSeq: 1, lastLoginError: error });
    expect(first.event.seq).toBe(100);
    expect(first.state).toMatchObject({ epoch: 'told-epoch', revision: 41, lastSeq: 100, lastLoginError: null });
    expect(second.seq).toBe(101);
    // The success after a state told to have no error wrote none: the failure's stays stored.
    expect(after).toMatchObject({ epoch: stored.epoch, revision: 42, lastSeq: 101, lastLoginError: error });
  });

  it('should change nothing when a write fails part way', async () => {
    const store = createStore(createDatabaseConnection());
    await store.write(async ({ profiles }) => (await profiles.save(profile), profiles.setActiveId('p1')));
    const before = await store.read(readState);

    const failing = store.write(async (repositories) => {
      await logIn(repositories, 'cometchat-uid-1');
      throw new Error('validation failed after the first write');
    });

    await expect(failing).rejects.toThrow('validation failed');
    expect(await store.read(readState)).toEqual(before);
  });

  it("should report a write IndexedDB refused with IndexedDB's error and change nothing, waited for or not", async () => {
    const connection = createDatabaseConnection();
    const store = createStore(connection);
    await store.write(async ({ profiles }) => (await profiles.save(profile), profiles.setActiveId('p1')));
    // A log whose last number was lost: the next event's number is taken, and IndexedDB refuses the add.
    await (await connection.get()).put(STORES.EVENTS, { ...draft('loginSuccess'), seq: 1, lane: 'tester', laneSeq: 1 } as never);
    const before = await store.read(readState);

    // Writes answer once issued: the refusal comes when the transaction ends, or fails a read issued meanwhile.
    const unread = store.write(async (repositories) => void (await logIn(repositories, 'cometchat-uid-1')));
    const read = store.write(async (repositories) => (await logIn(repositories, 'cometchat-uid-2'), readState(repositories)));

    await expect(unread).rejects.toMatchObject({ name: 'ConstraintError' });
    await expect(read).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await store.read(readState)).toEqual(before);
  });

  it('should number events without gaps and keep only the newest beyond the cap', async () => {
    const store = createStore(createDatabaseConnection(), { laneCaps: { tester: 5, app: 3 } });

    for (let i = 0; i < 8; i++) await store.write(({ events }) => events.append(draft('loginFailure')));
    const events = await store.read(({ events }) => events.list());

    expect(events.map((event) => event.seq)).toEqual([4, 5, 6, 7, 8]);
  });

  it.each([
    ['after a number', { afterSeq: 2 }, [3, 4]],
    ['the newest few', { newest: 2 }, [3, 4]],
    ['the newest few after a number', { afterSeq: 3, newest: 3 }, [4]],
    ['none of the newest', { newest: 0 }, []],
    ['after the last', { afterSeq: 4 }, []],
  ])('should read %s as one range, oldest first', async (_name, range, seqs) => {
    const store = createStore(createDatabaseConnection());
    for (let i = 0; i < 4; i++) await store.write(({ events }) => events.append(draft('loginFailure')));

    const events = await store.read(({ events }) => events.list(range));

    expect(events.map((event) => event.seq)).toEqual(seqs);
  });

  it('should keep numbering after the log is cleared', async () => {
    const store = createStore(createDatabaseConnection());
    await store.write(({ events }) => events.append(draft('loginFailure')));
    await store.write(({ events }) => events.clear());

    const next = await store.write(({ events }) => events.append(draft('loginFailure')));

    expect(next.seq).toBe(2);
  });

  it.each([
    ['a failed login', [draft('loginFailure', { error: { code: 'ERR_UID_NOT_FOUND', message: 'x', details: {} } })], 'ERR_UID_NOT_FOUND'],
    ['a success after a failure', [draft('loginFailure'), draft('loginSuccess'), draft('logoutFailure')], null],
    ['a failed page switch', [draft('loginSuccess'), draft('loginFailure', { target: 'page' })], null],
  ])('should report the last login error after %s', async (_name, drafts, code) => {
    const store = createStore(createDatabaseConnection());
    for (const event of drafts) await store.write(({ events }) => events.append(event));

    const { lastLoginError } = await store.read(readState);

    expect(lastLoginError?.code ?? null).toBe(code);
  });

  it('should skip and count damaged records on every read path', async () => {
    const connection = createDatabaseConnection();
    const store = createStore(connection);
    await store.write(async (repositories) => {
      await repositories.profiles.save(profile);
      await repositories.profiles.setActiveId('p1');
      await logIn(repositories, 'cometchat-uid-1');
    });
    const db = await connection.get();
    await db.put(STORES.SESSIONS, { profileId: 'p1', uid: 'broken', user: 'not an object' } as never);
    // A damaged session of an app that is not the active one counts too, as a damaged profile does.
    await db.put(STORES.SESSIONS, { profileId: 'other', uid: 'broken', user: 'not an object' } as never);
    await db.put(STORES.PROFILES, { id: 'half', appId: 42 } as never);
    await db.put(STORES.EVENTS, { seq: 2, junk: true } as never);

    const reads = await store.read(async ({ profiles, sessions, events }) => ({
      all: (await profiles.all()).length,
      half: await profiles.get('half'),
      broken: await sessions.get('p1', 'broken'),
      held: (await sessions.all()).length,
      events: (await events.list()).length,
    }));

    expect(reads).toMatchObject({ all: 1, half: null, broken: null, held: 1, events: 1 });
    // The state reads profiles and sessions (the log is read on request, where its damaged records are counted).
    expect(await store.read(async (repositories) => (await readState(repositories), repositories.unreadable))).toBe(3);
    expect(await store.read(async (repositories) => (await repositories.events.list(), repositories.unreadable))).toBe(1);
  });

  it('should read an epoch that is not text as no epoch, not as "[object Object]"', async () => {
    const connection = createDatabaseConnection();
    const store = createStore(connection);
    await (await connection.get()).put(STORES.META, { damaged: true } as never, META_KEYS.EPOCH);

    expect(await store.read(({ meta }) => meta.epoch())).toBe('');
  });

  it('should keep working after the browser drops the database connection', async () => {
    const connection = createDatabaseConnection();
    const store = createStore(connection);
    await store.write(async ({ profiles }) => (await profiles.save(profile), profiles.setActiveId('p1')));
    await store.write((repositories) => logIn(repositories, 'cometchat-uid-1'));

    forceCloseDatabase((await connection.get()) as never);
    await store.write((repositories) => logIn(repositories, 'cometchat-uid-2'));
    const state = await store.read(readState);

    expect(state.sessions.map((held) => held.uid)).toEqual(['cometchat-uid-1', 'cometchat-uid-2']);
    expect(state.activeUid).toBe('cometchat-uid-2');
  });

  it('should start a new epoch, revision and numbering after a reset', async () => {
    const store = createStore(createDatabaseConnection());
    await store.write(({ events }) => events.append(draft('loginFailure')));
    const before = await store.read(readState);

    await store.reset();
    const after = await store.read(readState);

    expect(after).toMatchObject({ revision: 0, lastSeq: 0 });
    expect(after.epoch).not.toBe(before.epoch);
  });

  describe("lanes: the tester's own events and the app's activity, capped apart", () => {
    const activity = (change: Partial<EventDraft> = {}) => draft('pageActivity', { target: 'app', tabId: 7, source: 'page-agent', ...change });
    const seqsOf = (events: { seq: number }[]) => events.map((event) => event.seq);

    it("should keep the tester's login and page operation however much an app reports, dropping only the app's oldest activity", async () => {
      const store = createStore(createDatabaseConnection(), { laneCaps: { tester: 5, app: 3 } });
      await store.write(({ events }) => events.append(draft('loginSuccess', { uid: 'cometchat-uid-1' })));
      await store.write(({ events }) => events.append(draft('loginSuccess', { uid: 'cometchat-uid-2', target: 'page' })));

      for (let i = 0; i < 10; i++) await store.write(({ events }) => events.append(activity()));
      const events = await store.read(({ events }) => events.list());

      expect(seqsOf(events), "the tester's two events, then the app's newest three").toEqual([1, 2, 10, 11, 12]);
      expect(await store.read(({ events }) => events.lastSeq())).toBe(12);
    });

    it("should drop the tester's oldest beyond the tester's cap, the app's activity not counted", async () => {
      const store = createStore(createDatabaseConnection(), { laneCaps: { tester: 3, app: 5 } });
      const drafts = [draft('loginSuccess'), activity(), draft('logoutSuccess'), activity(), draft('loginFailure'), draft('loginSuccess')];

      for (const next of drafts) await store.write(({ events }) => events.append(next));
      const events = await store.read(({ events }) => events.list());

      expect(seqsOf(events)).toEqual([2, 3, 4, 5, 6]);
    });

    it.each([
      ['the newest two', { newest: 2 }, [4, 5]],
      ['the newest three', { newest: 3 }, [3, 4, 5]],
      ['the newest four, across the hole', { newest: 4 }, [1, 3, 4, 5]],
      ['more than the log holds', { newest: 10 }, [1, 3, 4, 5]],
      ['the newest two after a number', { afterSeq: 3, newest: 2 }, [4, 5]],
      ['the newest five after a number', { afterSeq: 4, newest: 5 }, [5]],
      ['after a number in the hole', { afterSeq: 1 }, [3, 4, 5]],
    ])('should read %s from a log with holes where a lane dropped its oldest', async (_name, range, seqs) => {
      const store = createStore(createDatabaseConnection(), { laneCaps: { tester: 5, app: 2 } });
      for (const next of [draft('loginSuccess'), activity(), activity(), activity(), draft('logoutSuccess')]) {
        await store.write(({ events }) => events.append(next));
      }

      const events = await store.read(({ events }) => events.list(range));

      expect(seqsOf(events)).toEqual(seqs);
    });

    it("should keep the tester's login through a burst of 10,080 reports in one transaction, with the product's caps", async () => {
      const store = createStore(createDatabaseConnection());
      await store.write(({ events }) => events.append(draft('loginSuccess', { uid: 'cometchat-uid-1' })));

      await store.write(async ({ events }) => {
        for (let i = 0; i < 10_080; i++) await events.append(activity());
      });
      const events = await store.read(({ events }) => events.list());

      expect(events).toHaveLength(1 + EVENT_LANE_CAPS.app);
      expect(events[0]).toMatchObject({ seq: 1, type: 'loginSuccess', uid: 'cometchat-uid-1' });
      expect(events[1]!.seq).toBe(10_081 - EVENT_LANE_CAPS.app + 1);
      expect(events.at(-1)!.seq).toBe(10_081);
      // 10,080 appends on fake-indexeddb take a second or two alone, several on a busy machine.
    }, 30_000);

    it("should hand out events as the protocol has them, without the store's lane bookkeeping", async () => {
      const store = createStore(createDatabaseConnection());

      const appended = await store.write(({ events }) => events.append(activity()));
      const [listed] = await store.read(({ events }) => events.list());

      expect(Object.keys(appended).sort()).toEqual(Object.keys({ ...activity(), seq: 1 }).sort());
      expect(listed).toEqual(appended);
    });
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

      const state = await createStore(createDatabaseConnection()).read(readState);

      expect(state.profile).toEqual({ ...profile, activeUid: 'cometchat-uid-4', order: 0 });
      expect(state.activeUid).toBe('cometchat-uid-4');
      expect(state.sessions).toEqual([session('cometchat-uid-4')]);
      expect(state.epoch).not.toBe('');
    });

    it("should number a version 3 log by lane, keeping the tester's events and the app's newest activity up to its cap", async () => {
      const v3 = await openDB(DB_NAME, 3, {
        upgrade: (db, oldVersion, _new, tx) => {
          for (let version = oldVersion; version < 3; version++) UPGRADES[version]!(db as never, tx as never);
        },
      });
      const appEvents = EVENT_LANE_CAPS.app + 4;
      const lastSeq = appEvents + 2;
      const tx = v3.transaction([STORES.EVENTS, STORES.META], 'readwrite');
      void tx.objectStore(STORES.EVENTS).put({ ...draft('loginSuccess'), seq: 1 });
      for (let seq = 2; seq <= appEvents + 1; seq++) void tx.objectStore(STORES.EVENTS).put({ ...draft('pageActivity', { target: 'app' }), seq });
      void tx.objectStore(STORES.EVENTS).put({ ...draft('logoutSuccess'), seq: lastSeq });
      void tx.objectStore(STORES.META).put(lastSeq, META_KEYS.LAST_SEQ);
      await tx.done;
      v3.close();
      const store = createStore(createDatabaseConnection());

      const upgraded = await store.read(({ events }) => events.list());
      const next = await store.write(({ events }) => events.append(draft('pageActivity', { target: 'app' })));
      const after = await store.read(({ events }) => events.list());

      const activitySeqs = (events: { seq: number; type: string }[]) =>
        events.filter((event) => event.type === 'pageActivity').map((event) => event.seq);
      expect(upgraded.filter((event) => event.type !== 'pageActivity').map((event) => event.seq)).toEqual([1, lastSeq]);
      expect(activitySeqs(upgraded)).toEqual(Array.from({ length: EVENT_LANE_CAPS.app }, (_, index) => 6 + index));
      expect(next.seq).toBe(lastSeq + 1);
      expect(activitySeqs(after), 'the next report pushes out the oldest kept, one for one').toEqual([
        ...Array.from({ length: EVENT_LANE_CAPS.app - 1 }, (_, index) => 7 + index),
        lastSeq + 1,
      ]);
    });

    it('should go on numbering events after those a version 1 database holds (it stored no last number)', async () => {
      const v1 = await openDB(DB_NAME, 1, { upgrade: (db, _old, _new, tx) => UPGRADES[0]!(db as never, tx as never) });
      for (const seq of [1, 2, 3]) await v1.put(STORES.EVENTS, { ...draft('loginFailure'), seq });
      v1.close();

      const next = await createStore(createDatabaseConnection()).write(({ events }) => events.append(draft('loginFailure')));

      expect(next.seq).toBe(4);
    });
  });
});
