/** The five test users every new CometChat app ships (protocol doc §9). */
export const TEST_USERS = [
  { uid: 'cometchat-uid-1', name: 'Andrew Joseph' },
  { uid: 'cometchat-uid-2', name: 'George Alan' },
  { uid: 'cometchat-uid-3', name: 'Nancy Grace' },
  { uid: 'cometchat-uid-4', name: 'Susan Marie' },
  { uid: 'cometchat-uid-5', name: 'John Paul' },
].map((user) => ({ ...user, avatar: `https://assets.cometchat.io/sampleapp/v2/users/${user.uid}.webp` }));

/**
 * The test users the app lacks, as far as one directory page can tell: only a page that lists the whole app (no
 * search, a single page) can; any other gives null (unknown), so the directory keeps offering to create them.
 */
export function testUsersMissingFrom(page: { users: readonly { uid: string }[]; search: string; totalPages: number }): string[] | null {
  if (page.search.trim() !== '' || page.totalPages > 1) return null;
  const listed = new Set(page.users.map((user) => user.uid));
  return TEST_USERS.filter((user) => !listed.has(user.uid)).map((user) => user.uid);
}
