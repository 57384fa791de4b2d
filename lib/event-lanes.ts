/**
 * The event log's two lanes, each kept to a cap of its own: the tester's own events (the extension's logins and
 * logouts, the page operations the tester asked for) and what apps did by themselves (`pageActivity`, from page
 * agents). A page may report 120 times in 10 s per tab, and it must not push the tester's own events out of the log.
 * The store drops a lane's oldest beyond its cap; views that hold the log in memory keep no more than it does.
 */
export type EventLane = 'tester' | 'app';

/** How many events of each lane the log keeps. */
export const EVENT_LANE_CAPS: Readonly<Record<EventLane, number>> = { tester: 10_000, app: 2_000 };

/** The lane an event belongs to. */
export function laneOf(event: { type: string }): EventLane {
  return event.type === 'pageActivity' ? 'app' : 'tester';
}
