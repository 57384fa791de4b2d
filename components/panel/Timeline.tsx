import { useMemo, useState } from 'preact/hooks';
import { formatTime } from '@/lib/display';
import type { AuthEvent, AuthEventType } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { maskSecretsInText } from '@/lib/redact';
import { EVENT_TYPES, filterEvents, uidsOf } from '@/lib/timeline';
import { downloadText, timestampedName } from '../download';
import { ErrorNotice } from '../ErrorNotice';
import { useAction } from '../use-session';
import { useEventLog } from './use-event-log';
import { VirtualList } from './VirtualList';
import '../visually-hidden.css';

const ROW_HEIGHT = 26;

/** The live, persisted auth-event timeline: filter, search, clear, export without secrets. */
export function Timeline({ client }: { client: SessionClient }) {
  const { events, loaded } = useEventLog(client);
  const [types, setTypes] = useState<ReadonlySet<AuthEventType>>(new Set());
  const [uid, setUid] = useState('');
  const [text, setText] = useState('');
  const { error, run, clearError } = useAction();

  const uids = useMemo(() => uidsOf(events), [events]);
  const shown = useMemo(() => filterEvents(events, { types, uid, text }).reverse(), [events, types, uid, text]);

  const toggle = (type: AuthEventType) => {
    const next = new Set(types);
    if (next.has(type)) next.delete(type);
    else next.add(type);
    setTypes(next);
  };

  const exportLog = () =>
    run('export', async () => {
      downloadText(await client.request('exportEvents', {}), timestampedName('cometchat-auth-events'));
    });

  return (
    <section class="card timeline" aria-label="Auth events">
      <div class="section-head">
        <h2>Auth events</h2>
        <span class="muted" data-testid="event-count">
          {shown.length === events.length ? `${events.length} events` : `${shown.length} of ${events.length} events`}
        </span>
      </div>
      <div class="timeline-tools" role="toolbar" aria-label="Filter events">
        {EVENT_TYPES.map((type) => (
          <button key={type} type="button" class={`chip chip-${type}`} aria-pressed={types.has(type)} onClick={() => toggle(type)}>
            {type}
          </button>
        ))}
        <label class="sr-only" for="timeline-uid">
          Filter by UID
        </label>
        <select id="timeline-uid" value={uid} onChange={(event) => setUid(event.currentTarget.value)}>
          <option value="">All UIDs</option>
          {uids.map((candidate) => (
            <option key={candidate} value={candidate}>
              {candidate}
            </option>
          ))}
        </select>
        <label class="sr-only" for="timeline-search">
          Search events
        </label>
        <input id="timeline-search" type="search" placeholder="Search" value={text} onInput={(event) => setText(event.currentTarget.value)} />
        <button type="button" class="secondary" onClick={exportLog}>
          Export
        </button>
        <button type="button" class="secondary" onClick={() => run('clear', () => client.request('clearEvents', {}))}>
          Clear
        </button>
      </div>
      <ErrorNotice error={error} onDismiss={clearError} />
      {loaded && events.length === 0 ? (
        <p class="muted">No auth events yet.</p>
      ) : (
        <VirtualList items={shown} rowHeight={ROW_HEIGHT} label="Auth event timeline" rowKey={(event) => event.seq} renderRow={(event) => <EventRow event={event} />} />
      )}
    </section>
  );
}

function EventRow({ event }: { event: AuthEvent }) {
  return (
    <div class={`event event-${event.type}`} data-type={event.type} data-seq={event.seq}>
      <time>{formatTime(event.at)}</time>
      <span class="event-type">{event.type}</span>
      <span class="event-uid">{event.uid ?? '—'}</span>
      <span class="event-app">{event.appId}</span>
      <span class="muted event-source">
        {event.target === 'page' ? `page ${event.pageOrigin ?? ''}` : event.source}
        {event.method ? ` · ${event.method}` : ''}
      </span>
      <span class="muted">{event.durationMs} ms</span>
      {event.error && <code class="error-code" title={maskSecretsInText(event.error.message)}>{event.error.code}</code>}
    </div>
  );
}
