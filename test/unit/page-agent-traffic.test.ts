import { describe, expect, it, vi } from 'vitest';
import { startPageAgent } from '@/lib/page/agent/agent';
import { endpointOf } from '@/lib/page/agent/rest-monitor';
import { SDK_LISTENER_ID } from '@/lib/page/agent/sdk-listeners';
import { createFakeWindow, listenAsRelay, settle, statusOf } from './page-agent-fakes';

const APP = 'app-1';
const BASE = `https://${APP}.apiclient-eu.cometchat.io/v3.0`;
const TOKEN = 'cometchat-uid-1_17000000001234567890abcdef';
const AUTH_KEY = 'auth-key-0123456789';
const JWT = 'eyJhbGciOi.secret-jwt.sig';
const sdkHeaders = { appId: APP, sdk: 'javascript@4.2.0', authToken: TOKEN, apiKey: AUTH_KEY, 'Content-Type': 'application/json' };

function startedTab(options: Parameters<typeof createFakeWindow>[0] = {}) {
  const tab = createFakeWindow(options);
  startPageAgent(tab.window);
  return { ...tab, ...listenAsRelay(tab.window) };
}

describe("CometChat's REST calls", () => {
  it.each([
    ['plain object', () => [`${BASE}/users/cometchat-uid-1?affix=append`, { method: 'get', headers: sdkHeaders }]],
    ['Headers', () => [`${BASE}/users/cometchat-uid-1?affix=append`, { method: 'GET', headers: new Headers(sdkHeaders) }]],
    ['header pairs', () => [new URL(`${BASE}/users/cometchat-uid-1`), { headers: Object.entries(sdkHeaders) }]],
    ['a Request', () => [new Request(`${BASE}/users/cometchat-uid-1?q=${TOKEN}`, { headers: sdkHeaders })]],
  ])('should report a call whose headers are a %s, without a header, query or body', async (_, call) => {
    const tab = startedTab({ fetch: async () => Response.json({ data: { uid: 'cometchat-uid-1', authToken: TOKEN, jwt: JWT } }) });

    await tab.window.fetch(...(call() as Parameters<typeof fetch>));
    await settle();

    expect(tab.activities()[1]).toEqual({
      kind: 'rest',
      appId: APP,
      method: 'GET',
      endpoint: 'users/cometchat-uid-1',
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(tab.reports[1]!.status.sdkVersion).toBe('javascript@4.2.0');
    expect(JSON.stringify(tab.reports)).not.toMatch(new RegExp([TOKEN, AUTH_KEY, JWT, 'affix', 'apiclient'].join('|')));
  });

  it("should report the error's code from a copy of the body, and hand the app the very response, unread", async () => {
    const reply = Response.json(
      { error: { code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', message: `The auth token ${TOKEN} does not exist.` } },
      { status: 401 },
    );
    const tab = startedTab({ fetch: async () => reply });

    const response = await tab.window.fetch(`${BASE}/me`, { method: 'PUT', headers: sdkHeaders, body: JSON.stringify({ authToken: TOKEN }) });

    expect(response).toBe(reply);
    expect(response.bodyUsed).toBe(false);
    await expect(response.json()).resolves.toMatchObject({ error: { code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' } });
    await settle();
    expect(tab.activities()[1]).toEqual({
      kind: 'rest',
      appId: APP,
      method: 'PUT',
      endpoint: 'me',
      status: 401,
      code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
      durationMs: expect.any(Number),
    });
    expect(JSON.stringify(tab.reports)).not.toContain(TOKEN);
  });

  it('should never read the body of a successful reply', async () => {
    const reply = Response.json({ data: { authToken: TOKEN } });
    const clone = vi.spyOn(reply, 'clone');
    const tab = startedTab({ fetch: async () => reply });

    await tab.window.fetch(`${BASE}/users/cometchat-uid-1/auth_tokens`, { method: 'POST', headers: sdkHeaders });
    await settle();

    expect(clone).not.toHaveBeenCalled();
    expect(tab.activities()[1]).toMatchObject({ endpoint: 'users/cometchat-uid-1/auth_tokens', status: 200 });
  });

  it('should report a call that got no reply as FAILED_TO_FETCH, and reject the app with the same error', async () => {
    const failure = new TypeError('Failed to fetch');
    const tab = startedTab({ fetch: () => Promise.reject(failure) });

    await expect(tab.window.fetch(`${BASE}/me`, { method: 'DELETE', headers: sdkHeaders })).rejects.toBe(failure);

    expect(tab.activities()[1]).toEqual({
      kind: 'rest',
      appId: APP,
      method: 'DELETE',
      endpoint: 'me',
      status: 0,
      code: 'FAILED_TO_FETCH',
      durationMs: expect.any(Number),
    });
  });

  it("should pass calls through as the app made them, and report none that isn't CometChat's", async () => {
    const tab = startedTab();
    const init = { headers: { 'X-Other': '1' } };

    await tab.window.fetch.call(tab.window, '/api/other', init);

    expect(tab.calls).toEqual([{ self: tab.window, args: ['/api/other', init] }]);
    expect(tab.activities()).toEqual([{ kind: 'start' }]);
    expect([tab.window.fetch.name, tab.window.fetch.length]).toEqual([tab.pageFetch.name, tab.pageFetch.length]);
  });

  it.each([
    ['https://app.apiclient-eu.cometchat.io/v3.0/users/cometchat-uid-1?per_page=10', 'users/cometchat-uid-1'],
    ['https://app.api-eu.cometchat.io/v3/users/cometchat-uid-1/auth_tokens', 'users/cometchat-uid-1/auth_tokens'],
    [
      'https://app.api-eu.cometchat.io/v3/users/cometchat-uid-1/auth_tokens/cometchat-uid-1_1700000000abc',
      'users/cometchat-uid-1/auth_tokens/:authToken',
    ],
    ['https://127.0.0.1:8443/me', 'me'],
    ['/v3.0/me#fragment', 'me'],
  ])('should name %s as endpoint %s', (url, endpoint) => {
    expect(endpointOf(url, 'http://127.0.0.1:5173/')).toBe(endpoint);
  });
});

/** The SDK's first frame on its socket (cometchat-protocol §5): it holds the jwt. */
const authFrame = JSON.stringify({ appId: APP, deviceId: 'd', type: 'auth', sender: 'cometchat-uid-1', body: { auth: JWT } });

describe("CometChat's WebSocket", () => {
  it('should stay a WebSocket to the app', () => {
    const tab = startedTab();
    const Original = Object.getPrototypeOf(tab.window.WebSocket);

    const socket = new tab.window.WebSocket('wss://chat.example:443/', 'proto');

    expect(socket).toBeInstanceOf(Original);
    expect(socket).toBeInstanceOf(tab.window.WebSocket);
    expect(Object.getPrototypeOf(socket)).toBe(tab.window.WebSocket.prototype);
    expect([tab.window.WebSocket.CONNECTING, tab.window.WebSocket.OPEN, tab.window.WebSocket.CLOSING, tab.window.WebSocket.CLOSED]).toEqual([
      0, 1, 2, 3,
    ]);
    expect([tab.window.WebSocket.name, tab.window.WebSocket.length]).toEqual(['WebSocket', Original.length]);
    expect(tab.sockets[0]).toMatchObject({ url: 'wss://chat.example:443/', protocols: 'proto' });
    expect(() => socket.send('too early')).toThrow('InvalidStateError');
  });

  it('should report its states once its auth frame shows it is CometChat’s, and never a frame', () => {
    const tab = startedTab();
    const socket = new tab.window.WebSocket('wss://chat.example:443/');
    const [server] = tab.sockets;

    server!.accept();
    expect(tab.activities()).toEqual([{ kind: 'start' }]);
    socket.send(authFrame);
    server!.receive(JSON.stringify({ type: 'auth', body: { code: '200', status: 'OK' } }));
    socket.send(JSON.stringify({ action: 'ping', ack: 'true' }));
    server!.drop(1000);

    expect(tab.activities().slice(1)).toEqual([
      { kind: 'socket', state: 'connecting' },
      { kind: 'socket', state: 'open' },
      { kind: 'socket', state: 'authenticated' },
      { kind: 'socket', state: 'closed', closeCode: 1000 },
    ]);
    expect(server!.sent).toEqual([authFrame, JSON.stringify({ action: 'ping', ack: 'true' })]);
    expect(statusOf(tab.window).socket).toEqual({ state: 'closed', since: expect.any(Number), closeCode: 1000 });
    expect(JSON.stringify(tab.reports)).not.toMatch(/secret-jwt|cometchat-uid-1|ping/);
  });

  it('should report a refused auth with its code, and a reconnection to the same server from its start', () => {
    const tab = startedTab();
    const first = new tab.window.WebSocket('wss://chat.example:443/');
    tab.sockets[0]!.accept();
    first.send(authFrame);
    tab.sockets[0]!.receive(JSON.stringify({ type: 'auth', body: { code: '401', status: 'Unauthorized' } }));
    tab.sockets[0]!.drop(4001);

    new tab.window.WebSocket('wss://chat.example:443/');
    tab.sockets[1]!.drop(1006);

    expect(tab.activities().slice(3)).toEqual([
      { kind: 'socket', state: 'refused', code: '401' },
      { kind: 'socket', state: 'closed', closeCode: 4001 },
      { kind: 'socket', state: 'connecting' },
      { kind: 'socket', state: 'closed', closeCode: 1006 },
    ]);
  });

  it("should not report a socket that isn't CometChat's", () => {
    const tab = startedTab();
    const socket = new tab.window.WebSocket('wss://other.example/');
    tab.sockets[0]!.accept();

    socket.send(JSON.stringify({ type: 'auth', token: 'not-cometchat' }));
    tab.sockets[0]!.receive(JSON.stringify({ type: 'auth', body: { code: '200' } }));
    tab.sockets[0]!.drop(1000);

    expect(tab.activities()).toEqual([{ kind: 'start' }]);
    expect(statusOf(tab.window).socket).toBeNull();
  });
});

/** A global `CometChat` with the listener API of SDK 4.2.0, and the listeners added to it. */
function fakeGlobalSdk() {
  const added: Record<string, { id: string; handlers: Record<string, (...args: unknown[]) => void> }[]> = { login: [], connection: [] };
  class Listener {
    constructor(readonly handlers: Record<string, (...args: unknown[]) => void>) {}
  }
  return {
    added,
    CometChat: {
      LoginListener: Listener,
      ConnectionListener: Listener,
      addLoginListener: (id: string, listener: Listener) => added.login!.push({ id, handlers: listener.handlers }),
      addConnectionListener: (id: string, listener: Listener) => added.connection!.push({ id, handlers: listener.handlers }),
    },
  };
}

describe('the global SDK', () => {
  it('should listen once, after CometChat traffic, and report what its listeners hear', async () => {
    const tab = startedTab();
    const sdk = fakeGlobalSdk();
    (tab.window as any).CometChat = sdk.CometChat;

    tab.window.dispatchEvent(new Event('load'));
    expect([statusOf(tab.window).hasGlobalSdk, sdk.added.login]).toEqual([true, []]);
    await tab.window.fetch(`${BASE}/me`, { method: 'PUT', headers: sdkHeaders });
    await tab.window.fetch(`${BASE}/settings`, { headers: sdkHeaders });
    const login = sdk.added.login![0]!.handlers;
    const connection = sdk.added.connection![0]!.handlers;
    login.loginSuccess!({ getUid: () => 'cometchat-uid-1', authToken: TOKEN });
    login.loginFailure!({ code: 'ERR_UID_NOT_FOUND', message: 'no' });
    login.logoutSuccess!();
    connection.onConnected!();
    connection.onDisconnected!();

    expect([sdk.added.login, sdk.added.connection].map((listeners) => listeners!.map((listener) => listener.id))).toEqual([
      [SDK_LISTENER_ID],
      [SDK_LISTENER_ID],
    ]);
    expect(tab.activities().filter((activity) => activity.kind === 'listener')).toEqual([
      { kind: 'listener', listener: 'login', event: 'loginSuccess', uid: 'cometchat-uid-1' },
      { kind: 'listener', listener: 'login', event: 'loginFailure', code: 'ERR_UID_NOT_FOUND' },
      { kind: 'listener', listener: 'login', event: 'logoutSuccess' },
      { kind: 'listener', listener: 'connection', event: 'onConnected' },
      { kind: 'listener', listener: 'connection', event: 'onDisconnected' },
    ]);
    expect(JSON.stringify(tab.reports)).not.toContain(TOKEN);
  });

  it('should never let a broken global CometChat reach the app', async () => {
    const tab = startedTab();
    Object.defineProperty(tab.window, 'CometChat', {
      get: () => ({
        addLoginListener: () => {
          throw new Error('broken');
        },
        LoginListener: class {},
      }),
    });

    await expect(tab.window.fetch(`${BASE}/me`, { headers: sdkHeaders })).resolves.toBeInstanceOf(Response);
    await settle();

    expect(tab.activities().at(-1)).toMatchObject({ kind: 'rest', endpoint: 'me' });
  });
});
