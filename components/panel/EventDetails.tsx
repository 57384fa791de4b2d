import type { ComponentChildren } from 'preact';
import { formatDateTime } from '@/lib/display';
import { showErrorDetails } from '@/lib/error-details';
import { eventAsJson, measuredDuration, methodOf, sourceWords, tabDescription, type TabNaming } from '@/lib/event-facts';
import type { AuthEvent } from '@/lib/protocol';
import { maskSecretsInText } from '@/lib/redact';
import { describeActivity } from '@/lib/timeline';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useAction } from '../shared/use-session';
import { t, type MessageKey } from '../shared/i18n';
import { EVENT_DETAILS_ID } from './EventRow';

const TARGETS: Record<NonNullable<AuthEvent['target']>, MessageKey> = {
  extension: 'eventDetailsTargetExtension',
  page: 'eventDetailsTargetPage',
  app: 'eventDetailsTargetApp',
};

interface EventDetailsProps {
  event: AuthEvent;
  /** What the browser says of the event's tab, when it came from one that is still known. */
  tab: TabNaming | undefined;
  onClose: () => void;
}

/** Everything one auth event holds, secrets masked, and a copy of it as JSON: what a tester opens a timeline row for. */
export function EventDetails({ event, tab, onClose }: EventDetailsProps) {
  const details = showErrorDetails(event.error?.details)?.text;
  const duration = measuredDuration(event);
  const method = methodOf(event);
  const tabText = tabDescription(event, tab, t);
  const { error, status, act, clearError } = useAction();
  const copy = () =>
    // Through `act`: a clipboard the browser refuses shows as an error instead of nothing.
    void act('copy', async () => {
      await navigator.clipboard.writeText(eventAsJson(event));
      return t('eventDetailsCopied');
    });
  return (
    <section id={EVENT_DETAILS_ID} class="event-details" aria-label={t('eventDetailsLabel', String(event.seq))} data-testid="event-details">
      <div class="section-head">
        <h3>{t('eventDetailsHeading', String(event.seq), event.activity ? describeActivity(event.activity, t) : event.type)}</h3>
        <button type="button" class="secondary" onClick={copy}>
          {t('eventDetailsCopy')}
        </button>
        <button type="button" class="link" onClick={onClose}>
          {t('eventDetailsClose')}
        </button>
      </div>
      <p class="copy-status muted" role="status">
        {status}
      </p>
      <ErrorNotice error={error} onDismiss={clearError} />
      <dl class="user-fields">
        <Field name={t('eventDetailsTime')}>
          <time dateTime={new Date(event.at).toISOString()} title={String(event.at)}>
            {formatDateTime(event.at)}
          </time>
        </Field>
        {duration !== null && <Field name={t('eventDetailsTook')}>{t('eventRowDuration', String(duration))}</Field>}
        <Field name={t('eventDetailsUid')}>{event.uid ?? '—'}</Field>
        <Field name={t('eventDetailsAppId')}>{event.appId}</Field>
        {method && <Field name={t('eventDetailsMethod')}>{method}</Field>}
        <Field name={t('eventDetailsSource')}>{sourceWords(event, t)}</Field>
        <Field name={t('eventDetailsTarget')}>{t(TARGETS[event.target ?? 'extension'])}</Field>
        {tabText ? (
          <Field name={t('eventDetailsTab')}>{tabText}</Field>
        ) : (
          event.pageOrigin && <Field name={t('eventDetailsPageOrigin')}>{event.pageOrigin}</Field>
        )}
        {event.agentStatus?.sdkVersion && <Field name={t('eventDetailsSdk')}>{event.agentStatus.sdkVersion}</Field>}
        {event.error && <Field name={t('eventDetailsErrorCode')}>{event.error.code}</Field>}
        {event.error && <Field name={t('eventDetailsMessage')}>{maskSecretsInText(event.error.message)}</Field>}
      </dl>
      {details && (
        <>
          <h3>{t('eventDetailsDetails')}</h3>
          <pre class="user-json" tabIndex={0} aria-label={t('eventDetailsErrorDetails')}>
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
