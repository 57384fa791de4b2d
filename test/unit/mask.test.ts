import { describe, expect, it } from 'vitest';
import { maskSecret } from '@/lib/mask';

describe('maskSecret', () => {
  it.each([
    ['', ''],
    ['short', '•••••'],
    ['cometchat-uid-3_1700000000abcdef0123456789abcdef0129e09', '••••••••9e09'],
  ])('should mask %j as %j', (secret, masked) => {
    expect(maskSecret(secret)).toBe(masked);
  });
});
