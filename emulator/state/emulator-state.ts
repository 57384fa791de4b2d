/**
 * The emulator's world: users and the auth tokens issued for them. It starts from the five sample
 * users and no tokens, or from a snapshot (`--data FILE`, see persistence.ts); every mutation is
 * announced through `onChange` so a saver can write it out.
 */
import { randomBytes } from 'node:crypto';
import { SNAPSHOT_VERSION, type SerializedState } from './snapshot';
import { mintAuthSession, nowInSeconds, type AuthSession } from './tokens';
import { applyUserChanges, buildUser, createSeededUsers, isDeactivated, type CometChatUser, type NewUserFields, type UserChanges } from './users';

/** CometChat keeps at most 100 active tokens per user (protocol doc §8); older ones are dropped. */
export const MAX_TOKENS_PER_USER = 100;

/** Users and tokens of one emulator. */
export interface EmulatorState {
  /** The user with this uid (matched lower-cased, as CometChat stores uids), or undefined; deleted users are not found. */
  findUser(uid: string): CometChatUser | undefined;
  /** Every user that has not been deleted, in creation order. */
  listUsers(): CometChatUser[];
  /**
   * Creates a user, its uid lower-cased. Returns undefined when the uid is taken, also by a user
   * deleted without `permanent` (that uid stays reserved until a permanent delete).
   */
  createUser(fields: NewUserFields): CometChatUser | undefined;
  /** Changes the given fields of a user and stamps `updatedAt`; undefined when there is no such user. */
  updateUser(uid: string, changes: UserChanges): CometChatUser | undefined;
  /**
   * Deletes a user and revokes all its tokens. Without `permanent` the user is only marked
   * (`deactivatedAt`) and vanishes from every look-up; `permanent` forgets it, also one that was
   * already marked, and frees the uid. Returns whether there was such a user.
   */
  deleteUser(uid: string, options?: { permanent?: boolean }): boolean;
  /**
   * Issues a new token for an existing user; throws if the uid is unknown. Every call mints a
   * new token, as the SDK's login expects (CometChat's `force` flag therefore changes nothing).
   */
  issueAuthToken(uid: string): AuthSession;
  /** The session behind a token, or undefined when it was never issued or was revoked. */
  findSession(authToken: string): AuthSession | undefined;
  /** A user's live tokens, oldest first; empty for an unknown uid. */
  listAuthTokens(uid: string): AuthSession[];
  /** Forgets a token; later lookups fail as on a real logout. Returns whether it existed. */
  revokeAuthToken(authToken: string): boolean;
  /** Forgets every token of a user (REST `DELETE users/{uid}/auth_tokens`); returns how many there were. */
  revokeAuthTokensOf(uid: string): number;
  /** Records presence the way `PUT /me` (online) and `DELETE /me` (offline) change it. */
  setPresence(uid: string, status: CometChatUser['status']): void;
  /** The live session whose jwt this is (the WebSocket authenticates with it), or undefined. */
  findSessionByJwt(jwt: string): AuthSession | undefined;
  /** Calls `listener` for every token that stops being valid, however it happened; returns the unsubscribe. */
  onRevoke(listener: (session: AuthSession) => void): () => void;
  /** Calls `listener` after every mutation (users, tokens, presence), once the change is in place; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** A deep copy of everything, for `createEmulatorState(appId, { initial })` in a later run. */
  toJSON(): SerializedState;
}

/** How to create a state; without `initial`, the five sample users and no tokens. */
export interface EmulatorStateOptions {
  /** A snapshot from `toJSON()` (or `loadState()`) to continue from; it must be for the same App ID. */
  initial?: SerializedState;
}

