import { formatDateTime, formatTimeMs } from '@/lib/display';
import { isFailure, measuredDuration, type TabLabel } from '@/lib/event-facts';
import type { AuthEvent } from '@/lib/protocol';
import { maskSecretsInText } from '@/lib/redact';
import { describeActivity } from '@/lib/timeline';
import { t } from '../shared/i18n';
import { memo } from '../shared/memo';

/** The id the open row's `aria-controls` points at: its details (EventDetails). */
export const EVENT_DETAILS_ID = 'timeline-event-details';

interface EventRowProps {
  event: AuthEvent;
  /** The tab it came from ("Shop · tab …0218"), null for the extension's own session. */
  tab: TabLabel | null;
  isOpen: boolean;
  onToggle: (seq: number) => void;
}

/**
 * One timeline row: a button that opens the event's details beside the list, or below the row in a narrow dock
 * (Enter and Space come with the button). Its two lines sit side by side in a wide list and stack in a narrow one
 * (the container query in panel.css). A failure is red whoever failed: the extension, the page or the app by itself.
 * Rendered again only when its event, its tab's label or its openness changed: a live event renders the timeline, and
 * every row in view is rendered with it (an event's object stays the same in the log; its tab's label is made anew).
 */
export const EventRow = memo(function EventRow({ event, tab, isOpen, onToggle }: EventRowProps) {
  const duration = measuredDuration(event);
  const label = event.activity ? describeActivity(event.activity, t) : event.type;
  return (
    <button
      type="button"
      class={`event event-${event.type}${isFailure(event) ? ' failed' : ''}`}
      data-type={event.type}
      data-seq={event.seq}
      aria-expanded={isOpen}
      // Only the open row's details exist; pointing at a missing element would mislead a screen reader.
      aria-controls={isOpen ? EVENT_DETAILS_ID : undefined}
      onClick={() => onToggle(event.seq)}
    >
      <span class="event-line">
        <time class="event-time" dateTime={new Date(event.at).toISOString()} title={formatDateTime(event.at)}>
          {formatTimeMs(event.at)}
        </time>
        <span class="event-type" title={label}>
          {label}
        </span>
      </span>
      {/* The uid opens the second line: in a narrow list an app's long activity ("POST users/…/auth_tokens → 200") and
          the time to the millisecond leave the first line no room for it. */}
      <span class="event-line">
        <span class="event-uid">{event.uid ?? '—'}</span>
        <span class="muted event-source">
          {tab ? (
            <>
              {tab.name}
              {tab.name && tab.shortId ? ' · ' : ''}
              {tab.shortId && <span class="tab-id">{tab.shortId}</span>}
            </>
          ) : (
            event.source
          )}
          {event.method && <span class="event-method"> · {event.method}</span>}
        </span>
        {duration !== null && <span class="muted event-duration">{t('eventRowDuration', String(duration))}</span>}
        {event.error && (
          <code class="error-code" title={maskSecretsInText(event.error.message)}>
            {event.error.code}
          </code>
        )}
      </span>
    </button>
  );
}, isSameRow);

function isSameRow(previous: EventRowProps, next: EventRowProps): boolean {
  return (
    previous.event === next.event &&
    previous.isOpen === next.isOpen &&
    previous.onToggle === next.onToggle &&
    previous.tab?.name === next.tab?.name &&
    previous.tab?.shortId === next.tab?.shortId
  );
}
