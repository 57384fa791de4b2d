/**
 * A local stand-in for CometChat's REST API: the five sample users, login with an Auth Key or
 * an auth token, logout, user look-ups, basic chat (text messages, conversations, groups, typing over the
 * WebSocket), and switchable faults. For unit and end-to-end tests and for trying the extension without a
 * CometChat account.
 */
import { EMULATOR_DEFAULTS } from '../lib/local-emulator';
import { createApiRoutes } from './api/api-routes';
import { createFaultList, type Fault } from './faults';
import { createRequestListener, type RequestLogEntry } from './http/dispatch';
import { createSelfSignedCertificate, type TlsCredentials } from './http/tls';
import { openTransport } from './http/transport';
import { attachRealtimeServer } from './realtime/websocket';
import { createChatState } from './state/chat-state';
import { createEmulatorState } from './state/emulator-state';
import { loadState, createStateSaver } from './state/persistence';

// The one entry the CLI, the launcher and the tests use; the folders below it group the server by concern:
// http/ (transport, dispatch, routing), api/ (CometChat's client and REST APIs), realtime/ (the WebSocket),
// state/ (users, tokens, their file; chat in memory) and faults.ts (misbehaviour on request).
export type { Fault, FaultKind } from './faults';
export type { RequestLogEntry } from './http/dispatch';
export { readTlsFiles, type TlsCredentials } from './http/tls';

/** The REST API key an emulator accepts unless told otherwise; the rest of its defaults are `EMULATOR_DEFAULTS` (lib/local-emulator.ts). */
export const DEFAULT_REST_API_KEY = 'emulator-rest-api-key-00000000000000000';

/** How to start an emulator; everything defaults to `EMULATOR_DEFAULTS` and `DEFAULT_REST_API_KEY`. */
export interface EmulatorOptions {
  /** 0 picks a random free port. */
  port?: number;
  host?: string;
  appId?: string;
  authKey?: string;
  restApiKey?: string;
  /**
   * Serve HTTPS and WSS: `true` makes a throw-away self-signed certificate, or pass your own PEMs.
   * The official SDK needs this; the extension works over plain HTTP too.
   */
  tls?: boolean | TlsCredentials;
  /** Keep users and tokens in this JSON file across restarts (atomic writes); in memory when absent. */
  dataFile?: string;
  /**
   * `false`: no CORS headers, so browsers let only callers that need none through (an extension with host
   * access to CometChat's hosts). CometChat answers CORS today; this proves the extension does not depend on it.
   */
  cors?: boolean;
  /**
   * Close the emulator to other web pages: only these origins (e.g. `http://localhost:5173`, the extension's
   * `chrome-extension://…`) get CORS headers and WebSocket upgrades. Any origin when absent, as CometChat.
   */
  allowedOrigins?: readonly string[];
  /** Receives "METHOD path -> status" per response (the CLI's --verbose). */
  onAccessLog?: (line: string) => void;
  /** Receives emulator bugs (the client got a 500); defaults to printing on stderr. */
  onUnexpectedError?: (error: unknown) => void;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:7717` (`https://` with TLS); also the extension's API host. */
  url: string;
  /** `host:port` without scheme, as the SDK's `overrideAdminHost`/`overrideClientHost` take it. */
  hostAndPort: string;
  /** The certificate in use when serving TLS, so tests can trust it. */
  tlsCertificate?: string;
  port: number;
  appId: string;
  authKey: string;
  restApiKey: string;
  /** Mints a token for `uid` without HTTP (test set-up); throws if the uid is unknown. */
  createAuthToken(uid: string): string;
  /** Revokes a token without HTTP, as a logout elsewhere would (test set-up); false if it was unknown. */
  revokeAuthToken(authToken: string): boolean;
  /** Makes requests whose path ends with `fault.route` (and use `fault.method`, if given) misbehave. */
  setFault(fault: Fault): void;
  clearFaults(): void;
  /** How many WebSockets have passed the auth frame and are open now. */
  authenticatedSockets(): number;
  /** Drops `uid`'s sockets (or everyone's) as a lost network would, so the SDK reconnects; returns how many. */
  dropSockets(uid?: string): number;
  /** Every request received, in order, for asserting request counts. */
  requestLog: RequestLogEntry[];
  /** Stops listening and drops all connections, including requests held by a 'delay' fault. */
  close(): Promise<void>;
}

/** The host to put in URLs: a wildcard bind is reached via loopback, IPv6 literals need brackets. */
function advertisedHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts an emulator; resolves once it accepts connections. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? EMULATOR_DEFAULTS.host;
  const credentials = {
    appId: options.appId ?? EMULATOR_DEFAULTS.appId,
    authKey: options.authKey ?? EMULATOR_DEFAULTS.authKey,
    restApiKey: options.restApiKey ?? DEFAULT_REST_API_KEY,
  };
  // A bad data file fails before the port is bound.
  const initial = options.dataFile ? loadState(options.dataFile) : undefined;
  const state = createEmulatorState(credentials.appId, { initial });
  const saver = options.dataFile ? createStateSaver(options.dataFile) : undefined;
  if (saver) {
    state.onChange(() => saver.save(() => state.toJSON()));
    // Write once now, so an unwritable path fails at start rather than on the first login.
    saver.save(() => state.toJSON());
    await saver.flush();
  }
  const tls = options.tls === true ? await createSelfSignedCertificate() : options.tls || undefined;
  const transport = await openTransport(host, options.port ?? EMULATOR_DEFAULTS.port, tls);
  const publicHost = advertisedHost(host);
  const faults = createFaultList();
  const requestLog: RequestLogEntry[] = [];
  const closing = new AbortController();

  const chat = createChatState();
  const context = { state, chat, credentials, apiHost: `${publicHost}:${transport.port}`, chatHost: publicHost, port: transport.port };
  const routes = createApiRoutes(context);
  transport.server.on(
    'request',
    createRequestListener({
      routes,
      credentials,
      faults,
      requestLog,
      closing: closing.signal,
      onAccessLog: options.onAccessLog,
      cors: options.cors ?? true,
      allowedOrigins: options.allowedOrigins,
      onUnexpectedError: options.onUnexpectedError ?? ((error) => console.error('[emulator] unexpected error:', error)),
    }),
  );

  const realtime = attachRealtimeServer(transport.server, { state, chat, appId: credentials.appId, allowedOrigins: options.allowedOrigins });

  return {
    url: `${tls ? 'https' : 'http'}://${publicHost}:${transport.port}`,
    hostAndPort: `${publicHost}:${transport.port}`,
    tlsCertificate: tls?.cert,
    port: transport.port,
    ...credentials,
    createAuthToken: (uid) => state.issueAuthToken(uid).authToken,
    revokeAuthToken: (authToken) => state.revokeAuthToken(authToken),
    setFault: (fault) => faults.set(fault),
    clearFaults: () => faults.clear(),
    requestLog,
    authenticatedSockets: () => realtime.authenticatedCount(),
    dropSockets: (uid) => realtime.dropSockets(uid),
    async close() {
      closing.abort();
      realtime.close();
      await transport.close();
      await saver?.flush();
    },
  };
}
