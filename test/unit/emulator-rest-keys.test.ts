/**
 * The emulator's REST API v3 for servers (protocol doc §8): which key may call which route, and the REST API
 * served next to the client API it shares paths and tokens with.
 */
import { describe, expect, it } from 'vitest';
import { mergeRouteTables } from '@/emulator/http/route-table';
import { call, credentials, serveApisForEachTest, state, url, type KeyKind } from './support/rest-api';

serveApisForEachTest();

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
