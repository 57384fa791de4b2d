import { ERROR_CODES, ERROR_REGISTRY } from '../cometchat/error-codes';
import { CometChatException, type CometChatError } from '../cometchat/exception';
import type { CometChatSession, CometChatUser } from '../cometchat/user';
import { deathReasonOf, type SessionHealth } from '../cometchat/session-health';
import type { AuthEventType, LoginMethod, SessionCheckReport } from '../protocol';
import { stepMarks } from '../step-marks';
import type { EventDraft } from '../store/events';
import type { StoredProfile, StoredSession } from '../store/schema';
import { activeSessionOf, withSessionActive } from '../store/state';
import type { Repositories } from '../store/transaction';
import type { BackgroundContext, Commit } from './context';

/** The popup checks held sessions when it opens, at most this often per app. */
const CHECK_INTERVAL_MS = 60_000;

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
    obtain: (profile: StoredProfile) => Promise<CometChatSession | StoredSession>,
    /** A secret the command was given (a pasted token): masked in the error like the ones the extension holds. */
    given = '',
  ): Promise<CometChatUser> {
    const startedAt = now();
    // Its steps for the Performance panel and `npm run bench` (step-marks.ts): the app read, CometChat's answer (a
    // fresh login's two requests), the commit with every view told.
    const mark = stepMarks('login');
    let appId = '';
    try {
      const profile = await context.requireProfile();
      mark('app');
      appId = profile.appId;
      const obtained: CometChatSession & { health?: SessionHealth } = await obtain(profile);
      mark('cometchat');
      const { user, authToken, jwt, wsChannel } = obtained;
      // A new token was just taken by `PUT me`; a switch keeps what the last check said of the held one.
      const health = method === 'switch' ? obtained.health : { state: 'ok' as const, checkedAt: now() };
      const held: StoredSession = {
        profileId: profile.id,
        uid: user.uid,
        user,
        authToken,
        jwt,
        wsChannel,
        loggedInAt: now(),
        ...(health ? { health } : {}),
      };
      // Every view shows the user before the write starts (see `Commit`); the log's entry comes with the write's end.
      await commit(
        async ({ sessions, profiles }) => {
          await Promise.all([sessions.put(held), profiles.setActiveUid(profile, user.uid)]);
          return { value: null, event: draft('loginSuccess', appId, user.uid, method, source, startedAt) };
        },
        (state) => withSessionActive(state, held),
      );
      mark('commit');
      return user;
    } catch (thrown) {
      const error = await context.sanitize(thrown, given);
      await commit(() => Promise.resolve({ value: null, event: { ...draft('loginFailure', appId, uidHint, method, source, startedAt), error } }));
      throw new CometChatException(error);
    }
  }

  /** The active app's session for `uid` (CometChat lower-cases uids, so `Cometchat-UID-1` finds `cometchat-uid-1`), if held. */
  async function findHeld(uid: string): Promise<StoredSession | null> {
    if (uid === '') return null;
    const held = await context.heldSessions();
    return held.find((session) => session.uid === uid) ?? held.find((session) => session.uid === uid.toLowerCase()) ?? null;
  }

  /** `GET me` for one held session: its verdict, or null with the error when the answer says nothing of the token. */
  async function checkOne(profile: StoredProfile, session: StoredSession): Promise<SessionCheckReport['results'][number]> {
    const checkedAt = now();
    try {
      const user = await context.createClient(profile).getMe(session.authToken);
      if (user.uid.toLowerCase() !== session.uid.toLowerCase())
        return { uid: session.uid, health: { state: 'dead', reason: 'other-user', checkedAt } };
      if (user.deactivatedAt) return { uid: session.uid, health: { state: 'dead', reason: 'user-deleted', checkedAt } };
      return { uid: session.uid, health: { state: 'ok', checkedAt } };
    } catch (thrown) {
      const error = await context.sanitize(thrown);
      const reason = deathReasonOf(error.code);
      if (reason === null) return { uid: session.uid, health: session.health ?? null, error };
      return { uid: session.uid, health: { state: 'dead', reason, code: error.code, checkedAt } };
    }
  }

  /** When each app's sessions were last checked (ms), in memory: a restarted background checks once more, no harm done. */
  const lastCheckAt = new Map<string, number>();

  async function requireHeld(uid: string): Promise<StoredSession> {
    await context.requireProfile();
    const held = (await context.heldSessions()).find((session) => session.uid === uid);
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
    /**
     * The one rule for logging in as a uid: a session the active app holds for it is reused (no network, logged as a
     * switch), as the SDK resolves its stored user for the same uid, unless `fresh` asks for a new token, or the last
     * check found the held token dead (reusing it would only fail later).
     */
    login: (uid: string, source: string, fresh = false) =>
      context.command(async (commit) => {
        const wanted = String(uid ?? '').trim();
        const held = fresh ? null : await findHeld(wanted);
        if (held && held.health?.state !== 'dead') return runLogin(commit, source, 'switch', held.uid, () => Promise.resolve(held));
        return runLogin(commit, source, 'authKey', wanted, (profile) => context.createClient(profile).login(wanted, requireAuthKey(profile)));
      }),

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
          await commit(() =>
            Promise.resolve({ value: null, event: { ...draft('logoutFailure', appId, undefined, undefined, source, startedAt), error } }),
          );
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

    /**
     * Drops a held session. Without `revoke` its token stays valid on the server; with it, `DELETE me` first:
     * `revoked` is true, or false when the server no longer knew the token. Any other failure keeps the session.
     */
    forgetSession: (uid: string, revoke = false) =>
      context.command(async (commit): Promise<{ revoked: boolean | null }> => {
        const held = await requireHeld(uid);
        let revoked: boolean | null = null;
        if (revoke) {
          try {
            await context.createClient(await context.requireProfile()).logout(held.authToken);
            revoked = true;
          } catch (thrown) {
            const error = await context.sanitize(thrown);
            if (deathReasonOf(error.code) !== 'revoked') throw new CometChatException(error);
            revoked = false;
          }
        }
        await commit(async (repositories) => ({ value: await dropSession(repositories, held.profileId, uid) }));
        return { revoked };
      }),

    /**
     * Asks CometChat (`GET me`) about every held session of the active app and stores each verdict in one commit.
     * The network runs outside the command queue (a slow server must not hold up a login); the commit only writes
     * verdicts for tokens still held. `throttled`: nothing happens within {@link CHECK_INTERVAL_MS} of the last check.
     */
    async checkSessions(throttled = false): Promise<SessionCheckReport> {
      const profile = await context.requireProfile();
      const last = lastCheckAt.get(profile.id);
      if (throttled && last !== undefined && now() - last < CHECK_INTERVAL_MS) return { skipped: true, results: [] };
      const held = await store.read((repositories) => repositories.sessions.ofProfile(profile.id));
      if (held.length === 0) return { skipped: false, results: [] };
      lastCheckAt.set(profile.id, now());
      const results = await Promise.all(held.map((session) => checkOne(profile, session)));
      const tokens = new Map(held.map((session) => [session.uid, session.authToken]));
      await context.command((commit) =>
        commit(async ({ sessions }) => {
          const current = await sessions.ofProfile(profile.id);
          const writes = current.flatMap((session) => {
            const result = results.find((candidate) => candidate.uid === session.uid);
            if (!result?.health || result.error || tokens.get(session.uid) !== session.authToken) return [];
            return [sessions.put({ ...session, health: result.health })];
          });
          await Promise.all(writes);
          return { value: null };
        }),
      );
      return { skipped: false, results };
    },

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
  if (profile?.activeUid === uid) await profiles.setActiveUid(profile, null);
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