/** Creates the state of an emulator serving `appId`; throws if `options.initial` belongs to another app. */
export function createEmulatorState(appId: string, options: EmulatorStateOptions = {}): EmulatorState {
  const { initial } = options;
  if (initial && initial.appId !== appId) {
    throw new Error(`The saved state belongs to App ID "${initial.appId}", not "${appId}"; use that App ID or another data file.`);
  }
  // Soft-deleted users stay in the map (their uid is taken) but `findUser` skips them.
  const users = new Map((initial ? structuredClone(initial.users) : createSeededUsers()).map((user) => [user.uid, user]));
  // Insertion order of a Map doubles as token age, which the per-user cap relies on.
  const sessions = new Map((initial ? structuredClone(initial.authTokens) : []).map((session) => [session.authToken, session]));
  const signingSecret = initial?.signingSecret ?? randomBytes(32).toString('hex');
  const revokeListeners = new Set<(session: AuthSession) => void>();
  const changeListeners = new Set<() => void>();

  function changed(): void {
    changeListeners.forEach((listener) => listener());
  }

  /** The one way a token ends, so every listener (open WebSockets) hears about it. */
  function revoke(authToken: string): boolean {
    const session = sessions.get(authToken);
    if (!session) return false;
    sessions.delete(authToken);
    revokeListeners.forEach((listener) => listener(session));
    return true;
  }

  function findUser(uid: string): CometChatUser | undefined {
    const user = users.get(uid.toLowerCase());
    return user && !isDeactivated(user) ? user : undefined;
  }

  function tokensOf(uid: string): AuthSession[] {
    return [...sessions.values()].filter((session) => session.uid === uid);
  }

  function revokeAllOf(uid: string): number {
    const tokens = tokensOf(uid);
    tokens.forEach((session) => revoke(session.authToken));
    return tokens.length;
  }

  function dropOldestTokensOf(uid: string): void {
    const tokens = tokensOf(uid);
    for (const session of tokens.slice(0, Math.max(0, tokens.length - MAX_TOKENS_PER_USER))) {
      revoke(session.authToken);
    }
  }

  return {
    findUser,
    listUsers() {
      return [...users.values()].filter((user) => !isDeactivated(user));
    },
    createUser(fields) {
      const uid = fields.uid.toLowerCase();
      if (users.has(uid)) return undefined;
      const user = buildUser({ ...fields, uid }, nowInSeconds());
      users.set(uid, user);
      changed();
      return user;
    },
    updateUser(uid, changes) {
      const user = findUser(uid);
      if (!user) return undefined;
      applyUserChanges(user, changes, nowInSeconds());
      changed();
      return user;
    },
    deleteUser(uid, { permanent = false } = {}) {
      const user = users.get(uid.toLowerCase());
      if (!user || (!permanent && isDeactivated(user))) return false;
      if (permanent) users.delete(user.uid);
      else user.deactivatedAt = nowInSeconds();
      revokeAllOf(user.uid);
      changed();
      return true;
    },
    issueAuthToken(uid) {
      const user = findUser(uid);
      if (!user) throw new Error(`The emulator has no user with UID ${uid}.`);
      const session = mintAuthSession(user.uid, appId, signingSecret);
      sessions.set(session.authToken, session);
      dropOldestTokensOf(user.uid);
      changed();
      return session;
    },
    findSession(authToken) {
      return sessions.get(authToken);
    },
    listAuthTokens(uid) {
      return tokensOf(uid.toLowerCase());
    },
    revokeAuthToken(authToken) {
      const existed = revoke(authToken);
      if (existed) changed();
      return existed;
    },
    revokeAuthTokensOf(uid) {
      const count = revokeAllOf(uid.toLowerCase());
      if (count > 0) changed();
      return count;
    },
    findSessionByJwt(jwt) {
      for (const session of sessions.values()) if (session.jwt === jwt) return session;
      return undefined;
    },
    onRevoke(listener) {
      revokeListeners.add(listener);
      return () => revokeListeners.delete(listener);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    setPresence(uid, status) {
      const user = findUser(uid);
      if (!user) return;
      user.status = status;
      user.lastActiveAt = nowInSeconds();
      changed();
    },
    toJSON() {
      return structuredClone({
        version: SNAPSHOT_VERSION,
        appId,
        signingSecret,
        users: [...users.values()],
        authTokens: [...sessions.values()],
      });
    },
  };
}
