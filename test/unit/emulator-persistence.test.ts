/**
 * `--data FILE`: the emulator's users and tokens survive a restart, every change reaches the file,
 * and a damaged file is reported instead of half-loaded.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStateSaver, loadState } from '@/emulator/state/persistence';
import type { SerializedState } from '@/emulator/state/snapshot';
import { createEmulatorState, type EmulatorState } from '@/emulator/state/emulator-state';
import { startEmulator } from '@/emulator';

const APP_ID = 'persisted-app';

let directory: string;
let file: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'emulator-persistence-'));
  file = join(directory, 'state.json');
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

/** A state with one of each kind of change a user of the REST API can make. */
function stateWithHistory(): { state: EmulatorState; kept: string; revoked: string } {
  const state = createEmulatorState(APP_ID);
  state.createUser({ uid: 'Created', name: 'Created User', tags: ['vip'], metadata: { plan: 'pro' } });
  state.updateUser('cometchat-uid-2', { name: 'Renamed' });
  state.deleteUser('cometchat-uid-3');
  state.deleteUser('cometchat-uid-4', { permanent: true });
  const kept = state.issueAuthToken('created').authToken;
  const revoked = state.issueAuthToken('cometchat-uid-1').authToken;
  state.revokeAuthToken(revoked);
  state.setPresence('cometchat-uid-5', 'online');
  return { state, kept, revoked };
}

describe('toJSON and createEmulatorState({ initial })', () => {
  it('should continue with the same users, tokens, jwts and signing secret', () => {
    const { state, kept, revoked } = stateWithHistory();

    const restored = createEmulatorState(APP_ID, { initial: state.toJSON() });

    expect(restored.toJSON()).toEqual(state.toJSON());
    expect(restored.findSession(kept)).toEqual(state.findSession(kept));
    expect(restored.findSessionByJwt(state.findSession(kept)!.jwt)?.authToken).toBe(kept);
    expect(restored.findSession(revoked)).toBeUndefined();
    expect(restored.findUser('created')).toMatchObject({ tags: ['vip'], metadata: { plan: 'pro' } });
    expect(restored.findUser('cometchat-uid-2')?.name).toBe('Renamed');
    expect(restored.findUser('cometchat-uid-5')?.status).toBe('online');
    expect(restored.findUser('cometchat-uid-3')).toBeUndefined();
    expect(restored.createUser({ uid: 'cometchat-uid-3', name: 'Again' }), 'a soft-deleted uid stays taken').toBeUndefined();
    expect(restored.createUser({ uid: 'cometchat-uid-4', name: 'Again' }), 'a permanently deleted uid is free').toBeDefined();
  });

  it('should not share objects with the snapshot it was given or returned', () => {
    const snapshot = createEmulatorState(APP_ID).toJSON();
    const state = createEmulatorState(APP_ID, { initial: snapshot });

    snapshot.users[0]!.name = 'Mutated';
    state.toJSON().users[0]!.name = 'Mutated too';

    expect(state.findUser('cometchat-uid-1')?.name).toBe('Andrew Joseph');
  });

  it('should refuse a snapshot of another app, whose tokens were minted for that app', () => {
    const snapshot = createEmulatorState('other-app').toJSON();

    expect(() => createEmulatorState(APP_ID, { initial: snapshot })).toThrow(/other-app/);
  });
});

