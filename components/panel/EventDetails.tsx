import type { ComponentChildren } from 'preact';
import { formatDateTime } from '@/lib/display';
import { showErrorDetails } from '@/lib/error-details';
import type { AuthEvent } from '@/lib/protocol';
import { maskSecretsInText } from '@/lib/redact';
import { describeActivity } from '@/lib/timeline';

const TARGETS = { extension: "the extension's session", page: 'the inspected page', app: 'the app, by itself (seen by the page monitor)' } as const;

/** The id the open row's `aria-controls` points at. */
export const EVENT_DETAILS_ID = 'timeline-event-details';

/** Everything one auth event holds, secrets masked: what a tester opens a timeline row for. */
export function EventDetails({ event, onClose }: { event: AuthEvent; onClose: () => void }) {
  const details = showErrorDetails(event.error?.details)?.text;
  return (
    <section id={EVENT_DETAILS_ID} class="event-details" aria-label={`Event ${event.seq} details`} data-testid="event-details">
      <div class="section-head">
        <h3>
          Event {event.seq}: {event.activity ? describeActivity(event.activity) : event.type}
        </h3>
        <button type="button" class="link" onClick={onClose}>
          Close
        </button>
      </div>
      <dl class="user-fields">
        <Field name="Time">
          <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(event.at)}</time>
        </Field>
        <Field name="Took">{event.durationMs} ms</Field>
        <Field name="UID">{event.uid ?? '—'}</Field>
        <Field name="App ID">{event.appId}</Field>
        <Field name="Method">{event.method ?? '—'}</Field>
        <Field name="Source">{event.source}</Field>
        <Field name="Target">{TARGETS[event.target ?? 'extension']}</Field>
        {event.pageOrigin && <Field name="Page origin">{event.pageOrigin}</Field>}
        {event.tabId !== undefined && <Field name="Tab">{event.tabId}</Field>}
        {event.agentStatus?.sdkVersion && <Field name="SDK">{event.agentStatus.sdkVersion}</Field>}
        {event.error && <Field name="Error code">{event.error.code}</Field>}
        {event.error && <Field name="Message">{maskSecretsInText(event.error.message)}</Field>}
      </dl>
      {details && (
        <>
          <h3>Details</h3>
          <pre class="user-json" tabIndex={0} aria-label="Error details">
            {details}
          </pre>
        </>
      )}
    </section>
  );
}

function Field({ name, children }: { name: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}
