import { useEffect, useState } from 'preact/hooks';
import type { AuthEvent } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { mergeEvents } from '@/lib/timeline';

/**
 * The whole persisted log, kept live: fetched once, then every auth event appended as it happens (and
 * the ones missed while the background restarted, which the client replays), emptied on a clear.
 */
export function useEventLog(client: SessionClient): { events: AuthEvent[]; loaded: boolean } {
  const [events, setEvents] = useState<AuthEvent[]>([]);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const append = (event: AuthEvent) => setEvents((current) => mergeEvents(current, [event]));
    client.addLoginListener('timeline', {
      loginSuccess: (_user, event) => append(event),
      loginFailure: (_error, event) => append(event),
      logoutSuccess: (event) => append(event),
      logoutFailure: (_error, event) => append(event),
    });
    const stopCleared = client.onEventsCleared(() => setEvents([]));
    // Show the newest events from the snapshot at once; the full log (up to 10,000) follows.
    let seeded = false;
    const stopSnapshot = client.onSnapshot((snapshot) => {
      if (seeded) return;
      seeded = true;
      setEvents((current) => (current.length === 0 ? snapshot.events : current));
    });
    // Fetch the whole log after the first paint: cloning 10,000 events must not delay the newest ones.
    // If the background stops before answering, fetch again once it is back (the next snapshot).
    let stopRetry = () => {};
    const fetchHistory = () =>
      void client.request('getEvents', {}).then(
        (history) => {
          setEvents((current) => mergeEvents(current, history));
          setLoaded(true);
        },
        () => {
          // onSnapshot replays the current snapshot at once; only a later one means the background is back.
          let armed = false;
          stopRetry = client.onSnapshot(() => {
            if (!armed) return;
            armed = false;
            stopRetry();
            fetchHistory();
          });
          armed = true;
        },
      );
    const fetchTimer = setTimeout(fetchHistory, 50);
    return () => {
      client.removeLoginListener('timeline');
      stopCleared();
      stopSnapshot();
      stopRetry();
      clearTimeout(fetchTimer);
    };
  }, [client]);

  return { events, loaded };
}