describe('onChange', () => {
  it.each<[string, (state: EmulatorState) => unknown]>([
    ['creating a user', (state) => state.createUser({ uid: 'new', name: 'New' })],
    ['updating a user', (state) => state.updateUser('cometchat-uid-1', { name: 'X' })],
    ['deleting a user', (state) => state.deleteUser('cometchat-uid-1')],
    ['deleting a user permanently', (state) => state.deleteUser('cometchat-uid-1', { permanent: true })],
    ['issuing a token', (state) => state.issueAuthToken('cometchat-uid-1')],
    ['revoking a token', (state) => state.revokeAuthToken(state.listAuthTokens('cometchat-uid-2')[0]!.authToken)],
    ['flushing a user’s tokens', (state) => state.revokeAuthTokensOf('cometchat-uid-2')],
    ['changing presence', (state) => state.setPresence('cometchat-uid-1', 'online')],
  ])('should fire once, after the change, for %s', (_, mutate) => {
    const state = createEmulatorState(APP_ID);
    state.issueAuthToken('cometchat-uid-2');
    const seen: SerializedState[] = [];
    state.onChange(() => seen.push(state.toJSON()));
    const before = state.toJSON();

    mutate(state);

    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual(state.toJSON());
    expect(seen[0]).not.toEqual(before);
  });

  it.each<[string, (state: EmulatorState) => unknown]>([
    ['creating a user whose uid exists', (state) => state.createUser({ uid: 'cometchat-uid-1', name: 'Dup' })],
    ['updating an unknown user', (state) => state.updateUser('ghost', { name: 'X' })],
    ['deleting an unknown user', (state) => state.deleteUser('ghost')],
    ['revoking an unknown token', (state) => state.revokeAuthToken('nope')],
    ['flushing a user without tokens', (state) => state.revokeAuthTokensOf('cometchat-uid-1')],
    ['setting presence of an unknown user', (state) => state.setPresence('ghost', 'online')],
  ])('should stay quiet for %s, which changes nothing', (_, attempt) => {
    const state = createEmulatorState(APP_ID);
    const listener = vi.fn();
    state.onChange(listener);

    attempt(state);

    expect(listener).not.toHaveBeenCalled();
  });

  it('should stop after unsubscribing', () => {
    const state = createEmulatorState(APP_ID);
    const listener = vi.fn();
    state.onChange(listener)();

    state.issueAuthToken('cometchat-uid-1');

    expect(listener).not.toHaveBeenCalled();
  });
});

describe('createStateSaver and loadState', () => {
  it('should round-trip a state through the file, tokens still valid', async () => {
    const { state, kept } = stateWithHistory();
    const saver = createStateSaver(file);
    state.onChange(() => saver.save(() => state.toJSON()));
    const late = state.issueAuthToken('cometchat-uid-1').authToken;

    await saver.flush();
    const restored = createEmulatorState(APP_ID, { initial: loadState(file) });

    expect(restored.toJSON()).toEqual(state.toJSON());
    expect(restored.findSession(kept)?.uid).toBe('created');
    expect(restored.findSession(late)?.uid).toBe('cometchat-uid-1');
  });

  it('should start fresh (undefined) when the file does not exist', () => {
    expect(loadState(join(directory, 'missing.json'))).toBeUndefined();
  });

  it('should write a burst of changes once, with the last change', async () => {
    const saver = createStateSaver(file);
    const snapshots = Array.from({ length: 10 }, (_, index) =>
      vi.fn(() => ({ ...createEmulatorState(APP_ID).toJSON(), signingSecret: `s${index}` })),
    );

    snapshots.forEach((snapshot) => saver.save(snapshot));
    await saver.flush();

    expect(snapshots.filter((snapshot) => snapshot.mock.calls.length > 0)).toEqual([snapshots[9]]);
    expect(loadState(file)?.signingSecret).toBe('s9');
  });

  it('should write on its own, shortly after a change, without flush', async () => {
    const state = createEmulatorState(APP_ID);
    const saver = createStateSaver(file, { delayMs: 1 });
    state.onChange(() => saver.save(() => state.toJSON()));

    const { authToken } = state.issueAuthToken('cometchat-uid-1');

    await vi.waitFor(() => expect(loadState(file)?.authTokens.map((session) => session.authToken)).toEqual([authToken]));
  });

  it('should not lose a change made while a write is running', async () => {
    const saver = createStateSaver(file, { delayMs: 0 });
    const first = createEmulatorState(APP_ID).toJSON();
    const second = { ...first, signingSecret: 'second' };

    saver.save(() => {
      saver.save(() => second); // Arrives while the first write is under way.
      return first;
    });

    await vi.waitFor(() => expect(loadState(file)?.signingSecret).toBe('second'));
  });

  it('should leave no temporary files behind', async () => {
    const state = createEmulatorState(APP_ID);
    const saver = createStateSaver(file, { delayMs: 0 });
    state.onChange(() => saver.save(() => state.toJSON()));

    for (let index = 0; index < 20; index += 1) {
      state.issueAuthToken('cometchat-uid-1');
      if (index % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await saver.flush();

    expect(readdirSync(directory)).toEqual(['state.json']);
  });

  it('should reject flush with the file’s name when it cannot write, and succeed once it can', async () => {
    const nested = join(directory, 'not-yet', 'state.json');
    const saver = createStateSaver(nested);
    saver.save(() => createEmulatorState(APP_ID).toJSON());

    await expect(saver.flush()).rejects.toThrow(`Could not save the emulator state to ${nested}`);
    mkdirSync(join(directory, 'not-yet'));
    await saver.flush();

    expect(loadState(nested)?.appId).toBe(APP_ID);
    expect(readdirSync(join(directory, 'not-yet'))).toEqual(['state.json']);
  });

  it('should report a failed background write to onError', async () => {
    const onError = vi.fn();
    const saver = createStateSaver(join(directory, 'missing-dir', 'state.json'), { delayMs: 0, onError });

    saver.save(() => createEmulatorState(APP_ID).toJSON());

    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: expect.stringContaining('missing-dir') })));
  });
});

