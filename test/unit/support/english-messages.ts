import { readFileSync } from 'node:fs';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { forgetMessages } from '@/components/shared/i18n';
import type { Words } from '@/lib/words';

const messages = JSON.parse(readFileSync(new URL('../../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<
  string,
  { message: string }
>;

/**
 * The fake browser's `i18n.getMessage` (which WXT's fake leaves unimplemented) answering from
 * public/_locales/en as both browsers do: `$1` … `$9` filled from the substitutions, '' for an unknown key. For a unit
 * test of a function whose words come from `t()`.
 */
export function useEnglishMessages(): void {
  forgetMessages();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, substitutions?: string | string[]) => {
    const filled = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    return englishMessage(key, filled);
  });
}

/** The English message of `key`, `$1` … `$9` filled from `substitutions`, as the browser does; '' for an unknown key. */
function englishMessage(key: string, substitutions: readonly string[]): string {
  return messages[key]?.message.replace(/\$(\d)/g, (_, n: string) => filled(substitutions, n)) ?? '';
}

const filled = (substitutions: readonly string[], n: string) => substitutions[Number(n) - 1] ?? '';

/** The English words, for a unit test of a `lib/` function that takes its words from its caller. */
export const englishWords: Words = (key, ...substitutions) => englishMessage(key, substitutions) || key;
