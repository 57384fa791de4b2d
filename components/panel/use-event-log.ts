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
    void client.request('getEvents', {}).then(
      (history) => {
        setEvents((current) => mergeEvents(current, history));
        setLoaded(true);
      },
      () => setLoaded(true),
    );
    return () => {
      client.removeLoginListener('timeline');
      stopCleared();
    };
  }, [client]);

  return { events, loaded };
}
