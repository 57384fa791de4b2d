import { formatTime } from '@/lib/display';
import type { AuthEvent } from '@/lib/protocol';

/** Auth events, newest first, as a live region so new ones are announced. */
export function EventList({ events }: { events: AuthEvent[] }) {
  if (events.length === 0) return <p class="muted">No auth events yet.</p>;
  return (
    <ol class="event-list" aria-live="polite" data-testid="event-list">
      {[...events].reverse().map((event) => (
        <li key={event.seq} class={`event event-${event.type}`} data-type={event.type}>
          <time>{formatTime(event.at)}</time>
          <span class="event-type">{event.type}</span>
          <span class="event-uid">{event.uid ?? '—'}</span>
          <span class="muted">
            {event.method ? `${event.method} · ` : ''}
            {event.source} · {event.durationMs} ms
          </span>
          {event.error && <code class="error-code">{event.error.code}</code>}
        </li>
      ))}
    </ol>
  );
}
