import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { createCometChatClient, type CometChatClient } from '@/lib/cometchat/client';
import { CometChatException } from '@/lib/cometchat/exception';

/**
 * The client's user directory calls against the real emulator on loopback: `GET users` as the SDK's
 * `UsersRequest.fetchNext` sends it, and `POST users` as `CometChat.createUser(user, authKey)` sends it.
 */
describe('CometChat client: the user directory', () => {
  let emulator: Emulator;
  /** What the client put on the wire: URL (after the host) and headers. */
  let sent: Array<{ method: string; path: string; headers: Record<string, string>; body?: unknown }>;
  let client: CometChatClient;
  let token: string;

  // An emulator of its own for each test: the tests create, update and delete users, and the paging test counts them.
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    sent = [];
    client = createCometChatClient(
      { appId: emulator.appId, region: 'eu', apiHost: emulator.url },
      {
        timeoutMs: 2000,
        userAgent: 'vitest',
        fetch: (input, init) => {
          const url = input instanceof Request ? input.url : input.toString();
          sent.push({
            method: init?.method ?? 'GET',
            path: url.slice(emulator.url.length),
            headers: init?.headers as Record<string, string>,
            body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
          });
          return fetch(input, init);
        },
      },
    );
    token = emulator.createAuthToken('cometchat-uid-1');
  });
  afterEach(() => emulator.close());

  /** The REST API, as the app's server (or a tester's script) would call it. */
  async function rest(method: string, path: string, body?: unknown) {
    const response = await fetch(`${emulator.url}/v3${path}`, {
      method,
      headers: { appid: emulator.appId, apikey: emulator.restApiKey, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json();
  }

  it('should find Nancy Grace with the request the SDK sends for setLimit(30).setSearchKeyword("nancy")', async () => {
    const page = await client.listUsers(token, { search: 'nancy' });

    expect(page).toEqual({ users: [expect.objectContaining({ uid: 'cometchat-uid-3', name: 'Nancy Grace' })], page: 1, totalPages: 1, total: 1 });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', path: '/users?per_page=30&searchKey=nancy&page=1', body: undefined });
    expect(sent[0]!.headers).toMatchObject({ authToken: token, appId: emulator.appId, sdk: 'javascript@4.2.0', Accept: 'application/json' });
    expect(sent[0]!.headers).not.toHaveProperty('apiKey');
  });

  it('should encode the keyword once, as the SDK does, and trim it; a blank keyword is not sent', async () => {
    await client.listUsers(token, { search: '  nancy grace & co  ', page: 2, limit: 5 });
    await client.listUsers(token, { search: '   ' });

    expect(sent.map(({ path }) => path)).toEqual(['/users?per_page=5&searchKey=nancy%20grace%20%26%20co&page=2', '/users?per_page=30&page=1']);
  });

  it('should page: different users on each page, with the totals', async () => {
    const first = await client.listUsers(token, { limit: 2, page: 1 });
    const second = await client.listUsers(token, { limit: 2, page: 2 });
    const past = await client.listUsers(token, { limit: 2, page: 9 });

    expect(first).toMatchObject({ page: 1, totalPages: 3, total: 5 });
    expect(first.users.map((user) => user.uid)).toEqual(['cometchat-uid-1', 'cometchat-uid-2']);
    expect(second.users.map((user) => user.uid)).toEqual(['cometchat-uid-5', 'cometchat-uid-3']);
    expect(past.users).toEqual([]);
  });

  it('should create a user with the Auth Key that the search then finds, and not list it once deleted', async () => {
    const created = await client.createUser(emulator.authKey, { uid: 'Tester-7', name: 'Tess Tester', role: 'qa' });

    expect(created).toMatchObject({ uid: 'tester-7', name: 'Tess Tester', role: 'qa', status: 'offline' });
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: '/users',
      headers: { apiKey: emulator.authKey },
      body: { hasBlockedMe: false, blockedByMe: false, deactivatedAt: 0, uid: 'Tester-7', name: 'Tess Tester', role: 'qa' },
    });
    expect((await client.listUsers(token, { search: 'tess' })).users.map((user) => user.uid)).toEqual(['tester-7']);

    await rest('DELETE', '/users/tester-7');
    expect((await client.listUsers(token, { search: 'tess' })).users).toEqual([]);
  });

  it.each<[string, { uid: string; name: string; avatar?: string }, Record<string, string[]>]>([
    ['a uid of 101 characters', { uid: 'u'.repeat(101), name: 'Long' }, { uid: ['The uid may not be greater than 100 characters.'] }],
    ['a unicode uid', { uid: 'zoë', name: 'Zoë' }, { uid: ['The uid may only contain letters, numbers, dashes and underscores.'] }],
    ['markup as uid', { uid: '<b>x</b>', name: 'Markup' }, { uid: ['The uid may only contain letters, numbers, dashes and underscores.'] }],
  ])("should report CometChat's per-field validation of %s as a CometChatException", async (_name, user, details) => {
    const error = await client.createUser(emulator.authKey, user).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(CometChatException);
    expect(error).toMatchObject({ code: 'ERR_BAD_REQUEST', message: 'Failed to validate the data.', details });
  });

  it('should create a uid of exactly 100 characters and a name with unicode and markup, kept as text', async () => {
    const uid = `edge-${'x'.repeat(95)}`;

    const created = await client.createUser(emulator.authKey, { uid, name: '<img src=x onerror=alert(1)> Zoë 東京' });

    expect(created).toMatchObject({ uid, name: '<img src=x onerror=alert(1)> Zoë 東京' });
    expect((await client.listUsers(token, { search: '東京' })).users.map((user) => user.uid)).toEqual([uid]);
  });

  it.each([
    ['a taken uid', { uid: 'cometchat-uid-1', name: 'Again' }, authKeyOfEmulator, 'ERR_UID_ALREADY_EXISTS'],
    ['a wrong Auth Key', { uid: 'someone', name: 'Someone' }, () => 'wrong-key', 'AUTH_ERR_APIKEY_NOT_FOUND'],
    ['a blank uid (not sent)', { uid: ' ', name: 'Someone' }, authKeyOfEmulator, 'MISSING_PARAMETERS'],
    ['a blank name (not sent)', { uid: 'someone', name: '' }, authKeyOfEmulator, 'MISSING_PARAMETERS'],
    ['no Auth Key (not sent)', { uid: 'someone', name: 'Someone' }, () => '', 'MISSING_PARAMETERS'],
  ])('should refuse to create a user with %s', async (name, user, key, code) => {
    await expect(client.createUser(key(), user)).rejects.toMatchObject({ code });

    if (name.endsWith('(not sent)')) expect(sent).toEqual([]);
  });

  function authKeyOfEmulator() {
    return emulator.authKey;
  }

  it.each([
    ['an unknown token', 'cometchat-uid-1_0000000000deadbeefdeadbeefdeadbeefdead', 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND'],
    ['an empty token (not sent)', '', 'MISSING_PARAMETERS'],
    ['a token with spaces (not sent)', 'a b', 'ERR_INVALID_AUTH_TOKEN'],
  ])('should refuse to list with %s', async (name, authToken, code) => {
    await expect(client.listUsers(authToken)).rejects.toMatchObject({ code });

    if (name.endsWith('(not sent)')) expect(sent).toEqual([]);
  });

  it('should refuse a token of another app: CometChat apps share no tokens', async () => {
    const other = await startEmulator({ port: 0, appId: 'other-app' });
    try {
      const foreign = other.createAuthToken('cometchat-uid-1');

      await expect(client.listUsers(foreign)).rejects.toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
    } finally {
      await other.close();
    }
  });

  it.each([
    ['a limit of 101 (the SDK allows 100)', { limit: 101 }],
    ['a limit of 0', { limit: 0 }],
    ['page 0', { page: 0 }],
    ['a fractional page', { page: 1.5 }],
    ['NaN as page', { page: Number.NaN }],
  ])('should refuse %s before sending anything', async (_name, options) => {
    await expect(client.listUsers(token, options)).rejects.toMatchObject({ code: 'ERR_INVALID_DIRECTORY_QUERY' });

    expect(sent).toEqual([]);
  });
});

describe('CometChat client: user lists a server should not send', () => {
  const answering = (body: unknown) =>
    createCometChatClient(
      { appId: 'app-1', region: 'eu', apiHost: 'https://chat.example.test' },
      { fetch: async () => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }) },
    );

  it('should refuse a list reply whose data is not a list', async () => {
    await expect(answering({ data: { uid: 'x' } }).listUsers('t0k3n')).rejects.toMatchObject({
      code: 'FAILED_TO_FETCH',
      details: { reason: 'no-list' },
    });
  });

  it('should skip entries that name no user and fall back on paging numbers that are not counts', async () => {
    const page = await answering({
      data: [{ uid: 'a', name: 'A' }, null, 'b', { name: 'no uid' }, { uid: '' }, { uid: 'c' }],
      meta: { pagination: { total: -3, total_pages: 'many', current_page: 1e300 } },
    }).listUsers('t0k3n', { page: 4 });

    expect(page).toEqual({
      users: [
        { uid: 'a', name: 'A' },
        { uid: 'c', name: 'c' },
      ],
      page: 4,
      totalPages: 4,
      total: 2,
    });
  });
});
