/**
 * HTTP plumbing shared by every route: CORS, CometChat's JSON envelopes, header and body reading.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiErrors, type EmulatorError } from '../api/errors';

/** Largest request body the emulator accepts; CometChat's login bodies are well under 1 kB. */
export const BODY_LIMIT_BYTES = 100 * 1024;

/** Past this the client is flooding us: stop draining and drop the connection. */
const DRAIN_LIMIT_BYTES = 10 * BODY_LIMIT_BYTES;

/**
 * What protocol doc §2 says is enough for the SDK's cross-origin calls. Sent on every response,
 * errors included, or a browser reports a CORS failure instead of CometChat's error.
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': '*',
  'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE,PATCH,OPTIONS',
};

/**
 * The CORS headers of responses that do not carry CometChat's open ones: none for an emulator started with
 * `cors: false`, or the request's own origin for one started with `allowedOrigins` (see `dispatch.ts`).
 */
export const CORS_OF_RESPONSE = new WeakMap<ServerResponse, Readonly<Record<string, string>>>();

/** The CORS headers `res` should carry. */
export function corsHeadersFor(res: ServerResponse): Readonly<Record<string, string>> {
  return CORS_OF_RESPONSE.get(res) ?? CORS_HEADERS;
}

/** Writes a complete response with the CORS headers added. */
export function sendRaw(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...corsHeadersFor(res), ...headers });
  res.end(body);
}

/** `{"error": {code, message, details}}` with the error's status, CometChat's error envelope. */
export function sendError(res: ServerResponse, error: EmulatorError, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } });
  sendRaw(res, error.status, body, { 'Content-Type': 'application/json', ...headers });
}

/** A request header as one trimmed string ('' when absent). Node lower-cases names, so `appId` and `appid` both match. */
export function readHeader(req: IncomingMessage, name: string): string {
  const value = req.headers[name.toLowerCase()];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** The body as text, or `'too-large'` once it passed `BODY_LIMIT_BYTES`. */
export type BodyResult = { kind: 'ok'; text: string } | { kind: 'too-large' };

/**
 * Reads the whole body. An oversized body is drained rather than cut off, so the client gets to
 * read our 413 instead of a reset connection while it is still sending.
 */
export function readBody(req: IncomingMessage): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > DRAIN_LIMIT_BYTES) req.destroy();
      else if (received <= BODY_LIMIT_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(received > BODY_LIMIT_BYTES ? { kind: 'too-large' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('The client closed the connection before sending the whole body.'));
    });
  });
}

/**
 * Parses a JSON object body; an empty body means "no parameters" (the SDK's logout sends none).
 * Throws ERR_BAD_REQUEST for anything that is not a JSON object.
 */
export function parseJsonBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw apiErrors.badRequest(`The request body is not valid JSON: ${reason}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw apiErrors.badRequest('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}
