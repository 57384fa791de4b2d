/** What replaces a secret in anything that leaves the extension (exports). */
export const REDACTED = '[redacted]';

import { maskSecret } from './mask';

/** CometChat auth tokens (`<uid>_<10-digit time><30 hex>`) and JWTs, wherever they appear in text. */
const SECRET_PATTERNS = [/[A-Za-z0-9_-]+_\d{10}[0-9a-f]{30}/g, /eyJ[\w-]+\.[\w-]+\.[\w-]+/g];

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
