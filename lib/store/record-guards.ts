import type { SessionHealth } from '../cometchat/session-health';
import type { StoredEvent, StoredProfile, StoredSession } from './schema';

/**
 * Checks for records read back from IndexedDB. Anything the extension did not write itself (a damaged
 * profile, a hand edit, a bug in an old version) is skipped and counted instead of crashing the views.
 */
const isText = (value: unknown): value is string => typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function isStoredProfile(value: unknown): value is StoredProfile {
  return isObject(value) && isText(value.id) && isText(value.appId) && isText(value.region) && isText(value.label) && isText(value.authKey);
}

export function isStoredSession(value: unknown): value is StoredSession {
  return isObject(value) && isText(value.profileId) && isText(value.uid) && isText(value.authToken) && isObject(value.user) && isText(value.user.uid);
}

/** A stored health verdict as far as views may trust it; anything else reads as "not checked". */
export function isSessionHealth(value: unknown): value is SessionHealth {
  return (
    isObject(value) &&
    (value.state === 'ok' || value.state === 'dead') &&
    typeof value.checkedAt === 'number' &&
    (value.reason === undefined || isText(value.reason)) &&
    (value.code === undefined || isText(value.code))
  );
}

export function isStoredEvent(value: unknown): value is StoredEvent {
  return isObject(value) && typeof value.seq === 'number' && isText(value.type) && typeof value.at === 'number';
}
