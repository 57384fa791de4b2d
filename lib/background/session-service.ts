import { CometChatException, toCometChatError, type CometChatError } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-codes';
import type { CometChatSession, CometChatUser } from '../cometchat/user';
import { SNAPSHOT_EVENT_LIMIT, type AuthEventType, type LoginMethod } from '../protocol';
import type { StoredProfile, StoredSession } from '../store/schema';
import type { BackgroundContext } from './context';

/**
 * The extension's own session in the active app, with the SDK's commands: login, loginWithAuthToken, logout, plus
 * switching between and forgetting held sessions. Each command runs in the shared queue, commits,
 * then emits its auth event and a fresh snapshot.
 */
export function createSessionService(context: BackgroundContext) {
  const { store, queue, emit, now } = context;

  function draft(type: AuthEventType, appId: string, uid: string | undefined, method: LoginMethod | undefined, source: string, startedAt: number) {
    return { type, appId, uid, method, source, at: startedAt, durationMs: now() - startedAt };
  }

  /**
   * Runs one login-shaped command: on success the session is held and active, on failure nothing but
   * the log changes. Either way the auth event is committed before it is broadcast.
   */
  async function runLogin(
    source: string,
    method: LoginMethod,
    uidHint: string | undefined,
    obtain: (profile: StoredProfile) => Promise<CometChatSession>,
  ): Promise<CometChatUser> {
    const startedAt = now();
    let appId = '';
    try {
      const profile = await context.requireProfile();
      appId = profile.appId;
      const { user, authToken, jwt, wsChannel } = await obtain(profile);
      const stored: StoredSession = { profileId: profile.id, uid: user.uid, user, authToken, jwt, wsChannel, loggedInAt: now() };
      const { event, state } = await store.commitLogin(stored, draft('loginSuccess', appId, user.uid, method, source, startedAt), SNAPSHOT_EVENT_LIMIT);
      emit({ type: 'authEvent', event, user });
      context.broadcastState(state);
      return user;
    } catch (thrown) {
      const error = toCometChatError(thrown);
      const event = await store.appendEvent({ ...draft('loginFailure', appId, uidHint, method, source, startedAt), error });
      emit({ type: 'authEvent', event });
      await context.broadcastSnapshot();
      throw new CometChatException(error);
    }
  }

  async function requireHeld(uid: string): Promise<StoredSession> {
    const profile = await context.requireProfile();
    const held = await store.getSession(profile.id, uid);
    if (!held) {
      throw new CometChatException({
        code: ERROR_CODES.ERR_SESSION_NOT_HELD,
        message: `The extension holds no session for ${uid} in this app. Log in as ${uid} first.`,
        details: { uid },
      });
    }
    return held;
  }

  return {
    async getLoggedInUser(): Promise<CometChatUser | null> {
      const state = await store.readState(0);
      return state.sessions.find((session) => session.uid === state.activeUid)?.user ?? null;
    },

    login: (uid: string, source: string) =>
      queue.run(() => runLogin(source, 'authKey', uid.trim(), (profile) => context.createClient(profile).login(uid.trim(), profile.authKey))),

    loginWithAuthToken: (authToken: string, source: string) =>
      queue.run(() => runLogin(source, 'authToken', undefined, (profile) => context.createClient(profile).loginWithAuthToken(authToken.trim()))),

    /** Makes a held session active again: no network, like the SDK resolving a stored user. */
    switchSession: (uid: string, source: string) => queue.run(() => runLogin(source, 'switch', uid, () => requireHeld(uid))),

    /**
     * `DELETE me`, then forgets the session. Like the SDK, the local session is cleared even when the
     * server call fails; `logoutFailure` then says the token may still be valid on the server.
     */
    logout: (source: string) =>
      queue.run(async (): Promise<null> => {
        const startedAt = now();
        const state = await store.readState(0);
        const active = state.sessions.find((session) => session.uid === state.activeUid);
        const appId = state.profile?.appId ?? '';
        if (!state.profile || !active) {
          const error = { code: ERROR_CODES.ERR_NOT_LOGGED_IN, message: 'No active user session.', details: {} };
          const event = await store.appendEvent({ ...draft('logoutFailure', appId, undefined, undefined, source, startedAt), error });
          emit({ type: 'authEvent', event });
          await context.broadcastSnapshot();
          throw new CometChatException(error);
        }
        let failure: CometChatError | undefined;
        try {
          await context.createClient(state.profile).logout(active.authToken);
        } catch (thrown) {
          failure = toCometChatError(thrown);
          // A token the server no longer knows is logged out already.
          if (failure.code === ERROR_CODES.AUTH_ERR_AUTH_TOKEN_NOT_FOUND) failure = undefined;
        }
        const event = await store.commitLogout(state.profile.id, active.uid, {
          ...draft(failure ? 'logoutFailure' : 'logoutSuccess', appId, active.uid, undefined, source, startedAt),
          ...(failure ? { error: failure } : {}),
        });
        emit({ type: 'authEvent', event });
        await context.broadcastSnapshot();
        if (failure) throw new CometChatException(failure);
        return null;
      }),

    /** Drops a held session locally; its token stays valid on the server. */
    forgetSession: (uid: string) =>
      queue.run(async (): Promise<null> => {
        const held = await requireHeld(uid);
        await store.forgetSession(held.profileId, uid);
        await context.broadcastSnapshot();
        return null;
      }),

    async revealSecret(uid: string, secret: 'authToken' | 'jwt'): Promise<string> {
      const held = await requireHeld(uid);
      const value = secret === 'jwt' ? held.jwt : held.authToken;
      if (!value) throw new CometChatException({ code: ERROR_CODES.ERR_SESSION_NOT_HELD, message: `No ${secret} is held for ${uid}.`, details: { uid } });
      return value;
    },

    requireHeld,
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
