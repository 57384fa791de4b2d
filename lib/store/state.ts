import type { CometChatError } from '../cometchat/exception';
import type { StoredPinnedTab, StoredProfile, StoredSession } from './schema';
import type { Repositories } from './transaction';

/** Everything views need of the stored state, read in one transaction so it is consistent. */
export interface StoredState {
  /** Names the database's life: it changes when storage is reset. */
  epoch: string;
  revision: number;
  /** The last event number handed out; the events themselves are read on request. */
  lastSeq: number;
  /** Every app profile, in the order they were added. */
  profiles: StoredProfile[];
  profile: StoredProfile | null;
  activeUid: string | null;
  /** The sessions held for the active profile. */
  sessions: StoredSession[];
  /** The error of the extension's last login attempt, if it failed. */
  lastLoginError: CometChatError | null;
  /** Records that could not be read (damaged) and were left out. */
  unreadable: number;
  /** Tabs pinned to a user, open and closed. */
  pinnedTabs: StoredPinnedTab[];
}

/**
 * Reads the state with the repositories of one transaction; in a write transaction it sees that
 * transaction's own writes. Independent reads go out together: each await is a round trip.
 */
export async function readState(repositories: Repositories): Promise<StoredState> {
  const { profiles, sessions, events, meta } = repositories;
  // In one round of requests: every app's sessions are read with the rest and the active app's kept (a read of those
  // alone would wait for the active app's id), so a damaged session of any app counts, as a damaged profile does.
  const [epoch, revision, lastSeq, activeId, all, lastLoginError, pinnedTabs, allSessions] = await Promise.all([
    meta.epoch(),
    meta.revision(),
    events.lastSeq(),
    profiles.activeId(),
    profiles.all(),
    events.lastLoginError(),
    meta.pinnedTabs(),
    sessions.all(),
  ]);
  const profile = all.find((candidate) => candidate.id === activeId) ?? null;
  const held = profile ? allSessions.filter((session) => session.profileId === profile.id) : [];
  return {
    epoch,
    revision,
    lastSeq,
    profiles: all,
    profile,
    activeUid: profile?.activeUid ?? null,
    sessions: held,
    lastLoginError,
    unreadable: repositories.unreadable,
    pinnedTabs,
  };
}

/** The session held for the active profile's active user, if any. */
export function activeSessionOf(state: StoredState): StoredSession | null {
  return state.sessions.find((session) => session.uid === state.activeUid) ?? null;
}

/**
 * `state` as a login's write leaves it (`session` held and active in its app, no login error), but for what only the
 * write itself moves: the revision and the log. A view can be shown it while the write runs (see `Commit`). Sessions
 * stay in the store's key order (by uid), as a read would list them. Unchanged when `session` is not of the active app.
 */
export function withSessionActive(state: StoredState, session: StoredSession): StoredState {
  if (!state.profile || state.profile.id !== session.profileId) return state;
  const profile = { ...state.profile, activeUid: session.uid };
  const sessions = [...state.sessions.filter((held) => held.uid !== session.uid), session].sort((a, b) =>
    a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0,
  );
  return {
    ...state,
    profile,
    profiles: state.profiles.map((candidate) => (candidate.id === profile.id ? profile : candidate)),
    activeUid: session.uid,
    sessions,
    lastLoginError: null,
  };
}
