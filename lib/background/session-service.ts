import { ERROR_CODES, ERROR_REGISTRY } from '../cometchat/error-codes';
import { CometChatException, type CometChatError } from '../cometchat/exception';
import type { CometChatSession, CometChatUser } from '../cometchat/user';
import type { AuthEventType, LoginMethod } from '../protocol';
import type { EventDraft } from '../store/events';
import type { StoredProfile, StoredSession } from '../store/schema';
import { activeSessionOf } from '../store/state';
import type { Repositories } from '../store/transaction';
import type { BackgroundContext, Commit } from './context';

/**
 * The extension's own session in the active app, with the SDK's commands: login, loginWithAuthToken, logout, plus
 * switching between and forgetting held sessions. Each is one command of the serial queue that commits
 * through the context, which tells the views.
 */
export function createSessionService(context: BackgroundContext) {
  const { store, now } = context;

  function draft(
    type: AuthEventType,
    appId: string,
    uid: string | undefined,
    method: LoginMethod | undefined,
    source: string,
    startedAt: number,
  ): EventDraft {
    return { type, appId, uid, method, source, at: startedAt, durationMs: now() - startedAt };
  }

  /**
   * Runs one login-shaped command: on success the session is held and active, on failure nothing but
   * the log changes. Either way the auth event commits before views hear it.
   */
  async function runLogin(
    commit: Commit,
    source: string,
    method: LoginMethod,
    uidHint: string | undefined,
    obtain: (profile: StoredProfile) => Promise<CometChatSession>,
    /** A secret the command was given (a pasted token): masked in the error like the ones the extension holds. */
    given = '',
  ): Promise<CometChatUser> {
    const startedAt = now();
    let appId = '';
    try {
      const profile = await context.requireProfile();
      appId = profile.appId;
      const { user, authToken, jwt, wsChannel } = await obtain(profile);
      const held: StoredSession = { profileId: profile.id, uid: user.uid, user, authToken, jwt, wsChannel, loggedInAt: now() };
      await commit(async ({ sessions, profiles }) => {
        await Promise.all([sessions.put(held), profiles.setActiveUid(profile.id, user.uid)]);
        return { value: null, event: draft('loginSuccess', appId, user.uid, method, source, startedAt), user };
      });
      return user;
    } catch (thrown) {
      const error = await context.sanitize(thrown, given);
      await commit(async () => ({ value: null, event: { ...draft('loginFailure', appId, uidHint, method, source, startedAt), error } }));
      throw new CometChatException(error);
    }
  }

  async function requireHeld(uid: string): Promise<StoredSession> {
    const profile = await context.requireProfile();
    const held = await store.read((repositories) => repositories.sessions.get(profile.id, uid));
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
      return activeSessionOf(await context.readState())?.user ?? null;
    },

    login: (uid: string, source: string) =>
      context.command((commit) =>
        runLogin(commit, source, 'authKey', uid.trim(), (profile) => context.createClient(profile).login(uid.trim(), requireAuthKey(profile))),
      ),

    loginWithAuthToken: (authToken: string, source: string) =>
      context.command((commit) =>
        runLogin(
          commit,
          source,
          'authToken',
          undefined,
          (profile) => context.createClient(profile).loginWithAuthToken(authToken.trim()),
          String(authToken ?? '').trim(),
        ),
      ),

    /** Makes a held session active again: no network, like the SDK resolving a stored user. */
    switchSession: (uid: string, source: string) => context.command((commit) => runLogin(commit, source, 'switch', uid, () => requireHeld(uid))),

    /**
     * `DELETE me`, then forgets the session. Like the SDK, the local session is cleared even when the
     * server call fails; `logoutFailure` then says the token may still be valid on the server.
     */
    logout: (source: string) =>
      context.command(async (commit): Promise<null> => {
        const startedAt = now();
        const state = await context.readState();
        const active = activeSessionOf(state);
        const appId = state.profile?.appId ?? '';
        if (!state.profile || !active) {
          const error = { code: ERROR_CODES.ERR_NOT_LOGGED_IN, message: 'No active user session.', details: {} };
          await commit(async () => ({ value: null, event: { ...draft('logoutFailure', appId, undefined, undefined, source, startedAt), error } }));
          throw new CometChatException(error);
        }
        let failure: CometChatError | undefined;
        try {
          await context.createClient(state.profile).logout(active.authToken);
        } catch (thrown) {
          failure = await context.sanitize(thrown);
          // A token the server no longer knows is logged out already.
          if (failure.code === ERROR_CODES.AUTH_ERR_AUTH_TOKEN_NOT_FOUND) failure = undefined;
        }
        const profileId = state.profile.id;
        await commit(async (repositories) => {
          await dropSession(repositories, profileId, active.uid);
          const event = draft(failure ? 'logoutFailure' : 'logoutSuccess', appId, active.uid, undefined, source, startedAt);
          return { value: null, event: failure ? { ...event, error: failure } : event };
        });
        if (failure) throw new CometChatException(failure);
        return null;
      }),

    /** Drops a held session locally; its token stays valid on the server. */
    forgetSession: (uid: string) =>
      context.command(async (commit): Promise<null> => {
        const held = await requireHeld(uid);
        await commit(async (repositories) => ({ value: await dropSession(repositories, held.profileId, uid) }));
        return null;
      }),

    async revealSecret(uid: string, secret: 'authToken' | 'jwt'): Promise<string> {
      const held = await requireHeld(uid);
      const value = secret === 'jwt' ? held.jwt : held.authToken;
      if (!value)
        throw new CometChatException({ code: ERROR_CODES.ERR_SESSION_NOT_HELD, message: `No ${secret} is held for ${uid}.`, details: { uid } });
      return value;
    },

    requireHeld,
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

/** Forgets a held session; the app's active user goes too if it was that one. */
async function dropSession({ sessions, profiles }: Repositories, profileId: string, uid: string): Promise<null> {
  const [, profile] = await Promise.all([sessions.delete(profileId, uid), profiles.get(profileId)]);
  if (profile?.activeUid === uid) await profiles.setActiveUid(profileId, null);
  return null;
}

/** The app's Auth Key, which a login by uid needs; an app set up without one says so. */
export function requireAuthKey(profile: StoredProfile): string {
  if (profile.authKey) return profile.authKey;
  throw new CometChatException({
    code: ERROR_CODES.ERR_NO_AUTH_KEY,
    message: ERROR_REGISTRY.ERR_NO_AUTH_KEY.message,
    details: { appId: profile.appId },
  });
}
