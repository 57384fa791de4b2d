import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { createCometChatClient } from '@/lib/cometchat/client';
import { CometChatException } from '@/lib/cometchat/exception';
import { apiBaseUrls } from '@/lib/cometchat/hosts';

/** The client against the real emulator on loopback: the wire format both sides agree on. */
describe('CometChat client', () => {
  let emulator: Emulator;
  const client = (timeoutMs = 2000) =>
    createCometChatClient({ appId: emulator.appId, region: 'eu', apiHost: emulator.url }, { timeoutMs, userAgent: 'vitest' });
  const nonOptions = () => emulator.requestLog.filter((entry) => entry.method !== 'OPTIONS');

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.clearFaults();
    emulator.requestLog.length = 0;
  });

  it('should log in with an Auth Key in exactly the SDK two requests and return user, token and jwt', async () => {
    const session = await client().login('cometchat-uid-3', emulator.authKey);

    expect(session.user).toMatchObject({ uid: 'cometchat-uid-3', name: 'Nancy Grace', status: 'online' });
    expect(session.authToken).toMatch(/^cometchat-uid-3_\d{10}[0-9a-f]{30}$/);
    expect(session.jwt).toEqual(expect.any(String));
    expect(session.user).not.toHaveProperty('authToken');
    expect(session.user).not.toHaveProperty('settings');
    expect(nonOptions().map(({ method, route }) => `${method} ${route}`)).toEqual(['POST users/cometchat-uid-3/auth_tokens', 'PUT me']);
  });

  it('should log in with an auth token in one request', async () => {
    const token = emulator.createAuthToken('cometchat-uid-2');

    const session = await client().loginWithAuthToken(token);

    expect(session).toMatchObject({ user: { uid: 'cometchat-uid-2', name: 'George Alan' }, authToken: token });
    expect(nonOptions()).toHaveLength(1);
  });

  it('should revoke the token on logout', async () => {
    const { authToken } = await client().login('cometchat-uid-1', emulator.authKey);

    await client().logout(authToken);

    await expect(client().loginWithAuthToken(authToken)).rejects.toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
  });

  it.each([
    ['an unknown uid', () => client().login('nobody-here', emulator.authKey), 'ERR_UID_NOT_FOUND', 'The UID nobody-here does not exist'],
    ['a wrong Auth Key (checked before the uid)', () => client().login('nobody-here', 'wrong-key'), 'AUTH_ERR_APIKEY_NOT_FOUND', ''],
    [
      'an unknown auth token',
      () => client().loginWithAuthToken('cometchat-uid-1_nope'),
      'AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
      'The auth token cometchat-uid-1_nope does not exist',
    ],
    ['an empty uid', () => client().login('  ', emulator.authKey), 'MISSING_PARAMETERS', 'UID cannot be empty.'],
    ['an empty Auth Key', () => client().login('cometchat-uid-1', ''), 'MISSING_PARAMETERS', 'Auth Key cannot be empty.'],
    ['an empty auth token', () => client().loginWithAuthToken(''), 'MISSING_PARAMETERS', 'Auth Token cannot be empty.'],
    ['logout without a session', () => client().logout(''), 'ERR_NOT_LOGGED_IN', 'No active user session.'],
  ])('should reject %s with %s', async (_name, attempt, code, message) => {
    const error = await attempt().catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(CometChatException);
    expect(error).toMatchObject({ code, message: expect.stringContaining(message), details: expect.anything() });
  });

  it.each([
    ['an empty UID', '', 'MISSING_PARAMETERS'],
    ['a UID of spaces', '   ', 'MISSING_PARAMETERS'],
    ['a UID of 101 characters', 'a'.repeat(101), 'ERR_INVALID_UID'],
    ['a UID with a space inside', 'cometchat uid', 'ERR_INVALID_UID'],
    ['a unicode UID', 'usér-ü', 'ERR_INVALID_UID'],
    ['a path-walking UID', '../x', 'ERR_INVALID_UID'],
    ['an encoded slash', '%2F', 'ERR_INVALID_UID'],
    ['markup', '<script>', 'ERR_INVALID_UID'],
  ])('should refuse %s before sending anything', async (_name, uid, code) => {
    await expect(client().login(uid, emulator.authKey)).rejects.toMatchObject({ code });

    expect(emulator.requestLog).toEqual([]);
  });

  it.each([
    ['an empty token', '', 'MISSING_PARAMETERS'],
    ['whitespace', ' \t\n', 'MISSING_PARAMETERS'],
    ['10 kB of token', 'x'.repeat(10 * 1024), 'ERR_INVALID_AUTH_TOKEN'],
    ['a token with a space', 'cometchat-uid-1_abc def', 'ERR_INVALID_AUTH_TOKEN'],
    ['a token with a newline inside', 'cometchat-uid-1_abc\ndef', 'ERR_INVALID_AUTH_TOKEN'],
  ])('should refuse %s as a token before sending anything', async (_name, token, code) => {
    await expect(client().loginWithAuthToken(token)).rejects.toMatchObject({ code });

    expect(emulator.requestLog).toEqual([]);
  });

  it('should accept an uppercase UID, which CometChat lower-cases', async () => {
    const session = await client().login('CometChat-UID-2', emulator.authKey);

    expect(session.user.uid).toBe('cometchat-uid-2');
  });

  // Two ways a reply can be too large, each refused by its own check in the client; each row first makes sure the
  // emulator really sends what the row says, so neither check can pass for the other.
  it.each([
    ['streamed without Content-Length (the running byte count refuses it)', 'huge-reply', null],
    ['announced by Content-Length, of which only the first bytes arrive (the header refuses it)', 'huge-reply-announced', String(10 * 1024 * 1024)],
  ] as const)('should refuse a 10 MB reply %s', async (_name, kind, contentLength) => {
    emulator.setFault({ route: 'me', kind });
    const sent = await fetch(`${emulator.url}/v3.0/me`, { method: 'PUT' });
    expect(sent.headers.get('content-length')).toBe(contentLength);
    await sent.body?.cancel();

    const error = await client()
      .loginWithAuthToken(emulator.createAuthToken('cometchat-uid-1'))
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'FAILED_TO_FETCH', message: expect.stringContaining('larger than 1 MB'), details: { reason: 'too-large' } });
  });

  it.each([
    ['an HTML 502 from a proxy', 'html-502', 'not JSON'],
    ['a reply cut off mid-JSON', 'truncated-json', 'not JSON'],
    ['a dropped connection', 'drop', 'Could not reach CometChat'],
  ] as const)('should turn %s into FAILED_TO_FETCH', async (_name, kind, message) => {
    emulator.setFault({ route: 'me', kind });

    const error = await client()
      .loginWithAuthToken(emulator.createAuthToken('cometchat-uid-1'))
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'FAILED_TO_FETCH', message: expect.stringContaining(message) });
  });

  it('should give up after the timeout with FAILED_TO_FETCH', async () => {
    emulator.setFault({ route: 'auth_tokens', kind: 'delay', delayMs: 5000 });
    const startedAt = Date.now();

    const error = await client(300)
      .login('cometchat-uid-1', emulator.authKey)
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'FAILED_TO_FETCH', details: { reason: 'timeout' } });
    expect(Date.now() - startedAt).toBeLessThan(3000);
  });

  it('should report an unreachable host as FAILED_TO_FETCH', async () => {
    const unreachable = createCometChatClient({ appId: 'a', region: 'eu', apiHost: 'http://127.0.0.1:1' }, { userAgent: 'vitest' });

    await expect(unreachable.loginWithAuthToken('t')).rejects.toMatchObject({ code: 'FAILED_TO_FETCH' });
  });
  it('should ask `GET me` with the SDK headers, and pass on the code of a revoked token', async () => {
    const token = emulator.createAuthToken('cometchat-uid-2');

    await expect(client().getMe(token)).resolves.toMatchObject({ uid: 'cometchat-uid-2', name: 'George Alan' });
    expect(nonOptions().map(({ method, route }) => `${method} ${route}`)).toEqual(['GET me']);

    emulator.revokeAuthToken(token);
    await expect(client().getMe(token)).rejects.toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
  });

  it('should say another app: `GET me` to an App ID the server does not know', async () => {
    const token = emulator.createAuthToken('cometchat-uid-2');
    const other = createCometChatClient({ appId: 'another-app', region: 'eu', apiHost: emulator.url }, { userAgent: 'vitest' });

    await expect(other.getMe(token)).rejects.toMatchObject({ code: 'AUTH_ERR_INVALID_APPID' });
  });
});

