import { describe, expect, it } from 'vitest';
import { showErrorDetails } from '@/lib/error-details';

const TOKEN = 'cometchat-uid-1_1700000000abcdef0123456789abcdef01234567';

describe('error details as a tester sees them', () => {
  it("should show CometChat's sentence as it is, as a sentence", () => {
    expect(showErrorDetails('Please verify the UID and try again.')).toEqual({ kind: 'sentence', text: 'Please verify the UID and try again.' });
  });

  it('should keep markup in a sentence as the characters the server sent', () => {
    expect(showErrorDetails('<img src=x onerror=alert(1)> & <b>bold</b>')?.text).toBe('<img src=x onerror=alert(1)> & <b>bold</b>');
  });

  it('should show per-field details as indented JSON', () => {
    expect(showErrorDetails({ uid: ['The uid field is required.'] })).toEqual({
      kind: 'json',
      text: '{\n  "uid": [\n    "The uid field is required."\n  ]\n}',
    });
  });

  it.each([
    ['a sentence', `The auth token ${TOKEN} does not exist.`],
    ['an object', { authToken: TOKEN }],
  ])('should mask a token in %s', (_shape, details) => {
    const shown = showErrorDetails(details)?.text ?? '';

    expect(shown).not.toContain(TOKEN);
    expect(shown).toContain('••••••••4567');
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty object', {}],
    ['an empty array', []],
    ['an empty string', ''],
    ['a blank string', '  '],
  ])('should show nothing for %s', (_shape, details) => {
    expect(showErrorDetails(details)).toBeUndefined();
  });
});
