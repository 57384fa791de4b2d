import { beforeAll, describe, expect, it, vi } from 'vitest';
import { formatDateTime, formatEpochSeconds, formatTimeMs, sdkVersionText, userFieldDisplay } from '@/lib/display';
import type * as Display from '@/lib/display';
import { englishWords } from './support/english-messages';

describe('display helpers', () => {
  beforeAll(() => {
    // Dates are shown in the tester's zone; pin one so the expected clock time is known.
    process.env.TZ = 'UTC';
  });

  it('should show epoch seconds as a readable date and time, not a raw number', () => {
    const shown = formatEpochSeconds(1_700_000_000, 'never');

    expect(shown).toContain('2023');
    expect(shown).toContain('22:13:20');
    expect(shown).not.toContain('1700000000');
  });

  it('should show CometChat\'s "never active" (0) as never, and a non-number as it is', () => {
    expect(formatEpochSeconds(0, 'never')).toBe('never');
    expect(formatEpochSeconds('soon', 'never')).toBe('soon');
  });

  it('should make the formatters when a view prepares them, so that its first render makes none', async () => {
    await withCountedFormatters((fresh, counts) => {
      fresh.prepareFormats();
      expect(counts.made).toHaveLength(2);
      fresh.formatTimeMs(1_700_000_000_042);
      fresh.formatEpochSeconds(1_700_000_000, 'never');

      expect(counts.made).toHaveLength(2);
    });
  });

  it("should make only the formatters a view names: the popup's first render shows dates, no clock", async () => {
    await withCountedFormatters((fresh, counts) => {
      fresh.prepareFormats(['date']);
      fresh.formatEpochSeconds(1_700_000_000, 'never');
      expect(counts.made).toEqual(['date']);

      fresh.formatTime(1_700_000_000_042);
      expect(counts.made).toEqual(['date', 'clock']);
    });
  });

  it('should show an event time with its date and milliseconds', () => {
    const shown = formatDateTime(1_700_000_000_042);

    expect(shown).toContain('2023');
    expect(shown).toMatch(/22:13:20\.042$/);
  });

  it("should show a timeline row's time to the millisecond, so events of one second are told apart", () => {
    expect(formatTimeMs(1_700_000_000_042)).toBe('22:13:20.042');
    expect(formatTimeMs(1_700_000_000_900)).toBe('22:13:20.900');
  });

  it('should show a User date field readable, keeping the epoch seconds CometChat sent for a hover', () => {
    const shown = userFieldDisplay('createdAt', 1_630_306_819, 'never');

    expect(shown.text).toContain('2021');
    expect(shown.text).not.toContain('1630306819');
    expect(shown.raw).toBe('1630306819');
    expect(shown.dateTime).toBe('2021-08-30T07:00:19.000Z');
  });

  it.each([
    ['text as it is', 'role', 'default', 'default'],
    ['a list as one line of JSON', 'tags', ['qa', 'vip'], '["qa","vip"]'],
    ['an object as one line of JSON', 'metadata', { plan: 'pro' }, '{"plan":"pro"}'],
    ['a boolean as it reads', 'hasBlockedMe', false, 'false'],
    ["CometChat's never (0) without a date", 'lastActiveAt', 0, 'never'],
  ])('should show %s', (_, field, value, text) => {
    expect(userFieldDisplay(field, value, 'never').text).toBe(text);
  });

  it.each([
    ['a global SDK', 'javascript@4.2.0', true, 'SDK javascript@4.2.0'],
    ['a bundled SDK', 'javascript@4.2.0', false, 'SDK javascript@4.2.0 (bundled)'],
    ['no version yet', null, true, "SDK version: not known yet (shown after the app's first CometChat request)"],
  ])('should name the page SDK for %s in plain words', (_, version, hasGlobalSdk, text) => {
    expect(sdkVersionText(version, hasGlobalSdk, englishWords)).toBe(text);
  });

  it('should format each date once in a page, as a view renders it again and again, and still show each as it is', async () => {
    await withCountedFormatters((fresh, counts) => {
      const first = fresh.formatEpochSeconds(1_700_000_000, 'never');
      for (let render = 0; render < 5; render++) expect(fresh.formatEpochSeconds(1_700_000_000, 'never')).toBe(first);
      expect(counts.formatted).toBe(1);

      // Past what it keeps, it starts again and stays right.
      for (let seconds = 1; seconds <= 1500; seconds++) fresh.formatEpochSeconds(1_700_000_000 + seconds, 'never');
      expect(fresh.formatEpochSeconds(1_700_000_001, 'never')).toContain('22:13:21');
      expect(fresh.formatEpochSeconds(1_700_000_000, 'never')).toBe(first);
    });
  });

  it('should parse each avatar address once in a page, and keep dropping what is not http(s)', async () => {
    vi.resetModules();
    const fresh = await import('@/lib/display');
    const Original = URL;
    let parsed = 0;
    globalThis.URL = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        parsed += 1;
        super(...args);
      }
    };
    try {
      for (let render = 0; render < 5; render++) {
        expect(fresh.safeImageUrl('https://example.test/a.png')).toBe('https://example.test/a.png');
        expect(fresh.safeImageUrl('javascript:alert(1)')).toBeUndefined();
        expect(fresh.safeImageUrl('not a url')).toBeUndefined();
      }
      expect(fresh.safeImageUrl(42)).toBeUndefined();
      expect(parsed).toBe(3);
    } finally {
      globalThis.URL = Original;
    }
  });
});

/**
 * Runs `run` with a fresh `lib/display` (none of its formatters made yet) while `Intl.DateTimeFormat` counts what it
 * does: each formatter made (`date` with a date style, else `clock`), and each date formatted.
 */
async function withCountedFormatters(run: (fresh: typeof Display, counts: { made: string[]; formatted: number }) => void): Promise<void> {
  vi.resetModules();
  const fresh = await import('@/lib/display');
  const Original = Intl.DateTimeFormat;
  const counts = { made: [] as string[], formatted: 0 };
  (Intl as { DateTimeFormat: unknown }).DateTimeFormat = class extends Original {
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      counts.made.push(args[1]?.dateStyle ? 'date' : 'clock');
      const format = super.format.bind(this);
      Object.defineProperty(this, 'format', {
        value: (date?: Date | number) => {
          counts.formatted += 1;
          return format(date);
        },
      });
    }
  };
  try {
    run(fresh, counts);
  } finally {
    (Intl as { DateTimeFormat: unknown }).DateTimeFormat = Original;
  }
}
