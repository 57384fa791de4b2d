import { tokenCreatedAt } from '../cometchat/session-health';
import { maskSecret } from '../mask';
import { isSessionHealth } from '../store/record-guards';
import type { PinnedTabSummary, ProfileSummary, SessionSummary, Snapshot } from '../protocol';
import type { StoredPinnedTab, StoredProfile, StoredSession } from '../store/schema';
import type { StoredState } from '../store/state';

export function summarizeProfile({ id, label, appId, region, apiHost, authKey }: StoredProfile): ProfileSummary {
  return { id, label, appId, region, ...(apiHost ? { apiHost } : {}), authKeyMasked: maskSecret(authKey) };
}

function summarizeSession(session: StoredSession): SessionSummary {
  return {
    uid: session.uid,
    user: session.user,
    authTokenMasked: maskSecret(session.authToken),
    hasJwt: Boolean(session.jwt),
    loggedInAt: session.loggedInAt,
    health: isSessionHealth(session.health) ? session.health : null,
    tokenCreatedAt: tokenCreatedAt(session.authToken),
  };
}

/** A pin as views see it: without its token. */
export function summarizePin({ tabId, origin, appId, uid, name, pinnedAt, closedAt, authToken }: StoredPinnedTab): PinnedTabSummary {
  return { tabId, origin, appId, uid, name, pinnedAt, ...(closedAt ? { closedAt } : {}), canRevoke: Boolean(authToken) };
}

/** What views may see of the stored state: secrets masked, nothing else left out. */
export function toSnapshot(state: StoredState): Snapshot {
  const sessions = state.sessions.map(summarizeSession);
  return {
    epoch: state.epoch,
    revision: state.revision,
    lastSeq: state.lastSeq,
    profiles: state.profiles.map(summarizeProfile),
    profile: state.profile ? summarizeProfile(state.profile) : null,
    active: sessions.find((session) => session.uid === state.activeUid) ?? null,
    sessions,
    lastLoginError: state.lastLoginError,
    unreadableRecords: state.unreadable,
    pinnedTabs: state.pinnedTabs.map(summarizePin),
  };
}
