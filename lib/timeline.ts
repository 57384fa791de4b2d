import type { PageActivity } from './page-agent/reports';
import type { AuthEvent, EventType } from './protocol';

/** The timeline's filter chips: the auth events, and what apps did by themselves (their own lane). */
export const EVENT_TYPES: readonly EventType[] = ['loginSuccess', 'loginFailure', 'logoutSuccess', 'logoutFailure', 'pageActivity'];

/** What a chip says. */
export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  loginSuccess: 'loginSuccess',
  loginFailure: 'loginFailure',
  logoutSuccess: 'logoutSuccess',
  logoutFailure: 'logoutFailure',
  pageActivity: 'app activity',
};

/** One line for what an app did: `app login`, `PUT me → 200`, `socket closed 1006`, `LoginListener loginSuccess`. */
export function describeActivity(activity: PageActivity): string {
  switch (activity.kind) {
    case 'start':
      return 'page loaded';
    case 'status':
      return 'status changed';
    case 'storage':
      return activity.uid === null ? 'app logout' : 'app login';
    case 'rest':
      return `${activity.method} ${activity.endpoint} → ${activity.status || 'failed'}${activity.code ? ` ${activity.code}` : ''}`;
    case 'socket':
      return `socket ${activity.state}${activity.closeCode !== undefined ? ` ${activity.closeCode}` : ''}${activity.code ? ` ${activity.code}` : ''}`;
    case 'listener':
      return `${activity.listener === 'login' ? 'LoginListener' : 'ConnectionListener'} ${activity.event}`;
  }
}

export interface TimelineFilter {
  /** Types to show; all when empty. */
  types: ReadonlySet<EventType>;
  /** Exact uid, or '' for any. */
  uid: string;
  /** Free text, case-insensitive, across every visible column. */
  text: string;
}

export const NO_FILTER: TimelineFilter = { types: new Set(), uid: '', text: '' };

/** The text a search matches against: what the row shows, plus the error's message. */
function searchableText(event: AuthEvent): string {
  const activity = event.activity ? describeActivity(event.activity) : undefined;
  return [
    event.type,
    activity,
    event.uid,
    event.appId,
    event.source,
    event.method,
    event.target,
    event.pageOrigin,
    event.error?.code,
    event.error?.message,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/** The events a filter keeps, in their order. */
export function filterEvents(events: readonly AuthEvent[], { types, uid, text }: TimelineFilter): AuthEvent[] {
  const needle = text.trim().toLowerCase();
  return events.filter(
    (event) =>
      (types.size === 0 || types.has(event.type)) && (uid === '' || event.uid === uid) && (needle === '' || searchableText(event).includes(needle)),
  );
}

/** Merges fetched and live events into one list ordered by `seq`, without duplicates. */
export function mergeEvents(current: readonly AuthEvent[], incoming: readonly AuthEvent[]): AuthEvent[] {
  if (incoming.length === 0) return current as AuthEvent[];
  const last = current.at(-1)?.seq ?? 0;
  // The common case, a live event newer than everything shown, needs no sort.
  if (incoming.every((event, index) => event.seq > (incoming[index - 1]?.seq ?? last))) return [...current, ...incoming];
  const bySeq = new Map(current.map((event) => [event.seq, event]));
  for (const event of incoming) bySeq.set(event.seq, event);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Every uid in the log, sorted, for the uid filter. */
export function uidsOf(events: readonly AuthEvent[]): string[] {
  return [...new Set(events.map((event) => event.uid).filter((uid): uid is string => Boolean(uid)))].sort();
}
