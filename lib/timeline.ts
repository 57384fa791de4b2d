import { EVENT_LANE_CAPS, laneOf, type EventLane } from './event-lanes';
import { hasType } from './event-facts';
import type { PageActivity, SocketState } from './page/reports';
import type { AuthEvent, EventType } from './protocol';
import type { MessageKey, Words } from './words';

/** The timeline's filter chips: the auth events (a chip says the type), and what apps did by themselves (their own lane). */
export const EVENT_TYPES: readonly EventType[] = ['loginSuccess', 'loginFailure', 'logoutSuccess', 'logoutFailure', 'pageActivity'];

/** The words of an app's WebSocket state in its activity line ("socket closed"). */
const SOCKET_ACTIVITY: Record<SocketState, MessageKey> = {
  connecting: 'activitySocketConnecting',
  open: 'activitySocketOpen',
  authenticated: 'activitySocketAuthenticated',
  refused: 'activitySocketRefused',
  closed: 'activitySocketClosed',
};

/**
 * One line for what an app did, in `words`: `app login`, `PUT me → 200`, `socket closed 1006`, `LoginListener
 * loginSuccess`. The request, the status, the codes and the SDK's listener and event names are data, as they are.
 */
export function describeActivity(activity: PageActivity, words: Words): string {
  switch (activity.kind) {
    case 'start':
      return words('activityPageLoaded');
    case 'status':
      return words('activityStatusChanged');
    case 'storage':
      return words(activity.uid === null ? 'activityAppLogout' : 'activityAppLogin');
    case 'rest':
      return `${activity.method} ${activity.endpoint} → ${activity.status || words('activityRestFailed')}${withCode(activity.code)}`;
    case 'socket':
      return `${words(SOCKET_ACTIVITY[activity.state])}${withCode(activity.closeCode)}${withCode(activity.code)}`;
    case 'listener':
      return `${activity.listener === 'login' ? 'LoginListener' : 'ConnectionListener'} ${activity.event}`;
  }
}

/** A code after the line's words, when there is one. */
const withCode = (code: string | number | undefined) => (code === undefined || code === '' ? '' : ` ${code}`);

export interface TimelineFilter {
  /** Types to show; all when empty. */
  types: ReadonlySet<EventType>;
  /** Exact uid, or '' for any. */
  uid: string;
  /** Free text, case-insensitive, across every visible column. */
  text: string;
}

export const NO_FILTER: TimelineFilter = { types: new Set(), uid: '', text: '' };

