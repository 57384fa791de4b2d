import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import { tabLabel } from '@/lib/event-facts';
import type { EventType } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { createTimelineViews, EVENT_TYPES } from '@/lib/timeline';
import { downloadText, timestampedName } from '../shared/download';
import { ErrorNotice } from '../shared/ErrorNotice';
import { memo } from '../shared/memo';
import { useAction } from '../shared/use-session';
import { useTabNames } from '../shared/use-tab-state';
import { EventDetails } from './clicked-parts';
import { EventRow } from './EventRow';
import { useEventLog, type EventLogSource } from './use-event-log';
import { useElementWidth } from './use-element-width';
import { VirtualList } from './VirtualList';
import { plural, t } from '../shared/i18n';
import '../shared/visually-hidden.css';

/**
 * Row heights: one line in a wide dock; two in a list narrower than NARROW_LIST_PX, where the row's columns stack.
 * panel.css switches the layout with a container query at the same width, and sets the same heights (`--row-height`),
 * which place the rows.
 */
const ROW_HEIGHT = 26;
const TWO_LINE_ROW_HEIGHT = 44;
const NARROW_LIST_PX = 600;
const rowHeightFor = (listWidth: number) => (listWidth < NARROW_LIST_PX ? TWO_LINE_ROW_HEIGHT : ROW_HEIGHT);
/**
 * From this width of the timeline pane an opened row's details sit in a pane of their own beside the list (as in
 * DevTools' Network panel); below it they open under the row, where a side pane would leave the list too narrow.
 */
const DETAILS_BESIDE_PX = 640;

interface TimelineProps {
  client: SessionClient;
  events: EventLogSource;
}

/**
 * The live, persisted auth-event timeline, the panel's main pane: its toolbar (filter, search, clear, export without
 * secrets) stays put above the one scrolling list; an opened row's details sit beside the list or under the row.
 */
function TimelineView({ client, events: source }: TimelineProps) {
  const { events, loaded } = useEventLog(source);
  const [types, setTypes] = useState<ReadonlySet<EventType>>(new Set());
  const [uid, setUid] = useState('');
  const [text, setText] = useState('');
  const [openSeq, setOpenSeq] = useState<number | null>(null);
  const { error, run, clearError } = useAction();
  const tabs = useTabNames(client);
  const pane = useRef<HTMLElement>(null);
  const detailsBeside = useElementWidth(pane) >= DETAILS_BESIDE_PX;
  // One function for every render, so a row whose event, tab and openness stayed the same is not rendered again.
  const toggleRow = useCallback((seq: number) => setOpenSeq((open) => (seq === open ? null : seq)), []);

  // Made again from the last view while the log only grows (a live event), not from the whole log.
  const [viewOf] = useState(() => createTimelineViews(t));
  const { shown, uids } = useMemo(() => viewOf(events, { types, uid, text }), [viewOf, events, types, uid, text]);
  const openEvent = openSeq === null ? undefined : events.find((event) => event.seq === openSeq);
  const details = openEvent && (
    <EventDetails
      key={openEvent.seq}
      event={openEvent}
      tab={openEvent.tabId === undefined ? undefined : tabs.get(openEvent.tabId)}
      onClose={() => setOpenSeq(null)}
    />
  );

  const toggle = (type: EventType) => {
    const next = new Set(types);
    if (next.has(type)) next.delete(type);
    else next.add(type);
    setTypes(next);
  };

  const exportLog = () =>
    void run('export', async () => {
      downloadText(await client.request('exportEvents', {}), timestampedName('cometchat-auth-events'));
    });

  return (
    <section ref={pane} class="timeline" aria-label={t('timelineHeading')}>
      <div class="section-head">
        <h2>{t('timelineHeading')}</h2>
        <span class="muted" data-testid="event-count">
          {countText(shown.length, events.length)}
        </span>
      </div>
      <div class="timeline-tools" role="toolbar" aria-label={t('timelineFilterLabel')}>
        {EVENT_TYPES.map((type) => (
          <button key={type} type="button" class={`chip chip-${type}`} aria-pressed={types.has(type)} onClick={() => toggle(type)}>
            {type === 'pageActivity' ? t('timelineAppActivity') : type}
          </button>
        ))}
        <label class="sr-only" for="timeline-uid">
          {t('timelineFilterUid')}
        </label>
        <select id="timeline-uid" value={uid} onChange={(event) => setUid(event.currentTarget.value)}>
          <option value="">{t('timelineAllUids')}</option>
          {uids.map((candidate) => (
            <option key={candidate} value={candidate}>
              {candidate}
            </option>
          ))}
        </select>
        <label class="sr-only" for="timeline-search">
          {t('timelineSearchLabel')}
        </label>
        <input
          id="timeline-search"
          type="search"
          placeholder={t('timelineSearch')}
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <button type="button" class="secondary" onClick={exportLog}>
          {t('timelineExport')}
        </button>
        <button type="button" class="secondary" onClick={() => void run('clear', () => client.request('clearEvents', {}))}>
          {t('timelineClear')}
        </button>
      </div>
      <ErrorNotice error={error} onDismiss={clearError} />
      {loaded && events.length === 0 ? (
        <p class="muted">{t('timelineEmpty')}</p>
      ) : (
        <div class={`timeline-body${detailsBeside && details ? ' with-details' : ''}`}>
          <VirtualList
            items={shown}
            rowHeight={rowHeightFor}
            label={t('timelineList')}
            rowKey={(event) => event.seq}
            expanded={!detailsBeside && openEvent ? { key: openEvent.seq, content: details } : null}
            renderRow={(event) => (
              <EventRow
                event={event}
                tab={tabLabel(event, event.tabId === undefined ? undefined : tabs.get(event.tabId), t)}
                isOpen={event.seq === openSeq}
                onToggle={toggleRow}
              />
            )}
          />
          {detailsBeside && details && <div class="timeline-details">{details}</div>}
        </div>
      )}
    </section>
  );
}

/**
 * The timeline hears the log and the tabs itself: the panel's renders for anything else (a switch's user, each new
 * state) pass it by.
 */
export const Timeline = memo(TimelineView, (previous, next) => previous.client === next.client && previous.events === next.events);

/** "12 events", or "3 of 12 events" while a filter hides some. */
function countText(shown: number, all: number): string {
  if (shown === all) return plural('timelineCount', all, String(all));
  return plural('timelineCountFiltered', all, String(shown), String(all));
}
