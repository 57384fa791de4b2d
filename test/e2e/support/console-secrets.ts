/**
 * What must never appear in a console of the extension: CometChat tokens, JWTs, and the test Auth Keys.
 * Checked when every suite closes its browser (Chromium and Firefox), so the whole e2e run doubles as a leak test.
 */
const SECRET_PATTERNS = [/[A-Za-z0-9_-]+_\d{10}[0-9a-f]{30}/, /eyJ[\w-]+\.[\w-]+\.[\w-]+/, /emulator-auth-key|second-auth-key|emulator-rest-api-key/];

/** Throws, listing them, if any of `messages` carries a secret. */
export function assertNoSecretIn(messages: readonly string[]): void {
  const leaks = messages.filter((message) => SECRET_PATTERNS.some((pattern) => pattern.test(message)));
  if (leaks.length > 0) throw new Error(`A console showed a secret:\n${leaks.join('\n')}`);
}
