import { readFileSync } from 'node:fs';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

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
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, substitutions?: string | string[]) => {
    const filled = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    return messages[key]?.message.replace(/\$(\d)/g, (_, n: string) => filled[Number(n) - 1] ?? '') ?? '';
  });
}
