import type messages from '../../public/_locales/en/messages.json';
import { viewBrowser } from '@/lib/transport/view-browser';

/** A message of `public/_locales/<lang>/messages.json`: a key that is not there does not compile. */
export type MessageKey = keyof typeof messages;

/**
 * The view's words for `key` in the browser's language (English when it has no translation), its `$1`, `$2` …
 * filled from `substitutions`. Read from the browser (`i18n.getMessage`), so no view bundles the messages.
 */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return viewBrowser.i18n.getMessage(key, substitutions) || key;
}

/** A character no message holds: it marks where the substitution goes (see `messageAround`). */
const MARK = '\u0001';

/**
 * The words of `key` before and after its one `$1`, for a view that puts markup (a name in bold) in its place; its
 * `$2` … (plain words, no markup) filled from `others`.
 */
export function messageAround(key: MessageKey, ...others: string[]): [string, string] {
  const [before = '', after = ''] = t(key, MARK, ...others).split(MARK);
  return [before, after];
}