describe('API base URLs', () => {
  it.each([
    [{ appId: 'abc', region: 'EU' }, 'https://abc.api-eu.cometchat.io/v3.0/', 'https://abc.apiclient-eu.cometchat.io/v3.0/'],
    [{ appId: 'abc', region: 'us', apiHost: 'http://127.0.0.1:7717/' }, 'http://127.0.0.1:7717/', 'http://127.0.0.1:7717/'],
    [{ appId: 'abc', region: 'in', apiHost: 'chat.example.com/prefix' }, 'https://chat.example.com/prefix/', 'https://chat.example.com/prefix/'],
  ])('should build the SDK URLs for %o', (endpoint, admin, clientUrl) => {
    expect(apiBaseUrls(endpoint)).toEqual({ admin, client: clientUrl });
  });
});

describe('replies that do not name the user asked for', () => {
  /** A CometChat stand-in at the transport edge: the auth token mint works, `PUT me` answers `me`. */
  const clientAnswering = (me: Record<string, unknown>) =>
    createCometChatClient(
      { appId: 'app-1', region: 'eu', apiHost: 'https://chat.example.test' },
      {
        fetch: async (input) => {
          const isMint = (input instanceof Request ? input.url : input.toString()).includes('/auth_tokens');
          const data = isMint ? { uid: 'cometchat-uid-1', authToken: 'cometchat-uid-1_minted' } : me;
          return new Response(JSON.stringify({ data }), { status: 200, headers: { 'Content-Type': 'application/json' } });
        },
      },
    );

  it.each([
    ['no uid at all', {}],
    ['an empty uid', { uid: '' }],
    ['a uid that is not text', { uid: 42 }],
  ])('should refuse a PUT me reply with %s', async (_name, me) => {
    await expect(clientAnswering(me).loginWithAuthToken('cometchat-uid-1_token')).rejects.toMatchObject({
      code: 'FAILED_TO_FETCH',
      details: { reason: 'no-uid' },
    });
  });

  it('should refuse a login that comes back as another user', async () => {
    const attempt = clientAnswering({ uid: 'cometchat-uid-2', name: 'George Alan' }).login('cometchat-uid-1', 'auth-key');

    await expect(attempt).rejects.toMatchObject({
      code: 'FAILED_TO_FETCH',
      message: 'CometChat logged in cometchat-uid-2 when cometchat-uid-1 was asked for.',
    });
  });

  it('should accept the lower-cased uid CometChat returns for a mixed-case login', async () => {
    const session = await clientAnswering({ uid: 'cometchat-uid-1', name: 'Andrew Joseph' }).login('Cometchat-UID-1', 'auth-key');

    expect(session.user.uid).toBe('cometchat-uid-1');
  });
});
