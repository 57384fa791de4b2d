import { pageOfUsers } from '@/emulator/api/rest/user-list';
import { validateNewUser } from '@/emulator/api/rest/validation';
import { EmulatorError } from '@/emulator/api/errors';
import { buildUser, createSeededUsers, type CometChatUser as EmulatedUser } from '@/emulator/state/users';
import { DEFAULT_USERS_PER_PAGE, type CometChatClient } from '@/lib/cometchat/client';
import { CometChatException } from '@/lib/cometchat/exception';
import type { CometChatSession } from '@/lib/cometchat/user';
import { createGate } from './gate';

/** The app a client made without an endpoint (`fake.client`) works in: the memory background's PROFILE. */
const DEFAULT_APP = 'app-1';

/**
 * A hand-written CometChat client for unit tests of the background: knows one Auth Key and, per App ID, a user
 * directory that starts with the five test users; mints `uid_token-N` tokens (tagged with the app that minted
 * them), and records every call so tests can assert "no network". Listing and creating users reuse the
 * emulator's rules (its paging, search and validation), so the fake answers what CometChat answers.
 */
export function createFakeCometChatClient({ authKey = 'good-key' } = {}) {
  const calls: string[] = [];
  const tokens = new Map<string, { uid: string; appId?: string }>();
  const directories = new Map<string, Map<string, EmulatedUser>>();
  let nextToken = 1;
  const logins = createGate();
  let failNextLogout: CometChatException | null = null;
  /** Replaces the next `listUsers` reply (a hostile or broken server). */
  let nextListReply: (() => unknown) | null = null;
  const deletedUids = new Set<string>();
  let unreachable = false;
  let getMeAnswer: ((uid: string) => CometChatSession['user'] | CometChatException) | null = null;

  function directoryOf(appId = DEFAULT_APP): Map<string, EmulatedUser> {
    let directory = directories.get(appId);
    if (!directory) directories.set(appId, (directory = new Map(createSeededUsers().map((user) => [user.uid, user]))));
    return directory;
  }

  const sessionFor = (appId: string | undefined, uid: string, authToken: string): CometChatSession => {
    const user = directoryOf(appId).get(uid)!;
    return { user: { ...user, status: 'online', role: 'default' }, authToken, jwt: `jwt-${authToken}` };
  };

  const refuseKey = (key: string) =>
    new CometChatException({
      code: 'AUTH_ERR_APIKEY_NOT_FOUND',
      message: `The key ${key} does not exist. Please use correct apiKey.`,
      details: { apiKey: key },
    });

  /** A client for one app (`appId` undefined: `fake.client`, whose tokens every app accepts, as tests mint them by hand). */
  const clientFor = (appId?: string): CometChatClient => ({
    async login(uid, key) {
      calls.push(`login ${uid}`);
      await logins.pass();
      // CometChat echoes the key and the token it refuses (protocol doc §8); so does this fake.
      if (key !== authKey) {
        throw new CometChatException({
          code: 'AUTH_ERR_APIKEY_NOT_FOUND',
          message: `The key ${key} does not exist. Please use correct apiKey.`,
          details: { apiKey: key },
        });
      }
      if (!directoryOf(appId).has(uid)) {
        throw new CometChatException({ code: 'ERR_UID_NOT_FOUND', message: `The UID ${uid} does not exist`, details: {} });
      }
      const token = `${uid}_token-${nextToken++}`;
      tokens.set(token, { uid, appId });
      return sessionFor(appId, uid, token);
    },
    async loginWithAuthToken(authToken) {
      calls.push('loginWithAuthToken');
      const held = tokens.get(authToken);
      if (!held)
        throw new CometChatException({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', message: `The auth token ${authToken} does not exist.`, details: {} });
      return sessionFor(appId ?? held.appId, held.uid, authToken);
    },
    async listUsers(authToken, { search = '', page = 1, limit = DEFAULT_USERS_PER_PAGE } = {}) {
      calls.push(`listUsers ${authToken} ${JSON.stringify({ search, page, limit })}`);
      const held = tokens.get(authToken);
      // A token minted in another app is unknown to this one, as CometChat's apps share nothing.
      if (!held || (held.appId !== undefined && appId !== undefined && held.appId !== appId)) {
        throw new CometChatException({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', message: `The auth token ${authToken} does not exist.`, details: {} });
      }
      if (nextListReply) {
        const reply = nextListReply;
        nextListReply = null;
        return reply() as Awaited<ReturnType<CometChatClient['listUsers']>>;
      }
      const query = { searchKey: search.trim().toLowerCase(), tags: [], perPage: limit, page };
      const { data, meta } = pageOfUsers([...directoryOf(appId ?? held.appId).values()], query);
      return {
        users: data as EmulatedUser[],
        page: meta.pagination.current_page,
        totalPages: meta.pagination.total_pages,
        total: meta.pagination.total,
      };
    },
    async createUser(key, user) {
      calls.push(`createUser ${user.uid}`);
      if (key !== authKey) throw refuseKey(key);
      const directory = directoryOf(appId);
      try {
        const { fields } = validateNewUser({ ...user });
        const uid = fields.uid.toLowerCase();
        if (directory.has(uid)) {
          throw new CometChatException({
            code: 'ERR_UID_ALREADY_EXISTS',
            message: `The UID ${uid} already exists, please use another UID.`,
            details: {},
          });
        }
        const created = buildUser({ ...fields, uid }, 1_700_000_000);
        directory.set(uid, created);
        return { ...created };
      } catch (thrown) {
        if (thrown instanceof EmulatorError) throw new CometChatException({ code: thrown.code, message: thrown.message, details: thrown.details });
        throw thrown;
      }
    },
    async getMe(authToken) {
      calls.push('getMe');
      if (unreachable) throw new CometChatException({ code: 'FAILED_TO_FETCH', message: 'Could not reach CometChat.', details: {} });
      const owner = tokens.get(authToken);
      if (!owner || (appId !== undefined && owner.appId !== undefined && owner.appId !== appId))
        throw new CometChatException({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', message: `The auth token ${authToken} does not exist.`, details: {} });
      const { uid } = owner;
      if (deletedUids.has(uid)) throw new CometChatException({ code: 'ERR_UID_NOT_FOUND', message: `The UID ${uid} does not exist`, details: {} });
      const answer = getMeAnswer?.(uid);
      if (answer instanceof CometChatException) throw answer;
      if (answer) return answer;
      return sessionFor(owner.appId ?? appId, uid, authToken).user;
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
  });

  return {
    client: clientFor(),
    clientFor,
    calls,
    /** The users of an app, as `listUsers` pages them (the five test users until a test changes them). */
    directoryOf,
    /** Adds users to an app's directory directly, as another tool would have created them. */
    addUsers(users: Array<{ uid: string; name: string }>, appId = DEFAULT_APP) {
      const directory = directoryOf(appId);
      for (const user of users) directory.set(user.uid, buildUser(user, 1_700_000_000));
    },
    /** Answers the next `listUsers` with whatever `reply` returns, as a broken or hostile server would. */
    replyToNextList(reply: () => unknown) {
      nextListReply = reply;
    },
    /** Holds every login until the returned release function is called. */
    holdLogins: logins.hold,
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