/** The text a search matches against: what the row shows (its activity in the view's `words`), plus the error's message. */
function searchableText(event: AuthEvent, words: Words): string {
  const activity = event.activity ? describeActivity(event.activity, words) : undefined;
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

/**
 * The events a filter keeps, in their order. A type keeps the app's own activity that amounts to it too (the app's
 * failed login under loginFailure), as `hasType` says. The text is looked for in what the rows show, in `words`.
 */
export function filterEvents(events: readonly AuthEvent[], { types, uid, text }: TimelineFilter, words: Words): AuthEvent[] {
  const needle = text.trim().toLowerCase();
  return events.filter(
    (event) =>
      (types.size === 0 || hasType(event, types)) &&
      (uid === '' || event.uid === uid) &&
      (needle === '' || searchableText(event, words).includes(needle)),
  );
}

/**
 * The events newest first by the time they happened, to the millisecond; events of the same millisecond by `seq`.
 * `seq` alone is the order the log stored them in, and an app's activity is stored as it arrives, while the
 * extension's operation is stored when it ends with the time it started: by `seq` rows of one second came out of order.
 */
export function newestFirst(events: readonly AuthEvent[]): AuthEvent[] {
  return [...events].sort(byNewest);
}

/** `newestFirst`'s order, as a comparator. */
const byNewest = (a: AuthEvent, b: AuthEvent) => b.at - a.at || b.seq - a.seq;

/**
 * Merges fetched and live events into one list ordered by `seq`, without duplicates, holding no more of each lane than
 * the log keeps (`lib/event-lanes.ts`): a view open through a flood of an app's reports stays the log's size, and
 * keeps the tester's own events as the log does.
 */
export function mergeEvents(current: readonly AuthEvent[], incoming: readonly AuthEvent[], caps = EVENT_LANE_CAPS): AuthEvent[] {
  if (incoming.length === 0) return current as AuthEvent[];
  const last = current.at(-1)?.seq ?? 0;
  // The common case, a live event newer than everything shown, needs no sort, and counts its lane alone.
  if (incoming.every((event, index) => event.seq > (incoming[index - 1]?.seq ?? last))) {
    return withinCaps([...current, ...incoming], caps, appEventsIn(current) + appEventsIn(incoming));
  }
  const bySeq = new Map(current.map((event) => [event.seq, event]));
  for (const event of incoming) bySeq.set(event.seq, event);
  const merged = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  return withinCaps(merged, caps, appEventsIn(merged));
}

/**
 * How many of the app's events each list `mergeEvents` returned holds, so that a live event's merge counts only
 * itself: counted over a 10,000-event log, the lanes took ~1.4 ms of a panel's main thread for each event, and an
 * app's login brings five to seven, which the live strip's next state waited behind.
 */
const appEventCounts = new WeakMap<readonly AuthEvent[], number>();

/** The app's events in `events`: known for a list `mergeEvents` returned, counted for any other. */
function appEventsIn(events: readonly AuthEvent[]): number {
  let count = appEventCounts.get(events);
  if (count === undefined) {
    count = 0;
    for (const event of events) if (laneOf(event) === 'app') count += 1;
  }
  return count;
}

/**
 * `events` (oldest first, a new array the caller owns, `appEvents` of them the app's) without the oldest of each lane
 * beyond its cap, compacted in place: this runs on every live event, so it looks only as far into the log as the
 * oldest events it drops, and moves the rest in one splice.
 */
function withinCaps(events: AuthEvent[], caps: Readonly<Record<EventLane, number>>, appEvents: number): AuthEvent[] {
  const excess: Record<EventLane, number> = { tester: events.length - appEvents - caps.tester, app: appEvents - caps.app };
  let kept = 0;
  let index = 0;
  for (; index < events.length && (excess.tester > 0 || excess.app > 0); index++) {
    const event = events[index]!;
    const lane = laneOf(event);
    if (excess[lane] > 0) {
      excess[lane] -= 1;
      if (lane === 'app') appEvents -= 1;
    } else {
      events[kept++] = event;
    }
  }
  if (kept < index) events.splice(kept, index - kept);
  appEventCounts.set(events, appEvents);
  return events;
}

/** Every uid in the log, sorted, for the uid filter. */
export function uidsOf(events: readonly AuthEvent[]): string[] {
  return [...new Set(events.map((event) => event.uid).filter((uid): uid is string => Boolean(uid)))].sort();
}

/** What the timeline shows of a log under a filter: the events kept, newest first, and every uid for the uid filter. */
export interface TimelineView {
  shown: AuthEvent[];
  uids: string[];
}

/**
 * The timeline's view of a log (`filterEvents`, then `newestFirst`, and `uidsOf`), made again from the one before it
 * when the log only grew since under the same filter: a live event is filtered and placed on its own, not the whole
 * log with it (10,000 events: ~1.5 ms of a panel's main thread per event, which an app's login brings five to seven
 * of). Anything else (a filter changed, the log cleared, its oldest dropped at a cap) makes it whole again.
 */
export function createTimelineViews(words: Words): (events: readonly AuthEvent[], filter: TimelineFilter) => TimelineView {
  let last: { events: readonly AuthEvent[]; filter: TimelineFilter; view: TimelineView } | null = null;
  return (events, filter) => {
    const grown = last && isSameFilter(last.filter, filter) && startsWith(events, last.events) ? last : null;
    let view: TimelineView;
    if (!grown) {
      view = { shown: newestFirst(filterEvents(events, filter, words)), uids: uidsOf(events) };
    } else {
      const added = events.slice(grown.events.length);
      const addedUids = uidsOf(added);
      view = {
        shown: mergeNewestFirst(newestFirst(filterEvents(added, filter, words)), grown.view.shown),
        // The same array while no uid is new, so the uid filter's options are not made again.
        uids: addedUids.every((uid) => grown.view.uids.includes(uid)) ? grown.view.uids : [...new Set([...grown.view.uids, ...addedUids])].sort(),
      };
    }
    last = { events, filter, view };
    return view;
  };
}

const isSameFilter = (a: TimelineFilter, b: TimelineFilter) => a.types === b.types && a.uid === b.uid && a.text === b.text;

/** Whether `events` begins with every event of `before`, the same objects in the same places (a log that only grew). */
function startsWith(events: readonly AuthEvent[], before: readonly AuthEvent[]): boolean {
  if (events.length < before.length) return false;
  for (let index = 0; index < before.length; index++) if (events[index] !== before[index]) return false;
  return true;
}

/** Two lists ordered as `newestFirst` orders them, merged into one: the common case, every new one newest, a copy. */
function mergeNewestFirst(added: AuthEvent[], shown: AuthEvent[]): AuthEvent[] {
  if (added.length === 0) return shown;
  if (shown.length === 0 || byNewest(added.at(-1)!, shown[0]!) < 0) return [...added, ...shown];
  const merged: AuthEvent[] = [];
  let [i, j] = [0, 0];
  while (i < added.length && j < shown.length) merged.push(byNewest(added[i]!, shown[j]!) < 0 ? added[i++]! : shown[j++]!);
  while (i < added.length) merged.push(added[i++]!);
  while (j < shown.length) merged.push(shown[j++]!);
  return merged;
}
