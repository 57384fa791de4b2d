import type { CometChatClient } from '../cometchat/client';
import { CLIENT_ERROR_CODES, CometChatException, toCometChatError } from '../cometchat/exception';
import type { AppEndpoint } from '../cometchat/hosts';
import type { CometChatSession, CometChatUser } from '../cometchat/user';
import { maskSecret } from '../mask';
import type { AuthEventType, LoginMethod, ProfileInput, ProfileSummary, Snapshot, ViewEvent } from '../protocol';
import { SNAPSHOT_EVENT_LIMIT } from '../protocol';
import type { StoredProfile, StoredSession } from '../store/schema';
import type { SessionStore, StoredState } from '../store/session-store';
import { createSerialQueue } from '../serial-queue';
import { validateProfile } from './profile-validation';

export interface SessionServiceDeps {
  store: SessionStore;
  createClient(endpoint: AppEndpoint): CometChatClient;
  /** Broadcasts to every connected view; called only after the change has committed. */
  emit(event: ViewEvent): void;
  now?: () => number;
  newId?: () => string;
}

/**
 * The background's logic: SDK-shaped commands on top of the store and the CometChat client.
 * Commands run one at a time; each commits, then emits its auth event and a fresh snapshot.
 */
export function createSessionService({ store, createClient, emit, now = Date.now, newId = () => crypto.randomUUID() }: SessionServiceDeps) {
  const queue = createSerialQueue();

  async function snapshot(): Promise<Snapshot> {
    return toSnapshot(await store.readState(SNAPSHOT_EVENT_LIMIT));
  }

  async function broadcastSnapshot(): Promise<void> {
    emit({ type: 'snapshot', snapshot: await snapshot() });
  }

  async function requireProfile(): Promise<StoredProfile> {
    const profile = await store.getActiveProfile();
    if (!profile) {
      throw new CometChatException({
        code: CLIENT_ERROR_CODES.APP_NOT_CONFIGURED,
        message: 'Set up a CometChat app first (App ID, region and Auth Key).',
        details: {},
      });
    }
    return profile;
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
      const profile = await requireProfile();
      appId = profile.appId;
      const session = await obtain(profile);
      const stored: StoredSession = { profileId: profile.id, uid: session.user.uid, ...session, loggedInAt: now() };
      const event = await store.commitLogin(stored, draft('loginSuccess', appId, session.user.uid, method, source, startedAt));
      emit({ type: 'authEvent', event, user: session.user });
      await broadcastSnapshot();
      return session.user;
    } catch (thrown) {
      const error = toCometChatError(thrown);
      const event = await store.appendEvent({ ...draft('loginFailure', appId, uidHint, method, source, startedAt), error });
      emit({ type: 'authEvent', event });
      await broadcastSnapshot();
      throw new CometChatException(error);
    }
  }

  function draft(type: AuthEventType, appId: string, uid: string | undefined, method: LoginMethod | undefined, source: string, startedAt: number) {
    return { type, appId, uid, method, source, at: startedAt, durationMs: now() - startedAt };
  }

  return {
    snapshot,

    async getLoggedInUser(): Promise<CometChatUser | null> {
      const state = await store.readState(0);
      return state.sessions.find((session) => session.uid === state.activeUid)?.user ?? null;
    },

    saveProfile: (input: ProfileInput): Promise<ProfileSummary> =>
      queue.run(async () => {
        const current = await store.getActiveProfile();
        const isSameApp = (candidate: ProfileInput) =>
          current !== null &&
          current.appId === candidate.appId.trim() &&
          current.region === candidate.region.trim().toLowerCase() &&
          (current.apiHost ?? '') === (candidate.apiHost ?? '').trim().replace(/\/+$/, '');
        // Editing the active app may leave the Auth Key blank to keep the stored one.
        const keepKey = !input.authKey?.trim() && isSameApp(input);
        const valid = validateProfile(keepKey ? { ...input, authKey: current!.authKey } : input);
        const profile: StoredProfile = { ...valid, id: isSameApp(valid) ? current!.id : newId() };
        await store.saveProfile(profile);
        await broadcastSnapshot();
        return summarizeProfile(profile);
      }),

    login: (uid: string, source: string) =>
      queue.run(() =>
        runLogin(source, 'authKey', uid.trim(), (profile) => createClient(profile).login(uid.trim(), profile.authKey)),
      ),

    loginWithAuthToken: (authToken: string, source: string) =>
      queue.run(() =>
        runLogin(source, 'authToken', undefined, (profile) => createClient(profile).loginWithAuthToken(authToken.trim())),
      ),

    /** Makes a held session active again: no network, like the SDK resolving a stored user. */
    switchSession: (uid: string, source: string) =>
      queue.run(() =>
        runLogin(source, 'switch', uid, async (profile) => {
          const held = await store.getSession(profile.id, uid);
          if (!held) {
            throw new CometChatException({
              code: CLIENT_ERROR_CODES.SESSION_NOT_HELD,
              message: `The extension holds no session for ${uid} in this app. Log in as ${uid} first.`,
              details: { uid },
            });
          }
          return { user: held.user, authToken: held.authToken, jwt: held.jwt };
        }),
      ),

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
          const error = { code: CLIENT_ERROR_CODES.NOT_LOGGED_IN, message: 'No active user session.', details: {} };
          const event = await store.appendEvent({ ...draft('logoutFailure', appId, undefined, undefined, source, startedAt), error });
          emit({ type: 'authEvent', event });
          await broadcastSnapshot();
          throw new CometChatException(error);
        }
        let failure: ReturnType<typeof toCometChatError> | undefined;
        try {
          await createClient(state.profile).logout(active.authToken);
        } catch (thrown) {
          failure = toCometChatError(thrown);
          // A token the server no longer knows is logged out already.
          if (failure.code === 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND') failure = undefined;
        }
        const type = failure ? 'logoutFailure' : 'logoutSuccess';
        const event = await store.commitLogout(state.profile.id, active.uid, {
          ...draft(type, appId, active.uid, undefined, source, startedAt),
          ...(failure ? { error: failure } : {}),
        });
        emit({ type: 'authEvent', event });
        await broadcastSnapshot();
        if (failure) throw new CometChatException(failure);
        return null;
      }),

    async revealAuthToken(uid: string): Promise<string> {
      const profile = await requireProfile();
      const held = await store.getSession(profile.id, uid);
      if (!held) {
        throw new CometChatException({ code: CLIENT_ERROR_CODES.SESSION_NOT_HELD, message: `No session is held for ${uid}.`, details: { uid } });
      }
      return held.authToken;
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

function summarizeProfile(profile: StoredProfile): ProfileSummary {
  const { authKey, ...rest } = profile;
  return { ...rest, authKeyMasked: maskSecret(authKey) };
}

function summarizeSession(session: StoredSession) {
  return {
    uid: session.uid,
    user: session.user,
    authTokenMasked: maskSecret(session.authToken),
    hasJwt: Boolean(session.jwt),
    loggedInAt: session.loggedInAt,
  };
}

/** What views may see of the stored state: secrets masked, nothing else left out. */
export function toSnapshot(state: StoredState): Snapshot {
  const sessions = state.sessions.map(summarizeSession);
  return {
    revision: state.revision,
    profile: state.profile ? summarizeProfile(state.profile) : null,
    active: sessions.find((session) => session.uid === state.activeUid) ?? null,
    sessions,
    events: state.events,
  };
}
