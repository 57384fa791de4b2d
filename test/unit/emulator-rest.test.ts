/**
 * The emulator's REST API v3 for servers (protocol doc §8): users and their auth tokens, spoken
 * to over real HTTP with the `apikey` header, next to the client API (login, `me`) it shares
 * users and tokens with.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiRoutes } from '@/emulator/api/api-routes';
import { createFaultList } from '@/emulator/faults';
import { createRequestListener } from '@/emulator/http/dispatch';
import { mergeRouteTables } from '@/emulator/http/route-table';
import { openTransport, type Transport } from '@/emulator/http/transport';
import { createEmulatorState, MAX_TOKENS_PER_USER, type EmulatorState } from '@/emulator/state/emulator-state';
import type { AuthSession } from '@/emulator/state/tokens';

const credentials = { appId: 'rest-app', authKey: 'test-auth-key', restApiKey: 'test-rest-api-key' };

let transport: Transport;
let state: EmulatorState;
let url: string;
let unexpected: unknown[];
let closing: AbortController;

/** Serves the client API and the REST API together, as startEmulator does, over a state the tests can reach into. */
beforeEach(async () => {
  transport = await openTransport('127.0.0.1', 0);
  state = createEmulatorState(credentials.appId);
  url = `http://127.0.0.1:${transport.port}`;
  unexpected = [];
  closing = new AbortController();
  const context = { state, credentials, apiHost: `127.0.0.1:${transport.port}`, chatHost: '127.0.0.1', port: transport.port };
  const listener = createRequestListener({
    routes: createApiRoutes(context),
    credentials,
    faults: createFaultList(),
    requestLog: [],
    closing: closing.signal,
    onUnexpectedError: (error) => unexpected.push(error),
  });
  transport.server.on('request', listener);
});

afterEach(async () => {
  closing.abort();
  await transport.close();
  expect(unexpected, 'no request should have ended in a 500').toEqual([]);
});

type KeyKind = 'rest' | 'auth' | 'none' | 'unknown';
const API_KEYS: Record<KeyKind, string | undefined> = {
  rest: credentials.restApiKey,
  auth: credentials.authKey,
  none: undefined,
  unknown: 'not-a-key',
};

interface Reply {
  status: number;
  body: any;
}

async function call(method: string, path: string, options: { key?: KeyKind; body?: unknown } = {}): Promise<Reply> {
  const apikey = API_KEYS[options.key ?? 'rest'];
  const headers: Record<string, string> = { appid: credentials.appId, ...(apikey ? { apikey } : {}) };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}/v3${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  return { status: response.status, body: await response.json() };
}

/** A client API call (`PUT /me` and friends) with an auth token, as the SDK makes it. */
async function callAsClient(method: string, path: string, authtoken: string): Promise<Reply> {
  const response = await fetch(`${url}/v3.0${path}`, { method, headers: { appid: credentials.appId, authtoken } });
  return { status: response.status, body: await response.json() };
}

const uidsOf = (reply: Reply): string[] => reply.body.data.map((user: { uid: string }) => user.uid);

