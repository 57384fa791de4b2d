import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deadSessionText, socketText, tokenAgeText, verificationText } from '@/components/shared/session-words';
import { useEnglishMessages } from './support/english-messages';

// The words come from public/_locales (English here).
beforeEach(useEnglishMessages);

describe('the words the views say about sessions', () => {
  beforeAll(() => {
    // Dates are shown in the tester's zone; pin one so the expected date is known.
    process.env.TZ = 'UTC';
  });

  it.each([
    [0, '0 days old'],
    [1, '1 day old'],
    [3, '3 days old'],
  ])('should tell a token\'s age of %i days as "%s"', (days, age) => {
    const text = tokenAgeText(1_700_000_000, 1_700_000_000_000 + days * 86_400_000 + 5);

    expect(text).toMatch(/^token from .*2023.*22:13:20, /);
    expect(text).toMatch(new RegExp(`, ${age}$`));
  });

  it('should say nothing of a token without a timestamp, nor of a session that is fine', () => {
    expect(tokenAgeText(null)).toBeNull();
    expect(deadSessionText({ state: 'ok', checkedAt: 1 })).toBeNull();
    expect(deadSessionText(null)).toBeNull();
  });

  it('should say why a session is dead, with the code when it says more than the reason', () => {
    expect(deadSessionText({ state: 'dead', reason: 'revoked', code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', checkedAt: 1 })).toBe(
      'Session dead: the token was revoked or expired (AUTH_ERR_AUTH_TOKEN_NOT_FOUND).',
    );
    expect(deadSessionText({ state: 'dead', reason: 'user-deleted', code: 'user-deleted', checkedAt: 1 })).toBe(
      'Session dead: the user was deleted.',
    );
    expect(deadSessionText({ state: 'dead', checkedAt: 1 })).toBe('Session dead: CometChat refused the token (unknown).');
  });

  it("should name a page's WebSocket state and how a page switch was verified", () => {
    expect(socketText('authenticated')).toBe('connected');
    expect(socketText('open')).toBe('connecting');
    expect(socketText('closed')).toBe('disconnected');
    expect(verificationText('sdk')).toBe("Verified by the page's own CometChat SDK.");
  });
});
