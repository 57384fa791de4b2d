import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '@/wxt.config';

type Messages = Record<string, { message: string; description?: string }>;
const messages = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Messages;

/** The manifest WXT writes for `browser`, before it swaps in its own fields (version, entrypoints). */
function manifestFor(browser: 'chrome' | 'firefox' | 'edge'): Record<string, unknown> {
  const manifest = config.manifest as (env: { browser: string; manifestVersion: 2 | 3; mode: string; command: string }) => Record<string, unknown>;
  return manifest({ browser, manifestVersion: browser === 'firefox' ? 2 : 3, mode: 'production', command: 'build' });
}

/** Every `__MSG_key__` the manifest names, with where it stands. */
function messageKeys(value: unknown, at = 'manifest'): Array<{ key: string; at: string }> {
  if (typeof value === 'string') return [...value.matchAll(/__MSG_(\w+)__/g)].map((match) => ({ key: match[1]!, at }));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([name, inner]) => messageKeys(inner, `${at}.${name}`));
  return [];
}

describe.each(['chrome', 'firefox', 'edge'] as const)('the %s manifest and its words in public/_locales', (browser) => {
  const manifest = manifestFor(browser);
  const keys = messageKeys(manifest);

  it('should take its name, description and shortcut names from the English messages, which the browser falls back to', () => {
    expect(manifest.default_locale).toBe('en');
    expect(keys.map(({ at }) => at)).toEqual(
      expect.arrayContaining([
        'manifest.name',
        'manifest.description',
        'manifest.commands.next-test-user.description',
        'manifest.commands.log-out.description',
      ]),
    );
  });

  it('should name only messages that exist, each with a note for translators', () => {
    for (const { key, at } of keys) {
      expect(messages[key]?.message, `${at} names __MSG_${key}__`).toBeTruthy();
      expect(messages[key]?.description, `a translator's note for ${key}`).toBeTruthy();
    }
  });

  it("should fit the stores' limits: a name of at most 75 characters, a description of at most 132", () => {
    expect(messages.extName!.message.length).toBeLessThanOrEqual(75);
    expect(messages.extDescription!.message.length).toBeLessThanOrEqual(132);
  });
});
