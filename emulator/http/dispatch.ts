/**
 * Turns one HTTP request into one reply: log, fault, CORS preflight, route, body, App ID, handler.
 * Every request gets an answer (or a deliberate drop); nothing a client sends can crash the process.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { requireAppId, type EmulatorCredentials } from '../api/auth';
import { apiErrors, EmulatorError } from '../api/errors';
import { applyFault, type FaultList } from '../faults';
import { BODY_LIMIT_BYTES, CORS_HEADERS, CORS_OF_RESPONSE, parseJsonBody, readBody, readHeader, sendError, sendRaw } from './messages';
import { replyEnvelope } from './list-reply';
import { decodeSegment, resolveRoute, type RouteTable } from './router';
import { SECRET_PATTERNS } from '../../lib/redact';

/**
 * One received request: its method, its path without prefix or version (e.g. `me`), and who sent it: the `Origin`
 * header (a web page's or an extension's, e.g. `chrome-extension://…`), null when the caller sent none.
 */
export interface RequestLogEntry {
  method: string;
  route: string;
  origin: string | null;
}

/** Everything the request listener works with; owned by `startEmulator`, injectable in tests. */
export interface DispatchContext {
  routes: RouteTable;
  credentials: EmulatorCredentials;
  faults: FaultList;
  requestLog: RequestLogEntry[];
  /** Aborted when the emulator closes, so delayed requests stop waiting. */
  closing: AbortSignal;
  /** Receives "METHOD path -> status" per finished response; never headers, so never tokens. */
  onAccessLog?: (line: string) => void;
  /** Receives errors that were not CometChat errors (bugs); the client gets a 500. */
  onUnexpectedError?: (error: unknown) => void;
  /** False: no CORS headers on any reply. */
  cors?: boolean;
  /** When given, only these origins get CORS headers (their own origin echoed); others get none. */
  allowedOrigins?: readonly string[];
}

/** The request target's path; absolute-form targets (from proxies) lose scheme and host. */
function pathnameOf(url = '/'): string {
  // Not `new URL(url, base)`: it would read a target like `//me` as a host named "me".
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(url)) {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  }
  return url.split(/[?#]/)[0]!;
}

/** The text after the first `?`, up to any `#`. */
function queryOf(url: string | undefined): string {
  const query = (url ?? '').split('#')[0]!;
  const at = query.indexOf('?');
  return at < 0 ? '' : query.slice(at + 1);
}

/**
 * The path as the access log may print it: REST v3 puts tokens in paths (`users/{uid}/auth_tokens/{token}`),
 * and a log is the kind of thing people paste into issues. Each segment is judged as the router decodes it
 * (`auth%5Ftokens/…%31…` is the same token to it), and a segment holding a token is printed as `[token]` whole.
 */
function loggablePath(pathname: string): string {
  let previous = '';
  return pathname
    .split('/')
    .map((segment) => {
      if (segment === '') return segment; // The router skips empty segments: `auth_tokens//{token}` is still a token.
      const decoded = decodeSegment(segment);
      const isToken = previous === 'auth_tokens' || SECRET_PATTERNS.some((pattern) => decoded.search(pattern) >= 0);
      previous = decoded;
      return isToken ? '[token]' : segment;
    })
    .join('/');
}

/** The CORS headers for a request from `origin`: CometChat's open ones, the origin's own if it is allowed, or none. */
function corsFor(context: DispatchContext, origin: string): Readonly<Record<string, string>> {
  if (context.cors === false) return {};
  if (!context.allowedOrigins) return CORS_HEADERS;
  return context.allowedOrigins.includes(origin) ? { ...CORS_HEADERS, 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
}

async function handle(context: DispatchContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const pathname = pathnameOf(req.url);
  const origin = readHeader(req, 'origin');
  const cors = corsFor(context, origin);
  if (cors !== CORS_HEADERS) CORS_OF_RESPONSE.set(res, cors);
  const resolution = resolveRoute(context.routes, pathname, method);
  context.requestLog.push({ method, route: resolution.route, origin: origin || null });
  res.on('finish', () => context.onAccessLog?.(`${method} ${loggablePath(pathname)} -> ${res.statusCode}`));

  const fault = context.faults.find(method, pathname);
  if (fault) {
    const leaving = new AbortController();
    res.on('close', () => leaving.abort());
    const signal = AbortSignal.any([context.closing, leaving.signal]);
    if (await applyFault(fault, req, res, signal)) return;
  }

  if (method === 'OPTIONS') {
    sendRaw(res, 204, '', Object.keys(cors).length === 0 ? {} : { 'Access-Control-Max-Age': '600' });
    return;
  }
  if (resolution.kind === 'not-found') throw apiErrors.routeNotFound();
  if (resolution.kind === 'method-not-allowed') {
    sendError(res, apiErrors.methodNotAllowed(method), { Allow: [...resolution.allow, 'OPTIONS'].join(',') });
    return;
  }

  const body = await readBody(req);
  if (body.kind === 'too-large') throw apiErrors.payloadTooLarge(BODY_LIMIT_BYTES);
  requireAppId(readHeader(req, 'appid'), context.credentials);
  requireJsonBody(body.text, readHeader(req, 'content-type'));
  const data = await resolution.handler({
    method,
    params: resolution.params,
    header: (name) => readHeader(req, name),
    body: parseJsonBody(body.text),
    query: new URLSearchParams(queryOf(req.url)),
  });
  sendRaw(res, 200, JSON.stringify(replyEnvelope(data)), { 'Content-Type': 'application/json' });
}

/**
 * A body must be sent as JSON (the SDK always says `application/json`). `text/plain`, what `fetch`
 * labels a bare string with, is let through for scripts; forms, XML and the like are refused.
 */
function requireJsonBody(text: string, contentType: string): void {
  if (text.trim() === '' || contentType === '' || /^(application\/([\w.+-]+\+)?json|text\/plain)\b/i.test(contentType)) return;
  throw new EmulatorError(415, 'ERR_BAD_REQUEST', `The request body must be JSON (Content-Type: application/json), not "${contentType || 'none'}".`, {
    contentType: ['The Content-Type header must be application/json.'],
  });
}

/** Answers what went wrong as CometChat would; if the reply already started or the client left, hangs up instead. */
function answerFailure(context: DispatchContext, res: ServerResponse, error: unknown): void {
  const clientLeft = res.destroyed || res.writableEnded || res.socket === null || res.socket.destroyed;
  if (!(error instanceof EmulatorError) && !clientLeft) context.onUnexpectedError?.(error);
  if (clientLeft) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendError(res, error instanceof EmulatorError ? error : apiErrors.internal());
}

/** Creates the `node:http` request listener for an emulator. */
export function createRequestListener(context: DispatchContext): RequestListener {
  return (req, res) => {
    handle(context, req, res).catch((error: unknown) => answerFailure(context, res, error));
  };
}
