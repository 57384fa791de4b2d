import type { StoredEventRow } from './extension-db';

/** What the extension should hold, kept by a test next to the real thing: held uids and the active one. */
export interface SessionModel {
  held: Set<string>;
  active: string | null;
}

export function createSessionModel(held: Iterable<string> = [], active: string | null = null): SessionModel {
  return { held: new Set(held), active };
}

export function heldOf(model: SessionModel): string[] {
  return [...model.held].sort();
}

/**
 * Applies one committed auth event to `model`, as the background's serial queue would have produced it, and
 * returns why the event could not have happened in this state (e.g. a switch to a session not held, two
 * logouts of one session), or null. Replaying a log through this checks that commands were serialized.
 */
export function applyEvent(model: SessionModel, event: StoredEventRow): string | null {
  const at = `event seq ${event.seq} (${event.type} ${event.uid ?? '—'} from ${event.source})`;
  switch (event.type) {
    case 'loginSuccess':
      if (!event.uid) return `${at} names no user`;
      if (event.method === 'switch' && !model.held.has(event.uid)) return `${at}: switched to a session that was not held`;
      model.held.add(event.uid);
      model.active = event.uid;
      return null;
    case 'loginFailure':
      if (event.method === 'switch' && event.errorCode === 'ERR_SESSION_NOT_HELD' && event.uid && model.held.has(event.uid)) {
        return `${at}: said the session was not held while it was`;
      }
      return null;
    case 'logoutSuccess':
    case 'logoutFailure':
      if (!event.uid) {
        // ERR_NOT_LOGGED_IN: nothing was active, nothing changes.
        return model.active === null ? null : `${at}: said nobody was logged in while ${model.active} was active`;
      }
      if (event.uid !== model.active) return `${at}: logged out ${event.uid} while ${model.active ?? 'nobody'} was active`;
      // Like the SDK, a failed server logout still clears the local session.
      model.held.delete(event.uid);
      model.active = null;
      return null;
    default:
      return `${at}: unknown event type`;
  }
}
