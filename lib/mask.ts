/**
 * Masks a secret for display: the last four characters, enough to tell two apart, never enough to use.
 */
export function maskSecret(secret: string): string {
  if (!secret) return '';
  return secret.length <= 8 ? '•'.repeat(secret.length) : `${'•'.repeat(8)}${secret.slice(-4)}`;
}
