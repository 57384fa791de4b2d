/**
 * The emulator's HTTP surface: the URL shapes it answers, CORS, request bodies, and how it
 * answers requests it cannot serve (protocol doc §1-3).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type RequestLogEntry } from '@/emulator';
import { createRequestListener } from '@/emulator/http/dispatch';
import { createFaultList } from '@/emulator/faults';

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterEach(async () => {
  await emulator.close();
});

const adminHeaders = () => ({ appid: emulator.appId, apikey: emulator.authKey });

function post(path: string, body?: string): Promise<Response> {
  return fetch(`${emulator.url}${path}`, { method: 'POST', headers: adminHeaders(), body });
}

describe('paths', () => {
  it.each([
    '/v3.0/users/cometchat-uid-1/auth_tokens',
    '/v3/users/cometchat-uid-1/auth_tokens',
    '/users/cometchat-uid-1/auth_tokens',
    '/proxy/cometchat/users/cometchat-uid-1/auth_tokens',
    '/anything/v3.0/users/cometchat-uid-1/auth_tokens',
    '/users/cometchat-uid-1/auth_tokens/',
    '//users//cometchat-uid-1/auth_tokens',
    '/v3.0/users/cometchat-uid-1/auth_tokens?force=true&x=/me',
  ])('should route %s to the auth token endpoint', async (path) => {
    const response = await post(path);

    expect(response.status).toBe(200);
    expect((await response.json()).data.uid).toBe('cometchat-uid-1');
  });

  it.each(['/v3.0/me', '/v3/me', '/me', '//me', '/prefix/me', '/anything/v3.0/me', '/users/me'])('should route PUT %s to login', async (path) => {
    const authtoken = emulator.createAuthToken('cometchat-uid-1');

    const response = await fetch(`${emulator.url}${path}`, { method: 'PUT', headers: { appid: emulator.appId, authtoken } });

    expect((await response.json()).data.authToken).toBe(authtoken);
  });

  it('should accept a uid that looks like a version segment', async () => {
    const response = await post('/v3.0/users/v3/auth_tokens');

    expect((await response.json()).error.code).toBe('ERR_UID_NOT_FOUND');
  });

  it("should record who sent a request by its Origin header, so a page's calls and an extension's are told apart", async () => {
    await fetch(`${emulator.url}/v3/me`, { headers: { origin: 'http://127.0.0.1:5173' } });
    await fetch(`${emulator.url}/v3/me`, { method: 'PUT', headers: { origin: 'chrome-extension://abcdefghijklmnop' } });

    expect(emulator.requestLog.map(({ method, origin }) => `${method} ${origin}`)).toEqual([
      'GET http://127.0.0.1:5173',
      'PUT chrome-extension://abcdefghijklmnop',
    ]);
  });

  it('should record each request by method and route without prefix', async () => {
    await post('/anything/v3.0/users/cometchat-uid-1/auth_tokens');
    await fetch(`${emulator.url}/v3/me`, { method: 'OPTIONS' });
    await fetch(`${emulator.url}/nowhere/at/all`);

    expect(emulator.requestLog).toEqual<RequestLogEntry[]>([
      { method: 'POST', route: 'users/cometchat-uid-1/auth_tokens', origin: null },
      { method: 'OPTIONS', route: 'me', origin: null },
      { method: 'GET', route: 'nowhere/at/all', origin: null },
    ]);
  });
});

describe('CORS', () => {
  it.each([
    ['a success', 'POST', '/users/cometchat-uid-1/auth_tokens', 200],
    ['an auth error', 'PUT', '/me', 401],
    ['an unknown route', 'GET', '/nowhere', 404],
    ['an unsupported method', 'PATCH', '/me', 405],
    ['a preflight', 'OPTIONS', '/v3.0/users/cometchat-uid-1/auth_tokens', 204],
    ['a preflight for an unknown route', 'OPTIONS', '/nowhere', 204],
  ])('should allow any origin, header and the SDK’s methods on %s', async (_, method, path, status) => {
    const response = await fetch(`${emulator.url}${path}`, { method, headers: method === 'OPTIONS' ? {} : adminHeaders() });

    expect(response.status).toBe(status);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,DELETE,PATCH,OPTIONS');
  });

  it.each([
    ['a success', 'POST', '/users/cometchat-uid-1/auth_tokens', 200],
    ['an auth error', 'PUT', '/me', 401],
    ['a preflight', 'OPTIONS', '/v3.0/users/cometchat-uid-1/auth_tokens', 204],
  ])('should send no CORS header on %s when started without CORS', async (_, method, path, status) => {
    const closed = await startEmulator({ port: 0, cors: false });
    try {
      const response = await fetch(`${closed.url}${path}`, { method, headers: method === 'OPTIONS' ? {} : adminHeaders() });

      expect(response.status).toBe(status);
      expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    } finally {
      await closed.close();
    }
  });

  it.each([
    ['an allowed origin gets its own origin back', 'http://localhost:5173', 'http://localhost:5173'],
    ['another allowed origin too', 'chrome-extension://abc', 'chrome-extension://abc'],
    ['any other origin gets no CORS header', 'https://evil.example', null],
  ])('should, with allowed origins, answer so that %s', async (_, origin, allowed) => {
    const closed = await startEmulator({ port: 0, allowedOrigins: ['http://localhost:5173', 'chrome-extension://abc'] });
    try {
      const response = await fetch(`${closed.url}/users/cometchat-uid-1/auth_tokens`, { method: 'POST', headers: { ...adminHeaders(), origin } });

      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
    } finally {
      await closed.close();
    }
  });

  it('should answer a preflight without checking the App ID, as browsers send no custom headers on it', async () => {
    const response = await fetch(`${emulator.url}/me`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'PUT' },
    });

    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });
});

describe('request bodies', () => {
  it.each([
    ['empty', ''],
    ['the SDK’s login body', '{"platform":"WEB","deviceId":"d","appInfo":{"version":"v4.2.0"}}'],
  ])('should accept an %s body', async (_, body) => {
    expect((await post('/users/cometchat-uid-1/auth_tokens', body)).status).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"platform":'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"WEB"'],
  ])('should answer ERR_BAD_REQUEST (400) for %s', async (_, body) => {
    const response = await post('/users/cometchat-uid-1/auth_tokens', body);

    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 'ERR_BAD_REQUEST', message: expect.stringMatching(/JSON/) });
  });

  it.each([
    ['a form', 'application/x-www-form-urlencoded', 'platform=WEB'],
    ['XML', 'application/xml', '<platform>WEB</platform>'],
    ['multipart', 'multipart/form-data; boundary=x', '--x--'],
  ])('should answer 415 ERR_BAD_REQUEST for a body sent as %s', async (_name, contentType, body) => {
    const response = await fetch(`${emulator.url}/users/cometchat-uid-1/auth_tokens`, {
      method: 'POST',
      headers: { ...adminHeaders(), 'content-type': contentType },
      body,
    });

    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'ERR_BAD_REQUEST', details: { contentType: [expect.any(String)] } } });
  });

  it.each(['application/json', 'application/json; charset=utf-8', 'text/plain;charset=UTF-8'])(
    'should accept a JSON body labelled %s',
    async (contentType) => {
      const response = await fetch(`${emulator.url}/users/cometchat-uid-1/auth_tokens`, {
        method: 'POST',
        headers: { ...adminHeaders(), 'content-type': contentType },
        body: '{"platform":"WEB"}',
      });

      expect(response.status).toBe(200);
    },
  );

  it('should answer 413 for a body over 100 kB and keep serving', async () => {
    const tooLarge = JSON.stringify({ padding: 'x'.repeat(101 * 1024) });

    const response = await post('/users/cometchat-uid-1/auth_tokens', tooLarge);
    const next = await post('/users/cometchat-uid-1/auth_tokens');

    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('ERR_BAD_REQUEST');
    expect(next.status).toBe(200);
  });
});

describe('requests it cannot serve', () => {
  it('should answer an unknown route with 404 ERR_ROUTE_NOT_FOUND', async () => {
    const response = await fetch(`${emulator.url}/v3.0/calls`, { headers: adminHeaders() });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      error: { code: 'ERR_ROUTE_NOT_FOUND', message: 'The requested resource does not exist.', details: {} },
    });
  });

  it.each([
    ['PATCH', '/me', 'GET,PUT,DELETE'],
    ['PATCH', '/users/cometchat-uid-1/auth_tokens', 'GET,POST,DELETE'],
    ['PATCH', '/users/cometchat-uid-1', 'GET,PUT,DELETE'],
  ])('should answer %s %s with 405 and the allowed methods', async (method, path, allowed) => {
    const response = await fetch(`${emulator.url}${path}`, { method, headers: adminHeaders() });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')?.split(',').sort()).toEqual([...allowed.split(','), 'OPTIONS'].sort());
    expect((await response.json()).error.code).toBe('ERR_METHOD_NOT_ALLOWED');
  });
});

describe('a handler that throws', () => {
  let server: Server;
  let unexpected: unknown[];

  beforeEach(async () => {
    unexpected = [];
    server = createServer(
      createRequestListener({
        routes: [
          {
            pattern: 'boom',
            methods: {
              GET: () => {
                throw new TypeError('bug');
              },
            },
          },
        ],
        credentials: { appId: 'app', authKey: 'a', restApiKey: 'r' },
        faults: createFaultList(),
        requestLog: [],
        closing: new AbortController().signal,
        onUnexpectedError: (error) => unexpected.push(error),
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('should answer a CometChat-style 500 and keep serving', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/boom`;

    const first = await fetch(url, { headers: { appid: 'app' } });
    const second = await fetch(url, { headers: { appid: 'app' } });

    expect(first.status).toBe(500);
    expect((await first.json()).error).toEqual({ code: 'ERR_INTERNAL_SERVER_ERROR', message: expect.any(String), details: {} });
    expect(second.status).toBe(500);
    expect(unexpected).toHaveLength(2);
  });
});

describe('concurrent requests', () => {
  it('should answer 100 simultaneous logins, each with its own token', async () => {
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, index) => post(`/v3.0/users/cometchat-uid-${(index % 5) + 1}/auth_tokens`).then((r) => r.json())),
    );

    const tokens = replies.map((reply) => reply.data.authToken);
    expect(new Set(tokens).size).toBe(100);
  });
});

describe('the access log (--verbose)', () => {
  /** An emulator whose access log lines are collected; the log is written when a response finishes. */
  async function withAccessLog() {
    const lines: string[] = [];
    const logged = await startEmulator({ port: 0, onAccessLog: (line) => lines.push(line) });
    return { logged, lines };
  }

  it('should mask a token in the path however it is percent-encoded, as the router decodes it', async () => {
    const { logged, lines } = await withAccessLog();
    try {
      const created = await fetch(`${logged.url}/v3/users/cometchat-uid-1/auth_tokens`, {
        method: 'POST',
        headers: { appid: logged.appId, apikey: logged.authKey },
      });
      const token: string = (await created.json()).data.authToken;
      // `_` as %5F in both the route's name and the token, and each `1` as %31: the same path to the router.
      const encoded = token.replaceAll('_', '%5F').replaceAll('1', '%31');
      const path = `/v3/users/cometchat-uid-1/auth%5Ftokens/${encoded}`;

      const reply = await fetch(`${logged.url}${path}`, { headers: { appid: logged.appId, apikey: logged.restApiKey } });
      await reply.text();
      await expect.poll(() => lines.length).toBe(2);

      expect(reply.status, 'the router found the token it decoded').toBe(200);
      const line = lines[1]!;
      expect(line).toMatch(/^GET .* -> 200$/);
      expect(line, 'the log shows the token, percent-encoded').not.toContain(encoded);
      expect(decodeURIComponent(line), 'the log shows the token once decoded').not.toContain(token);
      expect(line).toContain('[token]');
    } finally {
      await logged.close();
    }
  });

  it.each([
    ['a token as a uid, percent-encoded', `/v3/users/abc%5F1700000000${'a'.repeat(30)}`],
    ['a JWT with an encoded dot', '/v3/me/eyJhbGciOiJIUzI1NiJ9%2EeyJzdWIiOiIxIn0%2Esignature'],
  ])('should mask %s', async (_name, path) => {
    const { logged, lines } = await withAccessLog();
    try {
      await (await fetch(`${logged.url}${path}`, { headers: { appid: logged.appId } })).text();
      await expect.poll(() => lines.length).toBe(1);

      expect(lines[0]).toContain('[token]');
      expect(decodeURIComponent(lines[0]!)).not.toMatch(/1700000000a{30}|eyJzdWIiOiIxIn0/);
    } finally {
      await logged.close();
    }
  });
});
