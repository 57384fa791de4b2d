/**
 * The emulator's login, logout and user look-ups, spoken to over real HTTP the way the SDK and
 * the extension speak to CometChat (protocol doc §4).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterEach(async () => {
  await emulator.close();
});

interface Reply {
  status: number;
  body: any;
}

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const response = await fetch(`${emulator.url}${path}`, { method, headers, body });
  return { status: response.status, body: await response.json() };
}

const appHeaders = () => ({ appid: emulator.appId });
const adminHeaders = (apikey = emulator.authKey) => ({ ...appHeaders(), apikey });
const clientHeaders = (authtoken: string) => ({ ...appHeaders(), authtoken });

async function login(uid = 'cometchat-uid-1'): Promise<string> {
  const reply = await call('POST', `/v3.0/users/${uid}/auth_tokens`, adminHeaders(), '{"platform":"WEB"}');
  return reply.body.data.authToken;
}

describe('POST users/{uid}/auth_tokens', () => {
  it.each([
    ['the Auth Key', () => emulator.authKey],
    ['the REST API key', () => emulator.restApiKey],
  ])('should issue a token for a sample user when called with %s', async (_, key) => {
    const before = Math.floor(Date.now() / 1000);

    const reply = await call('POST', '/v3.0/users/cometchat-uid-2/auth_tokens', adminHeaders(key()));

    expect(reply.status).toBe(200);
    expect(reply.body.data).toEqual({ uid: 'cometchat-uid-2', authToken: expect.any(String), createdAt: expect.any(Number) });
    expect(reply.body.data.createdAt).toBeGreaterThanOrEqual(before);
  });

  it('should issue tokens in CometChat’s format: uid, underscore, 10-digit seconds, 30 lowercase hex', async () => {
    const token = await login('cometchat-uid-3');

    expect(token).toMatch(/^cometchat-uid-3_\d{10}[0-9a-f]{30}$/);
  });

  it('should issue a different token on every call', async () => {
    expect(await login()).not.toBe(await login());
  });

  it.each([
    ['upper-cased', 'COMETCHAT-UID-1'],
    ['URL-encoded', 'cometchat%2Duid%2D1'],
  ])('should find the user when the uid is %s', async (_, uidInPath) => {
    const reply = await call('POST', `/users/${uidInPath}/auth_tokens`, adminHeaders());

    expect(reply.body.data.uid).toBe('cometchat-uid-1');
  });

  it.each([
    ['no apikey header', {}, 'AUTH_ERR_EMPTY_APIKEY'],
    ['an empty apikey header', { apikey: '' }, 'AUTH_ERR_EMPTY_APIKEY'],
    ['an unknown apikey', { apikey: 'not-a-key' }, 'AUTH_ERR_APIKEY_NOT_FOUND'],
  ])('should answer 401 when called with %s', async (_, headers, code) => {
    const reply = await call('POST', '/users/cometchat-uid-1/auth_tokens', { ...appHeaders(), ...headers });

    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe(code);
  });

  it('should report ERR_UID_NOT_FOUND with CometChat’s message for an unknown uid', async () => {
    const reply = await call('POST', '/users/ghost/auth_tokens', adminHeaders());

    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({
      error: {
        code: 'ERR_UID_NOT_FOUND',
        message: 'The UID ghost does not exist, please make sure you have created a user with UID ghost.',
        details: {},
      },
    });
  });

  it('should check the key before the uid, like CometChat', async () => {
    const reply = await call('POST', '/users/ghost/auth_tokens', adminHeaders('not-a-key'));

    expect(reply.body.error.code).toBe('AUTH_ERR_APIKEY_NOT_FOUND');
  });
});

describe('the appid header', () => {
  it.each([
    ['missing', {}, 'AUTH_ERR_EMPTY_APPID'],
    ['empty', { appid: '' }, 'AUTH_ERR_EMPTY_APPID'],
    ['another app’s', { appid: 'other-app' }, 'AUTH_ERR_INVALID_APPID'],
  ])('should be checked before the key when %s', async (_, headers, code) => {
    const reply = await call('POST', '/users/ghost/auth_tokens', { apikey: 'not-a-key', ...headers });

    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe(code);
  });

  it('should be read case-insensitively', async () => {
    const reply = await call('POST', '/users/cometchat-uid-1/auth_tokens', { AppId: emulator.appId, ApiKey: emulator.authKey });

    expect(reply.status).toBe(200);
  });
});

describe('PUT me (login with an auth token)', () => {
  it('should return the user with the echoed token, a jwt, a wsChannel and settings pointing back at the emulator', async () => {
    const token = await login();

    const reply = await call('PUT', '/v3.0/me', clientHeaders(token), '{"platform":"WEB"}');

    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatchObject({
      uid: 'cometchat-uid-1',
      name: 'Andrew Joseph',
      avatar: 'https://assets.cometchat.io/sampleapp/v2/users/cometchat-uid-1.webp',
      role: 'default',
      status: 'online',
      tags: [],
      hasBlockedMe: false,
      blockedByMe: false,
      authToken: token,
      jwt: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      wsChannel: { identity: expect.any(String), secret: expect.any(String), service: expect.any(String) },
      settings: {
        CLIENT_API_HOST: `127.0.0.1:${emulator.port}`,
        ADMIN_API_HOST: `127.0.0.1:${emulator.port}`,
        CHAT_API_VERSION: 'v3.0',
        APP_VERSION: 4,
        CHAT_HOST: '127.0.0.1',
        CHAT_WSS_PORT: emulator.port,
        ANALYTICS_PING_DISABLED: true,
      },
    });
    expect(reply.body.data.lastActiveAt).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5);
  });

  it('should keep the same jwt for a token across logins', async () => {
    const token = emulator.createAuthToken('cometchat-uid-4');

    const first = await call('PUT', '/me', clientHeaders(token));
    const second = await call('PUT', '/me', clientHeaders(token));

    expect(second.body.data.jwt).toBe(first.body.data.jwt);
  });

  it.each([
    ['no authtoken header', {}, 'AUTH_ERR_EMPTY_AUTH_TOKEN'],
    ['an empty authtoken header', { authtoken: '' }, 'AUTH_ERR_EMPTY_AUTH_TOKEN'],
    ['an unknown token', { authtoken: 'cometchat-uid-1_0000000000000000000000000000000000000000' }, 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND'],
  ])('should answer 401 when called with %s', async (_, headers, code) => {
    const reply = await call('PUT', '/me', { ...appHeaders(), ...headers });

    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe(code);
  });

  it('should word AUTH_ERR_AUTH_TOKEN_NOT_FOUND as CometChat does', async () => {
    const reply = await call('PUT', '/me', clientHeaders('nope'));

    expect(reply.body.error.message).toBe(
      'The auth token nope does not exist. Please make sure you are logged in and have a valid auth token or try login again.',
    );
  });
});

describe('GET me', () => {
  it('should return the logged-in user without session fields', async () => {
    const token = await login('cometchat-uid-5');
    await call('PUT', '/me', clientHeaders(token));

    const reply = await call('GET', '/v3.0/me', clientHeaders(token));

    expect(reply.body.data).toMatchObject({ uid: 'cometchat-uid-5', name: 'John Paul', status: 'online' });
    expect(reply.body.data).not.toHaveProperty('authToken');
    expect(reply.body.data).not.toHaveProperty('settings');
  });
});

describe('DELETE me (logout)', () => {
  it('should revoke the token, so logging in with it again fails', async () => {
    const token = await login();

    const logout = await call('DELETE', '/v3.0/me', clientHeaders(token));
    const relogin = await call('PUT', '/v3.0/me', clientHeaders(token));

    expect(logout.body).toEqual({ data: { success: true } });
    expect(relogin.body.error.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
  });

  it('should leave the user’s other tokens valid and mark the user offline', async () => {
    const kept = await login();
    const revoked = await login();
    await call('PUT', '/me', clientHeaders(revoked));

    await call('DELETE', '/me', clientHeaders(revoked));
    const reply = await call('GET', '/me', clientHeaders(kept));

    expect(reply.body.data.status).toBe('offline');
  });
});

describe('GET users/{uid}', () => {
  it.each([
    ['an auth token', async () => clientHeaders(await login())],
    ['the REST API key', async () => adminHeaders(emulator.restApiKey)],
  ])('should return a sample user when called with %s', async (_, headers) => {
    const reply = await call('GET', '/v3.0/users/cometchat-uid-3', await headers());

    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatchObject({ uid: 'cometchat-uid-3', name: 'Nancy Grace', status: 'offline' });
  });

  it.each([
    ['an unknown uid', '/users/ghost', async () => clientHeaders(await login()), 404, 'ERR_UID_NOT_FOUND'],
    ['no credentials', '/users/cometchat-uid-1', async () => appHeaders(), 401, 'AUTH_ERR_EMPTY_AUTH_TOKEN'],
    ['an unknown token', '/users/cometchat-uid-1', async () => clientHeaders('x'), 401, 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND'],
    ['the Auth Key, which may only create users and tokens', '/users/cometchat-uid-1', async () => adminHeaders(), 401, 'AUTH_ERR_NO_ACCESS'],
    ['an unknown key', '/users/cometchat-uid-1', async () => adminHeaders('not-a-key'), 401, 'AUTH_ERR_APIKEY_NOT_FOUND'],
  ])('should refuse %s', async (_, path, headers, status, code) => {
    const reply = await call('GET', path, await headers());

    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(code);
  });
});

describe('createAuthToken', () => {
  it('should mint a token the HTTP API accepts', async () => {
    const token = emulator.createAuthToken('cometchat-uid-2');

    const reply = await call('GET', '/me', clientHeaders(token));

    expect(reply.body.data.uid).toBe('cometchat-uid-2');
  });

  it('should throw for an unknown uid', () => {
    expect(() => emulator.createAuthToken('ghost')).toThrow(/ghost/);
  });
});
