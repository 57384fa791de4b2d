import { maskSecretsInText } from './redact';

/** An error's details as a tester reads them: CometChat's sentence as it is, or structured details as JSON. */
export interface ShownErrorDetails {
  /** `sentence`: CometChat sent a string (e.g. "Please verify the UID and try again."); `json`: an object or array. */
  kind: 'sentence' | 'json';
  /** The text to show, with token-shaped text masked. Shown as text, never parsed as markup. */
  text: string;
}

/**
 * What to show of `details`, or undefined when there is nothing to say (`{}`, `[]`, an empty string,
 * null). CometChat sends `details` as per-field arrays, as an object, or as a plain sentence.
 */
export function showErrorDetails(details: unknown): ShownErrorDetails | undefined {
  if (details === undefined || details === null) return undefined;
  if (typeof details === 'string') {
    return details.trim() === '' ? undefined : { kind: 'sentence', text: maskSecretsInText(details) };
  }
  if (typeof details === 'object' && Object.keys(details).length === 0) return undefined;
  return { kind: 'json', text: maskSecretsInText(JSON.stringify(details, null, 2)) };
}