describe('POST users', () => {
  it('should create an offline user with CometChat’s defaults and return it', async () => {
    const before = Math.floor(Date.now() / 1000);

    const reply = await call('POST', '/users', { body: { uid: 'new-user', name: 'New User' } });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      data: {
        uid: 'new-user',
        name: 'New User',
        avatar: '',
        link: '',
        role: 'default',
        metadata: {},
        status: 'offline',
        statusMessage: '',
        lastActiveAt: 0,
        tags: [],
        hasBlockedMe: false,
        blockedByMe: false,
        deactivatedAt: 0,
        createdAt: expect.any(Number),
        updatedAt: expect.any(Number),
      },
    });
    expect(reply.body.data.createdAt).toBeGreaterThanOrEqual(before);
  });

  it.each<[string, KeyKind]>([
    ['the Auth Key', 'auth'],
    ['the REST API key', 'rest'],
  ])('should accept %s', async (_, key) => {
    const reply = await call('POST', '/users', { key, body: { uid: 'keyed', name: 'Keyed' } });

    expect(reply.status).toBe(200);
  });

  it('should keep every optional field it is given', async () => {
    const fields = {
      avatar: 'https://example.com/a.png',
      link: 'https://example.com/u',
      role: 'moderator',
      statusMessage: 'Busy',
      metadata: { '@private': { email: 'a@example.com' }, plan: 'pro' },
      tags: ['vip', 'beta'],
    };

    const reply = await call('POST', '/users', { body: { uid: 'full', name: 'Full', ...fields } });

    expect(reply.body.data).toMatchObject(fields);
  });

  it('should store the uid lower-cased, so every look-up finds it', async () => {
    const reply = await call('POST', '/users', { body: { uid: 'Mixed_Case-ID', name: 'Mixed' } });
    const lookup = await call('GET', '/users/MIXED_CASE-ID');

    expect(reply.body.data.uid).toBe('mixed_case-id');
    expect(lookup.body.data.uid).toBe('mixed_case-id');
  });

  it('should add an auth token the client API accepts when withAuthToken is true', async () => {
    const reply = await call('POST', '/users', { body: { uid: 'with-token', name: 'With Token', withAuthToken: true } });
    const login = await callAsClient('PUT', '/me', reply.body.data.authToken);

    expect(reply.body.data.authToken).toMatch(/^with-token_\d{10}[0-9a-f]{30}$/);
    expect(login.body.data).toMatchObject({ uid: 'with-token', status: 'online' });
  });

  it('should not add an auth token by default', async () => {
    const reply = await call('POST', '/users', { body: { uid: 'no-token', name: 'No Token' } });

    expect(reply.body.data).not.toHaveProperty('authToken');
    expect(state.listAuthTokens('no-token')).toEqual([]);
  });

  it.each(['cometchat-uid-1', 'COMETCHAT-UID-1'])('should refuse %s, which already exists, with ERR_UID_ALREADY_EXISTS', async (uid) => {
    const reply = await call('POST', '/users', { body: { uid, name: 'Again' } });

    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({
      code: 'ERR_UID_ALREADY_EXISTS',
      message: 'The UID cometchat-uid-1 already exists, please use another UID.',
      details: {},
    });
  });

  it('should accept a uid of exactly 100 characters', async () => {
    const reply = await call('POST', '/users', { body: { uid: 'u'.repeat(100), name: 'Long' } });

    expect(reply.status).toBe(200);
  });

  const TOO_LONG = 'The uid may not be greater than 100 characters.';
  const NOT_ALPHA_DASH = 'The uid may only contain letters, numbers, dashes and underscores.';
  it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
    ['no uid and no name', {}, { uid: ['The uid field is required.'], name: ['The name field is required.'] }],
    ['a blank uid', { uid: '  ', name: 'N' }, { uid: ['The uid field is required.'] }],
    ['a null name', { uid: 'ok', name: null }, { name: ['The name field is required.'] }],
    ['a uid that is a number', { uid: 42, name: 'N' }, { uid: ['The uid must be a string.'] }],
    ['a uid with a dot', { uid: 'a.b', name: 'N' }, { uid: [NOT_ALPHA_DASH] }],
    ['a uid with a space', { uid: 'a b', name: 'N' }, { uid: [NOT_ALPHA_DASH] }],
    ['a uid of 101 characters', { uid: 'u'.repeat(101), name: 'N' }, { uid: [TOO_LONG] }],
    ['a long uid with an @', { uid: `@${'u'.repeat(100)}`, name: 'N' }, { uid: [NOT_ALPHA_DASH, TOO_LONG] }],
    ['a name that is an object', { uid: 'ok', name: {} }, { name: ['The name must be a string.'] }],
    ['an avatar that is a number', { uid: 'ok', name: 'N', avatar: 5 }, { avatar: ['The avatar must be a string.'] }],
    ['a role that is a boolean', { uid: 'ok', name: 'N', role: true }, { role: ['The role must be a string.'] }],
    ['tags that are a string', { uid: 'ok', name: 'N', tags: 'vip' }, { tags: ['The tags must be an array.'] }],
    ['a tag that is a number', { uid: 'ok', name: 'N', tags: ['vip', 7] }, { 'tags.1': ['The tags.1 must be a string.'] }],
    ['metadata that is an array', { uid: 'ok', name: 'N', metadata: [] }, { metadata: ['The metadata must be an object.'] }],
    ['metadata that is a string', { uid: 'ok', name: 'N', metadata: 'x' }, { metadata: ['The metadata must be an object.'] }],
    ['withAuthToken that is a string', { uid: 'ok', name: 'N', withAuthToken: 'yes' }, { withAuthToken: ['The withAuthToken field must be true or false.'] }],
  ])('should answer ERR_BAD_REQUEST with per-field details for %s', async (_, body, details) => {
    const reply = await call('POST', '/users', { body });

    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({ code: 'ERR_BAD_REQUEST', message: 'Failed to validate the data.', details });
    expect(state.findUser('ok')).toBeUndefined();
  });
});

