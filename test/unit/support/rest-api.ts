/**
 * A harness for the emulator's REST API tests (emulator-rest-*.test.ts): the client API and the REST API served
 * together over real HTTP, as `startEmulator` serves them, but over a state the tests can reach into, plus
 * helpers that call them the way a server (`apikey`) and the SDK (`authtoken`) do.
 */
import { afterEach, beforeEach, expect } from 'vitest';
import { createApiRoutes } from '@/emulator/api/api-routes';
import { createFaultList } from '@/emulator/faults';
import { createRequestListener } from '@/emulator/http/dispatch';
import { openTransport, type Transport } from '@/emulator/http/transport';
import { createChatState, type ChatState } from '@/emulator/state/chat-state';
import { createEmulatorState, type EmulatorState } from '@/emulator/state/emulator-state';

export const credentials = { appId: 'rest-app', authKey: 'test-auth-key', restApiKey: 'test-rest-api-key' };

let transport: Transport;
/** The running emulator's users and tokens, fresh for every test (a live binding: read it inside tests). */
export let state: EmulatorState;
/** The running emulator's groups and messages (a live binding, like `state`). */
export let chat: ChatState;
/** The running emulator's base URL, e.g. `http://127.0.0.1:41234`. */
export let url: string;
let unexpected: unknown[];
let closing: AbortController;

/** Starts a fresh emulator before every test of the calling file and stops it after; no request may end in a 500. */
export function serveApisForEachTest(): void {
  beforeEach(async () => {
    transport = await openTransport('127.0.0.1', 0);
    state = createEmulatorState(credentials.appId);
    chat = createChatState();
    url = `http://127.0.0.1:${transport.port}`;
    unexpected = [];
    closing = new AbortController();
    const context = { state, chat, credentials, apiHost: `127.0.0.1:${transport.port}`, chatHost: '127.0.0.1', port: transport.port };
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
}

export type KeyKind = 'rest' | 'auth' | 'none' | 'unknown';
const API_KEYS: Record<KeyKind, string | undefined> = {
  rest: credentials.restApiKey,
  auth: credentials.authKey,
  none: undefined,
  unknown: 'not-a-key',
};

export interface Reply {
  status: number;
  body: any;
}

/** A REST API call (`/v3/...`) with the REST API key unless `key` says otherwise. */
export async function call(method: string, path: string, options: { key?: KeyKind; body?: unknown } = {}): Promise<Reply> {
  const apikey = API_KEYS[options.key ?? 'rest'];
  const headers: Record<string, string> = { appid: credentials.appId, ...(apikey ? { apikey } : {}) };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}/v3${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  return { status: response.status, body: await response.json() };
}

/** A client API call (`PUT /me` and friends) with an auth token, as the SDK makes it; a `body` goes as JSON. */
export async function callAsClient(method: string, path: string, authtoken: string, body?: unknown): Promise<Reply> {
  const headers: Record<string, string> = { appid: credentials.appId, authtoken };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}/v3.0${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

/** The uids of a user list reply, in order. */
export const uidsOf = (reply: Reply): string[] => reply.body.data.map((user: { uid: string }) => user.uid);
