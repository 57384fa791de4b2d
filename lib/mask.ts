/**
 * Masks a secret for display: enough of its ends to tell two apart, never enough to use it.
 * CometChat tokens start with the uid, so the uid-looking prefix is kept readable.
 */
export function maskSecret(secret: string): string {
  if (!secret) return '';
  if (secret.length <= 8) return '•'.repeat(secret.length);
  const underscore = secret.lastIndexOf('_');
  const keep = underscore > 0 && underscore < secret.length - 8 ? underscore + 1 : 2;
  return `${secret.slice(0, keep)}${'•'.repeat(8)}${secret.slice(-4)}`;
}
