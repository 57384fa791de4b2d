/**
 * Minting of auth tokens and the per-token credentials `PUT /me` hands out (jwt, wsChannel).
 * Formats follow CometChat's docs (protocol doc §8) so code that parses or validates them
 * behaves the same against the emulator as against the real service.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** The WebSocket credentials `PUT /me` returns next to the user (protocol doc §4). */
export interface WsChannel {
  identity: string;
  secret: string;
  service: string;
}

/** Everything the emulator remembers about one issued auth token. */
export interface AuthSession {
  authToken: string;
  uid: string;
  createdAt: number;
  /** Stable for the token's lifetime: the SDK stores it and a page switch needs the same value (protocol doc §6). */
  jwt: string;
  wsChannel: WsChannel;
}

/** Current time in unix seconds, the unit CometChat uses for every timestamp. */
export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Mints a new session for `uid`. `signingSecret` is per emulator, so jwts look real
 * (header.payload.signature) without meaning anything outside this process.
 */
export function mintAuthSession(uid: string, appId: string, signingSecret: string): AuthSession {
  const createdAt = nowInSeconds();
  const authToken = `${uid}_${String(createdAt).padStart(10, '0')}${randomBytes(15).toString('hex')}`;
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({
    iss: 'cometchat-emulator',
    sub: uid,
    appId,
    iat: createdAt,
    jti: randomBytes(8).toString('hex'),
  })}`;
  const signature = createHmac('sha256', signingSecret).update(unsigned).digest('base64url');
  return {
    authToken,
    uid,
    createdAt,
    jwt: `${unsigned}.${signature}`,
    wsChannel: {
      identity: `${appId}.${uid}`,
      secret: randomBytes(16).toString('hex'),
      service: 'emulator',
    },
  };
}
