import { keptOrMade } from '@/lib/kept';
import { viewBrowser } from '@/lib/transport/view-browser';
import type { MessageKey } from '@/lib/words';

export type { MessageKey };

/**
 * The view's words for `key` in the browser's language (English when it has no translation), its `$1`, `$2` …
 * filled from `substitutions`. Read from the browser (`i18n.getMessage`), so no view bundles the messages.
 */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return message(key, substitutions) || key;
}

/** How many messages `message` keeps before it starts again: a panel open for hours fills names and times in. */
const KEPT_MESSAGES = 2000;
/** Each message as the browser gave it, by its key and substitutions (see `message`). */
const messages = new Map<string, string>();

/**
 * `i18n.getMessage(key, substitutions)`, asked of the browser once per key and substitutions in a page's life (its
 * words do not change meanwhile): each call goes into the browser's bindings, and a view asks for every word it shows
 * on every render (~0.7 ms of a held switch's renders in the popup and the panel together, by a profile).
 */
function message(key: string, substitutions: readonly string[]): string {
  const id = substitutions.length === 0 ? key : JSON.stringify([key, ...substitutions]);
  return keptOrMade(messages, KEPT_MESSAGES, id, () => viewBrowser.i18n.getMessage(key, [...substitutions]));
}

/** Forgets the messages asked so far: for a test that gives the browser other words. */
export function forgetMessages(): void {
  messages.clear();
}

/** A message that has plural forms: `timelineCount` for `timelineCount_one`, `timelineCount_other` … */
type PluralKey = MessageKey extends infer Key ? (Key extends `${infer Base}_other` ? Base : never) : never;

/** The plural rules of each language a file named, made once. */
const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * The form of `key` that `count` takes in the messages' language (`key_one`, `key_few` … as `Intl.PluralRules` names
 * them; `key_other` when the language's file has no such form), its `$1`, `$2` … filled from `substitutions`. The
 * rules are those of the language the messages are written in (`pluralRulesLanguage`), not the browser's: a browser
 * in a language with no file reads English, and English plurals.
 */
export function plural(key: PluralKey, count: number, ...substitutions: string[]): string {
  const rules = messagesPluralRules();
  const form = message(`${key}_${rules.select(count)}`, substitutions);
  return form || t(`${key}_other`, ...substitutions);
}

/** The plural rules of the messages' language, made on first use. */
function messagesPluralRules(): Intl.PluralRules {
  const language = t('pluralRulesLanguage');
  let rules = pluralRules.get(language);
  if (!rules) pluralRules.set(language, (rules = pluralRulesOf(language)));
  return rules;
}

/** Makes the plural rules now: for a view waiting for its first answers (see `prepareFormats` in lib/display.ts). */
export function preparePlurals(): void {
  messagesPluralRules();
}

/** English rules for a language code `Intl` does not take (a translator's slip must not break a view). */
function pluralRulesOf(language: string): Intl.PluralRules {
  try {
    return new Intl.PluralRules(language);
  } catch {
    return new Intl.PluralRules('en');
  }
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
