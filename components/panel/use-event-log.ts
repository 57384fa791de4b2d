import { useEffect, useState } from 'preact/hooks';
import type { AuthEvent, EventQuery } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { mergeEvents } from '@/lib/timeline';

/** How many of the newest events are fetched first: more than a tall panel shows at once. */
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

export function useEventLog(client: SessionClient): EventLog {
  const [events, setEvents] = useState<AuthEvent[]>([]);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let isMounted = true;
    const stopEvents = client.onEvent((event) => setEvents((current) => mergeEvents(current, [event])));
    const stopCleared = client.onEventsCleared(() => setEvents([]));

    const fetchEvents = async (query: EventQuery) => {
      const history = await client.request('getEvents', { query });
      if (isMounted) setEvents((current) => mergeEvents(current, history));
    };
    // If the background stops before answering, fetch again once it is back (its next snapshot).
    let stopRetry = () => {};
    const load = () =>
      fetchEvents({ newest: FIRST_WINDOW })
        // Cloning a full log (12,000 events) must not delay the newest ones: the rest comes after a paint.
        .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
        .then(() => fetchEvents({}))
        .then(
          () => isMounted && setLoaded(true),
          () => {
            // onSnapshot replays the current snapshot at once; only a later one means the background is back.
            let isArmed = false;
            stopRetry = client.onSnapshot(() => {
              if (!isArmed) return;
              isArmed = false;
              stopRetry();
              void load();
            });
            isArmed = true;
          },
        );
    void load();
    return () => {
      isMounted = false;
      stopEvents();
      stopCleared();
      stopRetry();
    };
  }, [client]);

  return { events, loaded };
}
