/**
 * The active app's user directory: a page of users, a new user and its bounds, the test users.
 * Part of the protocol (`lib/protocol.ts`): types and constants only.
 */
import type { CometChatUser } from '../cometchat/user';

/** One page of the active app's users, every value bounded (uids and names at most 300 characters). */
export interface DirectoryPage {
  /** At most 100 (the directory asks for 30); uid, name, and avatar/role/status when short and safe. */
  users: CometChatUser[];
  /** 1-based, as CometChat counts. */
  page: number;
  totalPages: number;
  /** How many users match the search in the whole app. */
  total: number;
  /** The search this page answers (a view drops answers to searches it no longer shows). */
  search: string;
}

/**
 * The longest `createUser` field the background sends on (views give their inputs the same `maxLength`): CometChat's
 * own uid bound, and clear ones for the rest (a 5 MB name is not a name). The avatar must also be an http(s) URL.
 */
export const NEW_USER_LIMITS = { uid: 100, name: 100, avatar: 2000, role: 100 } as const satisfies Record<keyof NewUserInput, number>;

/** A new user of the active app: CometChat lower-cases the uid and checks it (letters, digits, - and _, at most 100). */
export interface NewUserInput {
  uid: string;
  name: string;
  avatar?: string;
  role?: string;
}

/** What `createTestUsers` did: the test users it created, and those the app had already. */
export interface TestUsersOutcome {
  created: string[];
  existing: string[];
}
