import { useLayoutEffect, useState } from 'preact/hooks';
import type { AuthEvent, EventQuery } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { mergeEvents } from '@/lib/timeline';

/** How many of the newest events are fetched first: more than a tall panel shows at once (the background keeps as many in memory: `KEPT_EVENTS`). */
const FIRST_WINDOW = 100;

/**
 * The whole persisted log, kept live: the newest events first (what the screen shows), then the rest; every later
 * event (auth events and apps' own activity) is appended as the client hears it, and a clear or a storage reset
 * empties it. It holds no more than the log keeps (`mergeEvents` drops a lane's oldest beyond its cap, as the store
 * does), however long the panel stays open.
 */
export interface EventLog {
  events: AuthEvent[];
  loaded: boolean;
}

/** A view's event log, and word of each change to it. */
export interface EventLogSource {
  current(): EventLog;
  onChange(listener: (log: EventLog) => void): () => void;
  /** Settles once the first answer for the newest events came (or failed): what a timeline's first render shows. */
  newest(): Promise<void>;
}

/**
 * Starts a view's event log: the newest events are asked for at once, so a view that creates it before its first
 * render has them on the way beside its subscription (asked from a hook's effect, they waited for the first paint:
 * 10–20 ms of the timeline's first render). It lives as long as the view's page.
 */
export function createEventLog(client: SessionClient): EventLogSource {
  let log: EventLog = { events: [], loaded: false };
  const listeners = new Set<(log: EventLog) => void>();
  const update = (next: Partial<EventLog>) => {
    log = { ...log, ...next };
    listeners.forEach((listener) => listener(log));
  };
  client.onEvent((event) => update({ events: mergeEvents(log.events, [event]) }));
  client.onEventsCleared(() => update({ events: [] }));

  const fetchEvents = async (query: EventQuery) => {
    const history = await client.request('getEvents', { query });
    update({ events: mergeEvents(log.events, history) });
  };
  let markNewest: () => void = () => undefined;
  const newest = new Promise<void>((resolve) => (markNewest = resolve));
  const load = () =>
    fetchEvents({ newest: FIRST_WINDOW })
      .finally(markNewest)
      // Cloning a full log (12,000 events) must not delay the newest ones: the rest comes after a paint.
      .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
      .then(() => fetchEvents({}))
      .then(
        () => update({ loaded: true }),
        () => {
          // If the background stops before answering, fetch again once it is back: onSnapshot replays the current
          // snapshot at once; only a later one means the background is back.
          let isArmed = false;
          const stopRetry = client.onSnapshot(() => {
            if (!isArmed) return;
            isArmed = false;
            stopRetry();
            void load();
          });
          isArmed = true;
        },
      );
  void load();

  return {
    current: () => log,
    newest: () => newest,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The log as it is now, re-rendering on every change. */
export function useEventLog(source: EventLogSource): EventLog {
  const [log, setLog] = useState(() => source.current());
  // In a layout effect, as useSnapshot subscribes: newest events arriving before the next paint render at once.
  useLayoutEffect(() => {
    setLog(source.current());
    return source.onChange(setLog);
  }, [source]);
  return log;
}