describe('loadState of a damaged file', () => {
  const valid = () => createEmulatorState(APP_ID).toJSON() as unknown as Record<string, any>;
  it.each<[string, () => string, RegExp]>([
    ['an empty file', () => '', /is not valid JSON/],
    ['cut-off JSON', () => JSON.stringify(valid()).slice(0, 40), /is not valid JSON/],
    ['a JSON array', () => '[]', /The top level must be a JSON object/],
    ['another version', () => JSON.stringify({ ...valid(), version: 2 }), /Unsupported version 2/],
    ['no signing secret', () => JSON.stringify({ ...valid(), signingSecret: undefined }), /"signingSecret"/],
    ['a user without a name', () => JSON.stringify({ ...valid(), users: [{ ...valid().users[0], name: undefined }] }), /users\[0\]\.name/],
    ['an upper-case uid', () => JSON.stringify({ ...valid(), users: [{ ...valid().users[0], uid: 'UPPER' }] }), /users\[0\]\.uid/],
    ['a uid twice', () => JSON.stringify({ ...valid(), users: [valid().users[0], valid().users[0]] }), /appears twice/],
    ['tags that are not strings', () => JSON.stringify({ ...valid(), users: [{ ...valid().users[0], tags: [1] }] }), /users\[0\]\.tags/],
    [
      'a token without a jwt',
      () => {
        const state = createEmulatorState(APP_ID);
        state.issueAuthToken('cometchat-uid-1');
        const snapshot = state.toJSON() as unknown as Record<string, any>;
        return JSON.stringify({ ...snapshot, authTokens: [{ ...snapshot.authTokens[0], jwt: undefined }] });
      },
      /authTokens\[0\]\.jwt/,
    ],
    [
      'a token of a user who is not there',
      () => {
        const state = createEmulatorState(APP_ID);
        state.issueAuthToken('cometchat-uid-1');
        const snapshot = state.toJSON();
        return JSON.stringify({ ...snapshot, users: snapshot.users.slice(1) });
      },
      /authTokens\[0\] belongs to "cometchat-uid-1"/,
    ],
  ])('should throw an error naming the file for %s', (_, contents, reason) => {
    writeFileSync(file, contents());

    expect(() => loadState(file)).toThrow(file);
    expect(() => loadState(file)).toThrow(reason);
  });

  it('should throw an error naming the path when it cannot be read', () => {
    expect(() => loadState(directory)).toThrow(`Could not read the emulator data file ${directory}`);
  });

  it('should read back exactly what the saver wrote', async () => {
    const { state } = stateWithHistory();
    const saver = createStateSaver(file);
    saver.save(() => state.toJSON());
    await saver.flush();

    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state.toJSON());
  });
});

describe('startEmulator({ dataFile })', () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'emulator-restart-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const putMe = (url: string, appId: string, authToken: string) =>
    fetch(`${url}/v3.0/me`, { method: 'PUT', headers: { appid: appId, authtoken: authToken } });

  it('should keep tokens and created users across a restart', async () => {
    const dataFile = join(folder, 'emulator.json');
    const first = await startEmulator({ port: 0, dataFile });
    const token = first.createAuthToken('cometchat-uid-2');
    const created = await fetch(`${first.url}/v3.0/users`, {
      method: 'POST',
      headers: { appid: first.appId, apikey: first.restApiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ uid: 'tester-9', name: 'Tester Nine' }),
    });
    expect(created.status).toBe(200);
    await first.close();

    const second = await startEmulator({ port: 0, dataFile });
    try {
      const reply = await putMe(second.url, second.appId, token);

      expect(reply.status).toBe(200);
      expect((await reply.json()).data.uid).toBe('cometchat-uid-2');
      expect(second.createAuthToken('tester-9')).toMatch(/^tester-9_/);
    } finally {
      await second.close();
    }
  });

  it('should refuse to start on a damaged data file, naming it', async () => {
    const dataFile = join(folder, 'broken.json');
    writeFileSync(dataFile, '{"version":');

    await expect(startEmulator({ port: 0, dataFile })).rejects.toThrow(dataFile);
  });
});
