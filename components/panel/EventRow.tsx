import { formatTime } from '@/lib/display';
import type { AuthEvent } from '@/lib/protocol';
import { maskSecretsInText } from '@/lib/redact';
import { describeActivity } from '@/lib/timeline';
import { EVENT_DETAILS_ID } from './EventDetails';

interface EventRowProps {
  event: AuthEvent;
  isOpen: boolean;
  onToggle: (seq: number) => void;
}

/**
 * One timeline row: a button that opens the event's details below the list (Enter and Space come with the button).
 * Its two lines sit side by side in a wide dock and stack in a narrow one (the container query in panel.css).
 */
export function EventRow({ event, isOpen, onToggle }: EventRowProps) {
  return (
    <button
      type="button"
      class={`event event-${event.type}`}
      data-type={event.type}
      data-seq={event.seq}
      aria-expanded={isOpen}
      // Only the open row's details exist; pointing at a missing element would mislead a screen reader.
      aria-controls={isOpen ? EVENT_DETAILS_ID : undefined}
      onClick={() => onToggle(event.seq)}
    >
      <span class="event-line">
        <time class="event-time" dateTime={new Date(event.at).toISOString()}>
          {formatTime(event.at)}
        </time>
        <span class="event-type">{event.activity ? describeActivity(event.activity) : event.type}</span>
        <span class="event-uid">{event.uid ?? '—'}</span>
      </span>
      <span class="event-line">
        <span class="event-app">{event.appId}</span>
        <span class="muted event-source">
          {event.target === 'page' ? `page ${event.pageOrigin ?? ''}` : event.target === 'app' ? `app ${event.pageOrigin ?? ''}` : event.source}
          {event.method ? ` · ${event.method}` : ''}
        </span>
        <span class="muted event-duration">{event.durationMs} ms</span>
        {event.error && (
          <code class="error-code" title={maskSecretsInText(event.error.message)}>
            {event.error.code}
          </code>
        )}
      </span>
    </button>
  );
}
