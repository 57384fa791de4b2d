import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { forgetMessages, plural, t } from '@/components/shared/i18n';
import { useEnglishMessages } from './support/english-messages';

beforeEach(useEnglishMessages);

describe("a message's plural forms", () => {
  it.each([
    [0, '0 events'],
    [1, '1 event'],
    [2, '2 events'],
    [21, '21 events'],
  ])('should say %i in the English form the number takes: "%s"', (count, text) => {
    expect(plural('timelineCount', count, String(count))).toBe(text);
  });

  it("should choose by the messages' own language, and fall back to the _other form the file lacks", () => {
    // A Polish file: 'one' for 1, 'few' for 2–4 and 22–24, 'many' for 5–21 (no _many form here: _other).
    const polish: Record<string, string> = {
      pluralRulesLanguage: 'pl',
      timelineCount_one: '$1 zdarzenie',
      timelineCount_few: '$1 zdarzenia',
      timelineCount_other: '$1 zdarzeń',
    };
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, substitutions?: string | string[]) =>
      (polish[key] ?? '').replace('$1', [substitutions ?? []].flat()[0] ?? ''),
    );
    forgetMessages();

    expect([1, 2, 5, 22].map((count) => plural('timelineCount', count, String(count)))).toEqual([
      '1 zdarzenie',
      '2 zdarzenia',
      '5 zdarzeń',
      '22 zdarzenia',
    ]);
  });

  it('should ask the browser for each message once, however often a view shows it', () => {
    const asked = vi.spyOn(fakeBrowser.i18n, 'getMessage');
    asked.mockClear();

    const shown = [1, 2, 3].flatMap(() => [t('timelineHeading'), plural('timelineCount', 2, '2'), t('timelineHeading')]);

    expect(shown).toEqual([1, 2, 3].flatMap(() => ['Auth events', '2 events', 'Auth events']));
    // The heading, the plural rules' language and the count's form.
    expect(asked).toHaveBeenCalledTimes(3);
  });
});
