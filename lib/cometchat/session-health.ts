/**
 * What a held session's token is worth on the server (`GET me`), and how old it is. View-safe: types, the
 * code → reason table, and the parse of the token's timestamp part; the background does the asking.
 */
import { ERROR_CODES } from './error-code-names';

/** Why CometChat no longer takes a token; other server codes are kept as the code itself. */
export type SessionDeathReason = 'revoked' | 'user-deleted' | 'app-changed' | (string & {});

/** The last `GET me` verdict on a held session. A record without one (older versions) reads as not checked yet. */
export interface SessionHealth {
  state: 'ok' | 'dead';
  reason?: SessionDeathReason;
  /** The CometChat code behind a `dead` verdict. */
  code?: string;
  /** When the extension asked (ms since epoch). */
  checkedAt: number;
}

/**
 * The reason a CometChat code means the token is finished, or null when the code says nothing about the token
 * (the network, a timeout, a reply that is not CometChat's: the session may be fine, so it is not marked).
 */
export function deathReasonOf(code: string): SessionDeathReason | null {
  switch (code) {
    case ERROR_CODES.AUTH_ERR_AUTH_TOKEN_NOT_FOUND:
    case ERROR_CODES.ERR_AUTH_TOKEN_NOT_FOUND:
      return 'revoked';
    case ERROR_CODES.ERR_UID_NOT_FOUND:
      return 'user-deleted';
    case ERROR_CODES.AUTH_ERR_INVALID_APPID:
      return 'app-changed';
    case ERROR_CODES.FAILED_TO_FETCH:
    case ERROR_CODES.ERR_UNKNOWN:
      return null;
    default:
      return code;
  }
}

/** `<uid>_` + 10-digit unix seconds + 30 characters: CometChat's token format (protocol doc §8). */
const TOKEN_TIMESTAMP = /_(\d{10})[0-9a-zA-Z]{30}$/;
/** 2001-09-09: earlier "timestamps" are not timestamps. */
const EARLIEST_SECONDS = 1_000_000_000;

/** When CometChat minted `authToken` (unix seconds), read from its timestamp part; null when it has none. */
export function tokenCreatedAt(authToken: string): number | null {
  const match = TOKEN_TIMESTAMP.exec(authToken);
  if (!match) return null;
  const seconds = Number(match[1]);
  return seconds >= EARLIEST_SECONDS ? seconds : null;
}

/** "token from Nov 14, 2023, 22:13:20, 3 days old" given the formatted date and the clock. */
export function tokenAgeDays(createdAtSeconds: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - createdAtSeconds * 1000) / 86_400_000));
}
