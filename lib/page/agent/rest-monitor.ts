import { ERROR_CODES } from '@/lib/cometchat/error-code-names';
import type { AgentState } from './agent-state';
import { quietly, shapedLike } from './patching';

/** What the agent keeps of a CometChat request: never its headers, query string or body. */
interface CometChatCall {
  appId: string;
  method: string;
  endpoint: string;
  sdk: string | null;
}

/**
 * A URL's path as an endpoint: no host, no query, no leading `v3.0`/`v3` segment, and no auth token where the REST
 * API puts one in the path (`users/{uid}/auth_tokens/{authToken}`, cometchat-protocol §8).
 */
export function endpointOf(url: string, base?: string): string {
  return new URL(url, base).pathname
    .replace(/^\/+/, '')
    .replace(/^v\d+(\.\d+)*(\/|$)/, '')
    .replace(/(^|\/)auth_tokens\/[^/]+/, '$1auth_tokens/:authToken');
}

/**
 * Wraps `window.fetch` to report CometChat's REST calls: those whose request carries an `appId` header. The app gets
 * the very response or rejection the browser gave; the agent reads the error body of a failed reply from a clone, and
 * never the body of a successful one (it holds tokens).
 */
export function watchFetch(win: Window & typeof globalThis, agent: AgentState): void {
  const originalFetch = win.fetch;
  if (typeof originalFetch !== 'function') return;
  const { apply } = Reflect;
  const { then } = Promise.prototype;
  const { Headers, Request } = win;
  const getHeader = Headers.prototype.get;
  const now = () => (typeof performance === 'object' ? performance.now() : Date.now());

  /** A header of the request, the way `fetch` would send it: `init.headers` replaces a Request's headers. */
  const headerOf = (input: unknown, init: RequestInit | undefined, name: string): string | null => {
    const headers = init?.headers !== undefined ? init.headers : input instanceof Request ? input.headers : undefined;
    if (headers instanceof Headers) return apply(getHeader, headers, [name]);
    // Arrays and plain objects only: reading any other iterable could use it up before `fetch` reads it.
    const pairs = Array.isArray(headers) ? headers : headers && !(Symbol.iterator in headers) ? Object.entries(headers) : [];
    const found = pairs.find((pair) => typeof pair?.[0] === 'string' && pair[0].toLowerCase() === name.toLowerCase());
    return found === undefined ? null : String(found[1]);
  };

  const describe = (input: unknown, init: RequestInit | undefined): CometChatCall | null => {
    const appId = headerOf(input, init, 'appId');
    if (appId === null) return null;
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    return { appId, method: String(method).toUpperCase(), endpoint: endpointOf(url, win.location?.href), sdk: headerOf(input, init, 'sdk') };
  };

  const report = (call: CometChatCall, startedAt: number, status: number, code?: string) => {
    if (call.sdk !== null) agent.sdkVersion = call.sdk;
    agent.onTraffic();
    const durationMs = Math.round(now() - startedAt);
    agent.emit({
      kind: 'rest',
      appId: call.appId,
      method: call.method,
      endpoint: call.endpoint,
      status,
      ...(code === undefined ? {} : { code }),
      durationMs,
    });
  };

  /** Reports a reply: at once when it succeeded, after reading `error.code` from a copy of the body when it failed. */
  const observe = (call: CometChatCall, startedAt: number, response: Response) => {
    if (response.ok || response.type === 'opaque') return report(call, startedAt, response.status);
    const status = response.status;
    apply(then, response.clone().text(), [
      (text: string) => {
        const code = quietly(() => (JSON.parse(text) as { error?: { code?: unknown } }).error?.code);
        report(call, startedAt, status, typeof code === 'string' ? code : undefined);
      },
      () => report(call, startedAt, status),
    ]);
  };

  win.fetch = shapedLike(function (this: unknown, ...args: Parameters<typeof fetch>): Promise<Response> {
    const call = quietly(() => describe(args[0], args[1]));
    const startedAt = now();
    const reply = apply(originalFetch, this, args);
    if (!call) return reply;
    // A new promise settled with the same response or reason: a rejection the app leaves unhandled stays unhandled.
    return apply(then, reply, [
      (response: Response) => (quietly(() => observe(call, startedAt, response)), response),
      (reason: unknown) => {
        quietly(() => report(call, startedAt, 0, ERROR_CODES.FAILED_TO_FETCH));
        throw reason;
      },
    ]) as Promise<Response>;
  }, originalFetch);
}
