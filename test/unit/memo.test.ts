import { describe, expect, it } from 'vitest';
import { sameProps } from '@/components/shared/memo';

describe('sameProps', () => {
  const pick = (uid: string) => uid;

  it('should call props the same when every value is the same, handlers included', () => {
    const user = { uid: 'cometchat-uid-1', name: 'Andrew Joseph' };
    expect(sameProps({ user, isActive: true, age: null, onPick: pick }, { user, isActive: true, age: null, onPick: pick })).toBe(true);
  });

  it('should call props changed when a value, a handler or the set of props changed', () => {
    expect(sameProps({ isActive: true, onPick: pick }, { isActive: false, onPick: pick })).toBe(false);
    expect(sameProps({ isActive: true, onPick: pick }, { isActive: true, onPick: (uid: string) => uid })).toBe(false);
    expect(sameProps<{ age?: string }>({}, { age: undefined })).toBe(false);
    expect(sameProps<{ age?: string }>({ age: undefined }, {})).toBe(false);
  });

  it('should compare objects by identity, not by their content', () => {
    expect(sameProps({ user: { uid: 'cometchat-uid-1' } }, { user: { uid: 'cometchat-uid-1' } })).toBe(false);
    expect(sameProps({ count: Number.NaN }, { count: Number.NaN })).toBe(true);
  });
});
