import { describe, expect, it } from 'vitest';
import { maskSecret } from '@/lib/mask';
import { maskSecretsInText } from '@/lib/redact';

describe('maskSecret', () => {
  it.each([
    ['', ''],
    ['short', '•••••'],
    ['cometchat-uid-3_1700000000abcdef0123456789abcdef0129e09', '••••••••9e09'],
  ])('should mask %j as %j', (secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });
});

describe('maskSecretsInText', () => {
  it('should mask a token and a JWT inside an error message and leave the rest', () => {
    const message = 'The auth token cometchat-uid-2_1795815037765000aa1a7af094d4846885efdfb2 does not exist (jwt eyJa.eyJb.sig).';

    expect(maskSecretsInText(message)).toBe('The auth token ••••••••dfb2 does not exist (jwt ••••••••.sig).');
  });
});