describe('GET users', () => {
  it('should list the sample users sorted by name, with CometChat’s pagination meta', async () => {
    const reply = await call('GET', '/users');

    expect(reply.status).toBe(200);
    expect(uidsOf(reply)).toEqual(['cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-5', 'cometchat-uid-3', 'cometchat-uid-4']);
    expect(reply.body.data[0]).toMatchObject({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', status: 'offline' });
    expect(reply.body.meta).toEqual({ pagination: { total: 5, count: 5, per_page: 100, current_page: 1, total_pages: 1 } });
  });

  it.each<[string, number, number, string[]]>([
    ['perPage=2&page=1', 2, 3, ['cometchat-uid-1', 'cometchat-uid-2']],
    ['perPage=2&page=2', 2, 3, ['cometchat-uid-5', 'cometchat-uid-3']],
    ['perPage=2&page=3', 2, 3, ['cometchat-uid-4']],
    ['perPage=2&page=4', 2, 3, []],
    ['perPage=5', 5, 1, ['cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-5', 'cometchat-uid-3', 'cometchat-uid-4']],
    ['perPage=1000&page=1', 1000, 1, ['cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-5', 'cometchat-uid-3', 'cometchat-uid-4']],
  ])('should page ?%s', async (query, perPage, totalPages, uids) => {
    const reply = await call('GET', `/users?${query}`);

    expect(uidsOf(reply)).toEqual(uids);
    expect(reply.body.meta.pagination).toEqual({
      total: 5,
      count: uids.length,
      per_page: perPage,
      current_page: Number(new URLSearchParams(query).get('page') ?? 1),
      total_pages: totalPages,
    });
  });

  it.each<[string, string[]]>([
    ['ANDREW', ['cometchat-uid-1']],
    ['uid-3', ['cometchat-uid-3']],
    ['al', ['cometchat-uid-2']],
    ['nobody', []],
  ])('should match searchKey=%s against uid or name, ignoring case', async (searchKey, uids) => {
    const reply = await call('GET', `/users?searchKey=${searchKey}`);

    expect(uidsOf(reply)).toEqual(uids);
  });

  it('should report one empty page when nothing matches', async () => {
    const reply = await call('GET', '/users?searchKey=nobody');

    expect(reply.body.meta.pagination).toEqual({ total: 0, count: 0, per_page: 100, current_page: 1, total_pages: 1 });
  });

  it.each<[string, string[]]>([
    ['online', ['cometchat-uid-2']],
    ['offline', ['cometchat-uid-1', 'cometchat-uid-5', 'cometchat-uid-3', 'cometchat-uid-4']],
  ])('should filter status=%s', async (status, uids) => {
    await callAsClient('PUT', '/me', state.issueAuthToken('cometchat-uid-2').authToken);

    const reply = await call('GET', `/users?status=${status}`);

    expect(uidsOf(reply)).toEqual(uids);
  });

  it('should filter by role', async () => {
    await call('POST', '/users', { body: { uid: 'boss', name: 'Boss', role: 'admin' } });

    const reply = await call('GET', '/users?role=admin');

    expect(uidsOf(reply)).toEqual(['boss']);
  });

  it.each<[string, string[]]>([
    ['tags=red', ['red-one', 'red-and-blue']],
    ['tags=blue,green', ['red-and-blue', 'green-one']],
    ['tags=blue&tags=green', ['red-and-blue', 'green-one']],
    ['tags[]=green', ['green-one']],
  ])('should list users having any of ?%s', async (query, uids) => {
    await call('POST', '/users', { body: { uid: 'red-one', name: 'A Red', tags: ['red'] } });
    await call('POST', '/users', { body: { uid: 'red-and-blue', name: 'B Red Blue', tags: ['red', 'blue'] } });
    await call('POST', '/users', { body: { uid: 'green-one', name: 'C Green', tags: ['green'] } });

    const reply = await call('GET', `/users?${query}`);

    expect(uidsOf(reply)).toEqual(uids);
  });

  it.each([false, true])('should not list a deleted user (permanent: %s)', async (permanent) => {
    await call('DELETE', '/users/cometchat-uid-3', { body: { permanent } });

    const reply = await call('GET', '/users');

    expect(uidsOf(reply)).not.toContain('cometchat-uid-3');
    expect(reply.body.meta.pagination.total).toBe(4);
  });

  it.each<[string, Record<string, string[]>]>([
    ['perPage=1001', { perPage: ['The perPage may not be greater than 1000.'] }],
    ['perPage=0', { perPage: ['The perPage must be at least 1.'] }],
    ['perPage=ten', { perPage: ['The perPage must be an integer.'] }],
    ['page=0', { page: ['The page must be at least 1.'] }],
    ['page=1.5', { page: ['The page must be an integer.'] }],
    ['status=away', { status: ['The selected status is invalid.'] }],
    ['perPage=5000&page=-1', { perPage: ['The perPage may not be greater than 1000.'], page: ['The page must be at least 1.'] }],
  ])('should refuse ?%s with per-parameter details', async (query, details) => {
    const reply = await call('GET', `/users?${query}`);

    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({ code: 'ERR_BAD_REQUEST', message: 'Failed to validate the data.', details });
  });
});

describe('PUT users/{uid}', () => {
  it('should change the given fields, keep the others, ignore unknown ones and stamp updatedAt', async () => {
    const before = Math.floor(Date.now() / 1000);
    const changes = { name: 'Andy', statusMessage: 'Away', metadata: { team: 'x' }, tags: ['one'] };

    const reply = await call('PUT', '/users/cometchat-uid-1', { body: { ...changes, uid: 'hijack', status: 'online', createdAt: 1, color: 'red' } });

    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatchObject({
      ...changes,
      uid: 'cometchat-uid-1',
      avatar: 'https://assets.cometchat.io/sampleapp/v2/users/cometchat-uid-1.webp',
      status: 'offline',
      createdAt: 1630306819,
    });
    expect(reply.body.data).not.toHaveProperty('color');
    expect(reply.body.data.updatedAt).toBeGreaterThanOrEqual(before);
    expect((await call('GET', '/users/cometchat-uid-1')).body.data.name).toBe('Andy');
  });

  it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
    ['a blank name', { name: '' }, { name: ['The name field is required.'] }],
    ['a link that is a number', { link: 1 }, { link: ['The link must be a string.'] }],
    ['tags that are an object', { tags: {} }, { tags: ['The tags must be an array.'] }],
    ['metadata that is null and tags that are null', { metadata: null, tags: null }, {}],
  ])('should validate %s', async (_, body, details) => {
    const reply = await call('PUT', '/users/cometchat-uid-1', { body });

    if (Object.keys(details).length === 0) expect(reply.status).toBe(200);
    else expect(reply.body.error).toEqual({ code: 'ERR_BAD_REQUEST', message: 'Failed to validate the data.', details });
  });

  it('should answer ERR_UID_NOT_FOUND for an unknown or deleted uid', async () => {
    await call('DELETE', '/users/cometchat-uid-2');

    const unknown = await call('PUT', '/users/ghost', { body: { name: 'G' } });
    const deleted = await call('PUT', '/users/cometchat-uid-2', { body: { name: 'G' } });

    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('The UID ghost does not exist, please make sure you have created a user with UID ghost.');
    expect(deleted.body.error.code).toBe('ERR_UID_NOT_FOUND');
  });
});

