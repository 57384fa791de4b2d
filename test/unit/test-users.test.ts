import { describe, expect, it } from 'vitest';
import { TEST_USERS, testUsersMissingFrom } from '@/lib/test-users';

const page = (uids: string[], search = '', totalPages = 1) => ({ users: uids.map((uid) => ({ uid })), search, totalPages });
const ALL = TEST_USERS.map((user) => user.uid);

describe('which test users an app lacks, from a directory page', () => {
  it('should find none missing when the whole app is listed with all five', () => {
    expect(testUsersMissingFrom(page([...ALL, 'qa-1']))).toEqual([]);
  });

  it('should name the test users a whole-app listing lacks', () => {
    expect(testUsersMissingFrom(page(['cometchat-uid-2', 'cometchat-uid-3', 'cometchat-uid-4', 'qa-1']))).toEqual([
      'cometchat-uid-1',
      'cometchat-uid-5',
    ]);
  });

  it.each([
    ['a search', page(['cometchat-uid-2'], 'geo')],
    ['one page of several', page(['qa-1'], '', 3)],
  ])('should not know from %s (the directory keeps offering to create them)', (_, partial) => {
    expect(testUsersMissingFrom(partial)).toBeNull();
  });
});
