import type { CometChatError } from './cometchat/exception';
import { maskSecret } from './mask';

/** What replaces a secret in anything that leaves the extension (exports). */
export const REDACTED = '[redacted]';

/** CometChat auth tokens (`<uid>_<10-digit time><30 hex>`) and JWTs, wherever they appear in text (global regexes: for `replace`). */
// Bounded repeats: an unbounded `[…]+` before a fixed tail backtracks over every start position, and a
// 200 kB message of letters then takes most of a minute. UIDs are at most 100 characters.
export const SECRET_PATTERNS: readonly RegExp[] = [/[A-Za-z0-9_-]{1,100}_\d{10}[0-9a-f]{30}/g, /eyJ[\w-]{1,4000}\.[\w-]{1,4000}\.[\w-]{1,4000}/g];

/**
 * Masks anything shaped like a token or a JWT in text shown on screen: CometChat's own error messages
 * echo the token they refused ("The auth token … does not exist").
 */
export function maskSecretsInText(text: string): string {
  return SECRET_PATTERNS.reduce((result, pattern) => result.replace(pattern, (secret) => maskSecret(secret)), text);
}

/**
 * Removes every known secret (Auth Keys, held tokens and jwts) and anything shaped like a token or a
 * JWT from `text`. Known secrets go first, longest first, so one never leaves part of another behind.
 */
export function redactSecrets(text: string, knownSecrets: Iterable<string | undefined>): string {
  const secrets = [...new Set([...knownSecrets].filter((secret): secret is string => Boolean(secret && secret.length >= 6)))];
  let result = text;
  for (const secret of secrets.sort((a, b) => b.length - a.length)) result = result.split(secret).join(REDACTED);
  for (const pattern of SECRET_PATTERNS) result = result.replace(pattern, REDACTED);
  return result;
}

/** How much of an error is kept: a server or a page can send anything, and errors are stored and shown. */
const ERROR_LIMITS = { code: 100, message: 1000, details: 4000 } as const;
/** Past a bound, text is cut only after masking, with this much room: a secret crossing the bound is still whole. */
const MASK_SLACK = 4096;

/**
 * An error fit to store and show: every known secret (longest first) and anything shaped like a token
 * or a JWT masked in its message and details — CometChat echoes what it refused ("The key wrong-key
 * does not exist") — and each part bounded in size (details past the bound keep a text preview).
 */
export function sanitizeError(error: CometChatError, knownSecrets: Iterable<string | undefined>): CometChatError {
  const secrets = [...new Set([...knownSecrets].filter((secret): secret is string => Boolean(secret && secret.length >= 6)))].sort(
    (a, b) => b.length - a.length,
  );
  // Cut before masking (with room for a secret that straddles the bound), so the work stays small.
  const mask = (text: string, bound: number) =>
    maskSecretsInText(secrets.reduce((result, secret) => result.split(secret).join(maskSecret(secret)), text.slice(0, bound + MASK_SLACK)));
  const detailsText = mask(JSON.stringify(error.details ?? {}) ?? '{}', ERROR_LIMITS.details);
  return {
    code: String(error.code).slice(0, ERROR_LIMITS.code),
    message: mask(String(error.message), ERROR_LIMITS.message).slice(0, ERROR_LIMITS.message),
    details:
      detailsText.length > ERROR_LIMITS.details ? { truncated: true, preview: detailsText.slice(0, ERROR_LIMITS.details) } : parseOr(detailsText),
  };
}

/** The masked JSON back as data; a secret with a quote in it can leave text that is no longer JSON. */
function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { preview: text };
  }
}