describe('DELETE users/{uid}', () => {
  it('should answer with CometChat’s success message', async () => {
    const reply = await call('DELETE', '/users/COMETCHAT-UID-4');

    expect(reply.body).toEqual({ data: { success: true, message: 'User with cometchat-uid-4 has been deleted successfully.' } });
  });

  it.each([false, true])('should make the user unknown to look-ups and login (permanent: %s)', async (permanent) => {
    await call('DELETE', '/users/cometchat-uid-4', { body: { permanent } });

    const lookup = await call('GET', '/users/cometchat-uid-4');
    const login = await call('POST', '/users/cometchat-uid-4/auth_tokens', { key: 'auth' });
    const again = await call('DELETE', '/users/cometchat-uid-4');

    expect([lookup.body.error.code, login.body.error.code, again.body.error.code]).toEqual(['ERR_UID_NOT_FOUND', 'ERR_UID_NOT_FOUND', 'ERR_UID_NOT_FOUND']);
    expect(() => state.issueAuthToken('cometchat-uid-4')).toThrow(/cometchat-uid-4/);
  });

  it.each([false, true])('should end every session of the user (permanent: %s)', async (permanent) => {
    const tokens = [state.issueAuthToken('cometchat-uid-4'), state.issueAuthToken('cometchat-uid-4')];
    const other = state.issueAuthToken('cometchat-uid-5');

    await call('DELETE', '/users/cometchat-uid-4', { body: { permanent } });

    for (const { authToken, jwt } of tokens) {
      for (const [method, path] of [['PUT', '/me'], ['GET', '/me'], ['GET', '/users/cometchat-uid-5']]) {
        expect((await callAsClient(method!, path!, authToken)).body.error.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
      }
      expect(state.findSession(authToken)).toBeUndefined();
      expect(state.findSessionByJwt(jwt)).toBeUndefined();
    }
    expect((await callAsClient('PUT', '/me', other.authToken)).status).toBe(200);
  });

  it.each<[boolean, number, string | undefined]>([
    [false, 400, 'ERR_UID_ALREADY_EXISTS'],
    [true, 200, undefined],
  ])('should keep the uid reserved unless permanent (permanent: %s)', async (permanent, status, code) => {
    await call('DELETE', '/users/cometchat-uid-4', { body: { permanent } });

    const reply = await call('POST', '/users', { body: { uid: 'cometchat-uid-4', name: 'Reborn' } });

    expect(reply.status).toBe(status);
    expect(reply.body.error?.code).toBe(code);
  });

  it('should permanently delete a user deleted before, freeing its uid', async () => {
    await call('DELETE', '/users/cometchat-uid-4');

    const purge = await call('DELETE', '/users/cometchat-uid-4', { body: { permanent: true } });
    const recreate = await call('POST', '/users', { body: { uid: 'cometchat-uid-4', name: 'Reborn' } });

    expect(purge.body.data.success).toBe(true);
    expect(recreate.status).toBe(200);
  });

  it('should refuse a permanent flag that is not a boolean', async () => {
    const reply = await call('DELETE', '/users/cometchat-uid-4', { body: { permanent: 'yes' } });

    expect(reply.body.error.details).toEqual({ permanent: ['The permanent field must be true or false.'] });
    expect(state.findUser('cometchat-uid-4')).toBeDefined();
  });

  it('should answer ERR_UID_NOT_FOUND for an unknown uid', async () => {
    const reply = await call('DELETE', '/users/ghost');

    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('ERR_UID_NOT_FOUND');
  });
});

describe('users/{uid}/auth_tokens', () => {
  it('should list a user’s tokens, oldest first, without session secrets', async () => {
    const first = state.issueAuthToken('cometchat-uid-1');
    const second = state.issueAuthToken('cometchat-uid-1');
    state.issueAuthToken('cometchat-uid-2');

    const reply = await call('GET', '/users/cometchat-uid-1/auth_tokens');

    expect(reply.body).toEqual({
      data: [first, second].map(({ authToken, createdAt }) => ({ authToken, uid: 'cometchat-uid-1', createdAt })),
    });
  });

  it('should list no tokens for a user that has none', async () => {
    expect((await call('GET', '/users/cometchat-uid-3/auth_tokens')).body).toEqual({ data: [] });
  });

  it.each(['GET', 'PUT'])('should answer %s of one token with the token', async (method) => {
    const { authToken, createdAt } = state.issueAuthToken('cometchat-uid-1');

    const reply = await call(method, `/users/cometchat-uid-1/auth_tokens/${authToken}`, method === 'PUT' ? { body: { platform: 'WEB' } } : {});

    expect(reply.body).toEqual({ data: { authToken, uid: 'cometchat-uid-1', createdAt } });
  });

  it('should delete one token, ending its session and no other', async () => {
    const revoked = state.issueAuthToken('cometchat-uid-1').authToken;
    const kept = state.issueAuthToken('cometchat-uid-1').authToken;

    const reply = await call('DELETE', `/users/cometchat-uid-1/auth_tokens/${revoked}`);

    expect(reply.body).toEqual({ data: { success: true, message: `Auth token ${revoked} has been deleted successfully.` } });
    expect((await callAsClient('PUT', '/me', revoked)).body.error.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
    expect((await callAsClient('PUT', '/me', kept)).status).toBe(200);
  });

  it('should flush every token of the user and no other user’s', async () => {
    const tokens = [state.issueAuthToken('cometchat-uid-1').authToken, state.issueAuthToken('cometchat-uid-1').authToken];
    const other = state.issueAuthToken('cometchat-uid-2').authToken;

    const reply = await call('DELETE', '/users/cometchat-uid-1/auth_tokens');

    expect(reply.body).toEqual({ data: { success: true, message: 'All auth tokens of cometchat-uid-1 have been deleted successfully.' } });
    for (const token of tokens) expect((await callAsClient('PUT', '/me', token)).body.error.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
    expect((await callAsClient('PUT', '/me', other)).status).toBe(200);
    expect((await call('GET', '/users/cometchat-uid-1/auth_tokens')).body.data).toEqual([]);
  });

  it.each([
    ['an unknown token', () => 'cometchat-uid-1_0000000000000000000000000000000000000000'],
    ['another user’s token', () => state.issueAuthToken('cometchat-uid-2').authToken],
    ['a deleted token', () => {
      const { authToken } = state.issueAuthToken('cometchat-uid-1');
      state.revokeAuthToken(authToken);
      return authToken;
    }],
  ])('should answer ERR_AUTH_TOKEN_NOT_FOUND for %s', async (_, tokenOf) => {
    const token = tokenOf();

    for (const method of ['GET', 'PUT', 'DELETE']) {
      const reply = await call(method, `/users/cometchat-uid-1/auth_tokens/${token}`);

      expect(reply.status).toBe(404);
      expect(reply.body.error).toEqual({
        code: 'ERR_AUTH_TOKEN_NOT_FOUND',
        message: `The auth token ${token} does not exist for the UID cometchat-uid-1.`,
        details: {},
      });
    }
  });

  it.each([
    ['GET', '/users/ghost/auth_tokens'],
    ['DELETE', '/users/ghost/auth_tokens'],
    ['GET', '/users/ghost/auth_tokens/ghost_0000000000000000000000000000000000000000'],
  ])('should answer ERR_UID_NOT_FOUND for %s %s', async (method, path) => {
    const reply = await call(method, path);

    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('ERR_UID_NOT_FOUND');
  });
});

describe('key scopes', () => {
  const TOKEN = '{token}';
  const ROUTES: ReadonlyArray<[method: string, path: string, scope: 'auth' | 'full', body?: unknown]> = [
    ['POST', '/users', 'auth', { uid: 'scoped', name: 'Scoped' }],
    ['GET', '/users', 'full'],
    ['PUT', '/users/cometchat-uid-1', 'full', { name: 'Renamed' }],
    ['DELETE', '/users/cometchat-uid-1', 'full'],
    ['GET', '/users/cometchat-uid-1/auth_tokens', 'full'],
    ['DELETE', '/users/cometchat-uid-1/auth_tokens', 'full'],
    ['GET', `/users/cometchat-uid-1/auth_tokens/${TOKEN}`, 'full'],
    ['PUT', `/users/cometchat-uid-1/auth_tokens/${TOKEN}`, 'full'],
    ['DELETE', `/users/cometchat-uid-1/auth_tokens/${TOKEN}`, 'full'],
  ];
  const KEYS: ReadonlyArray<[name: string, key: KeyKind, expected: (scope: 'auth' | 'full') => string]> = [
    ['no key', 'none', () => 'AUTH_ERR_EMPTY_APIKEY'],
    ['an unknown key', 'unknown', () => 'AUTH_ERR_APIKEY_NOT_FOUND'],
    ['the Auth Key', 'auth', (scope) => (scope === 'auth' ? 'success' : 'AUTH_ERR_NO_ACCESS')],
    ['the REST API key', 'rest', () => 'success'],
  ];
  const CASES = ROUTES.flatMap(([method, path, scope, body]) =>
    KEYS.map(([name, key, expected]) => [method, path, expected(scope), name, key, body] as const),
  );

  it.each(CASES)('should answer %s %s with %s when called with %s', async (method, path, expected, _, key, body) => {
    const token = state.issueAuthToken('cometchat-uid-1').authToken;

    const reply = await call(method, path.replace(TOKEN, token), { key, body });

    if (expected === 'success') {
      expect(reply.status).toBe(200);
    } else {
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe(expected);
      expect(state.findSession(token), 'a refused call must change nothing').toBeDefined();
    }
  });

  it.each(['PUT', 'DELETE'])('should check the key before the uid for %s users/{uid}', async (method) => {
    const reply = await call(method, '/users/ghost', { key: 'unknown', body: { name: 'x' } });

    expect(reply.body.error.code).toBe('AUTH_ERR_APIKEY_NOT_FOUND');
  });

  it('should check the key before validating the body', async () => {
    const reply = await call('POST', '/users', { key: 'unknown', body: {} });

    expect(reply.body.error.code).toBe('AUTH_ERR_APIKEY_NOT_FOUND');
  });
});

describe('routing next to the client API', () => {
  it.each(['/v3/users', '/v3.0/users', '/proxy/users', '/users'])('should serve GET %s as the user list', async (path) => {
    const response = await fetch(`${url}${path}`, { headers: { appid: credentials.appId, apikey: credentials.restApiKey } });

    expect((await response.json()).meta.pagination.total).toBe(5);
  });

  it.each([
    ['/users', 'GET,POST'],
    ['/users/cometchat-uid-1', 'GET,PUT,DELETE'],
    ['/users/cometchat-uid-1/auth_tokens', 'GET,POST,DELETE'],
    ['/users/cometchat-uid-1/auth_tokens/some-token', 'GET,PUT,DELETE'],
  ])('should list both APIs’ methods when answering PATCH %s with 405', async (path, allowed) => {
    const response = await fetch(`${url}/v3${path}`, { method: 'PATCH', headers: { appid: credentials.appId } });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')?.split(',').sort()).toEqual([...allowed.split(','), 'OPTIONS'].sort());
  });

  it('should refuse to merge two tables that handle the same method of a pattern', () => {
    const twice = { pattern: 'users', methods: { GET: () => null } };

    expect(() => mergeRouteTables([twice], [twice])).toThrow('Two routes handle GET users.');
  });
});

describe('onRevoke', () => {
  const UID = 'cometchat-uid-1';
  it.each<[string, (session: AuthSession) => Promise<unknown> | unknown]>([
    ['logout (DELETE me)', ({ authToken }) => callAsClient('DELETE', '/me', authToken)],
    ['deleting the token', ({ authToken }) => call('DELETE', `/users/${UID}/auth_tokens/${authToken}`)],
    ['flushing the user’s tokens', () => call('DELETE', `/users/${UID}/auth_tokens`)],
    ['deleting the user', () => call('DELETE', `/users/${UID}`)],
    ['deleting the user permanently', () => call('DELETE', `/users/${UID}`, { body: { permanent: true } })],
    ['passing the per-user cap', () => {
      for (let count = 0; count < MAX_TOKENS_PER_USER; count += 1) state.issueAuthToken(UID);
    }],
  ])('should fire once for the token when it ends by %s', async (_, end) => {
    const session = state.issueAuthToken(UID);
    const revoked: AuthSession[] = [];
    state.onRevoke((ended) => revoked.push(ended));

    await end(session);

    expect(revoked.filter((ended) => ended.authToken === session.authToken)).toEqual([session]);
    expect((await callAsClient('PUT', '/me', session.authToken)).body.error.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
  });
});
