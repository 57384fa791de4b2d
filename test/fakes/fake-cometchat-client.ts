import type { CometChatClient } from '@/lib/cometchat/client';
import { CometChatException } from '@/lib/cometchat/exception';
import type { CometChatSession } from '@/lib/cometchat/user';
import { TEST_USERS } from '@/lib/test-users';

/**
 * A hand-written CometChat client for unit tests of the background: knows the five test users and one
 * Auth Key, mints `uid_token-N` tokens, and records every call so tests can assert "no network".
 */
export function createFakeCometChatClient({ authKey = 'good-key' } = {}) {
  const calls: string[] = [];
  const tokens = new Map<string, string>();
  let nextToken = 1;
  let pendingGate: Promise<void> | null = null;
  let failNextLogout: CometChatException | null = null;
  const deletedUids = new Set<string>();
  let unreachable = false;
  let getMeAnswer: ((uid: string) => CometChatSession['user'] | CometChatException) | null = null;

  const sessionFor = (uid: string, authToken: string): CometChatSession => {
    const user = TEST_USERS.find((candidate) => candidate.uid === uid)!;
    return { user: { ...user, status: 'online', role: 'default' }, authToken, jwt: `jwt-${authToken}` };
  };

  const client: CometChatClient = {
    async login(uid, key) {
      calls.push(`login ${uid}`);
      await pendingGate;
      // CometChat echoes the key and the token it refuses (protocol doc §8); so does this fake.
      if (key !== authKey) {
        throw new CometChatException({
          code: 'AUTH_ERR_APIKEY_NOT_FOUND',
          message: `The key ${key} does not exist. Please use correct apiKey.`,
          details: { apiKey: key },
        });
      }
      if (!TEST_USERS.some((user) => user.uid === uid)) {
        throw new CometChatException({ code: 'ERR_UID_NOT_FOUND', message: `The UID ${uid} does not exist`, details: {} });
      }
      const token = `${uid}_token-${nextToken++}`;
      tokens.set(token, uid);
      return sessionFor(uid, token);
    },
    async loginWithAuthToken(authToken) {
      calls.push('loginWithAuthToken');
      const uid = tokens.get(authToken);
      if (!uid)
        throw new CometChatException({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', message: `The auth token ${authToken} does not exist.`, details: {} });
      return sessionFor(uid, authToken);
    },
    async getMe(authToken) {
      calls.push('getMe');
      if (unreachable) throw new CometChatException({ code: 'FAILED_TO_FETCH', message: 'Could not reach CometChat.', details: {} });
      const uid = tokens.get(authToken);
      if (!uid)
        throw new CometChatException({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', message: `The auth token ${authToken} does not exist.`, details: {} });
      if (deletedUids.has(uid)) throw new CometChatException({ code: 'ERR_UID_NOT_FOUND', message: `The UID ${uid} does not exist`, details: {} });
      const answer = getMeAnswer?.(uid);
      if (answer instanceof CometChatException) throw answer;
      if (answer) return answer;
      return sessionFor(uid, authToken).user;
    },
    async logout(authToken) {
      calls.push('logout');
      if (failNextLogout) {
        const error = failNextLogout;
        failNextLogout = null;
        throw error;
      }
      if (!tokens.delete(authToken)) {
        throw new CometChatException({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', message: 'no such token', details: {} });
      }
    },
  };

  return {
    client,
    calls,
    /** Holds every login until the returned release function is called. */
    holdLogins(): () => void {
      let release!: () => void;
      pendingGate = new Promise((resolve) => (release = resolve));
      return () => {
        pendingGate = null;
        release();
      };
    },
    failNextLogout(error: CometChatException) {
      failNextLogout = error;
    },
    /** Ends a token on the "server", as a revoke from the dashboard or the REST API does. */
    revoke(authToken: string) {
      tokens.delete(authToken);
    },
    /** The "server" answers `GET me` for this user's tokens with ERR_UID_NOT_FOUND. */
    deleteUser(uid: string) {
      deletedUids.add(uid);
    },
    /** What `GET me` answers from now on, given the token's uid: a user, or an error to throw. */
    answerGetMe(answer: (uid: string) => CometChatSession['user'] | CometChatException) {
      getMeAnswer = answer;
    },
    /** `GET me` fails as a network failure does, until called with false. */
    setUnreachable(value = true) {
      unreachable = value;
    },
  };
}
