/**
 * The emulator's in-memory world: the seeded users and the auth tokens issued for them.
 * Nothing persists; each `startEmulator()` begins from the five sample users and no tokens.
 */
import { randomBytes } from 'node:crypto';
import { mintAuthSession, nowInSeconds, type AuthSession } from './tokens';
import { createSeededUsers, type CometChatUser } from './users';

/** CometChat keeps at most 100 active tokens per user (protocol doc §8); older ones are dropped. */
export const MAX_TOKENS_PER_USER = 100;

/** Users and tokens of one emulator. */
export interface EmulatorState {
  /** The user with this uid (matched lower-cased, as CometChat stores uids), or undefined. */
  findUser(uid: string): CometChatUser | undefined;
  /** Issues a new token for an existing user; throws if the uid is unknown. */
  issueAuthToken(uid: string): AuthSession;
  /** The session behind a token, or undefined when it was never issued or was revoked. */
  findSession(authToken: string): AuthSession | undefined;
  /** Forgets a token; later lookups fail as on a real logout. Returns whether it existed. */
  revokeAuthToken(authToken: string): boolean;
  /** Records presence the way `PUT /me` (online) and `DELETE /me` (offline) change it. */
  setPresence(uid: string, status: CometChatUser['status']): void;
  /** The live session whose jwt this is (the WebSocket authenticates with it), or undefined. */
  findSessionByJwt(jwt: string): AuthSession | undefined;
  /** Calls `listener` for every token that stops being valid, however it happened; returns the unsubscribe. */
  onRevoke(listener: (session: AuthSession) => void): () => void;
}

/** Creates a fresh state for an emulator serving `appId`. */
export function createEmulatorState(appId: string): EmulatorState {
  const users = new Map(createSeededUsers().map((user) => [user.uid, user]));
  // Insertion order of a Map doubles as token age, which the per-user cap relies on.
  const sessions = new Map<string, AuthSession>();
  const signingSecret = randomBytes(32).toString('hex');
  const revokeListeners = new Set<(session: AuthSession) => void>();

  /** The one way a token ends, so every listener (open WebSockets) hears about it. */
  function revoke(authToken: string): boolean {
    const session = sessions.get(authToken);
    if (!session) return false;
    sessions.delete(authToken);
    revokeListeners.forEach((listener) => listener(session));
    return true;
  }

  function findUser(uid: string): CometChatUser | undefined {
    return users.get(uid.toLowerCase());
  }

  function dropOldestTokensOf(uid: string): void {
    const tokens = [...sessions.values()].filter((session) => session.uid === uid);
    for (const session of tokens.slice(0, Math.max(0, tokens.length - MAX_TOKENS_PER_USER))) {
      revoke(session.authToken);
    }
  }

  return {
    findUser,
    issueAuthToken(uid) {
      const user = findUser(uid);
      if (!user) throw new Error(`The emulator has no user with UID ${uid}.`);
      const session = mintAuthSession(user.uid, appId, signingSecret);
      sessions.set(session.authToken, session);
      dropOldestTokensOf(user.uid);
      return session;
    },
    findSession(authToken) {
      return sessions.get(authToken);
    },
    revokeAuthToken: revoke,
    findSessionByJwt(jwt) {
      for (const session of sessions.values()) if (session.jwt === jwt) return session;
      return undefined;
    },
    onRevoke(listener) {
      revokeListeners.add(listener);
      return () => revokeListeners.delete(listener);
    },
    setPresence(uid, status) {
      const user = findUser(uid);
      if (!user) return;
      user.status = status;
      user.lastActiveAt = nowInSeconds();
    },
  };
}
