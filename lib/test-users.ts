/** The five test users every new CometChat app ships (protocol doc §9). */
export const TEST_USERS = [
  { uid: 'cometchat-uid-1', name: 'Andrew Joseph' },
  { uid: 'cometchat-uid-2', name: 'George Alan' },
  { uid: 'cometchat-uid-3', name: 'Nancy Grace' },
  { uid: 'cometchat-uid-4', name: 'Susan Marie' },
  { uid: 'cometchat-uid-5', name: 'John Paul' },
].map((user) => ({ ...user, avatar: `https://assets.cometchat.io/sampleapp/v2/users/${user.uid}.webp` }));
