import { useEffect, useState } from 'preact/hooks';
import type { SessionClient } from '@/lib/session-client';
import { AppTabsView } from '../shared/AppTabsView';
import { DirectoryView, preloadClickedParts } from './clicked-parts';
import { PageMonitorStrip } from './PageMonitorStrip';
import type { PageTools } from './page-tools';
import { PageSessionView } from './PageSessionView';
import { Timeline } from './Timeline';
import type { EventLogSource } from './use-event-log';
import { UserInspector } from './UserInspector';
import { StorageProblem, useStorageError } from '../shared/StorageProblem';
import { useSnapshot } from '../shared/use-session';
import { t } from '../shared/i18n';

/**
 * The devtools panel, laid out like DevTools' own panels: the timeline is the main pane, under the live strip and its
 * toolbar, which stay in view; the inspected page's session, its app's tabs, the extension's session and the users sit
 * in a side pane (to the right in a wide dock, below in a narrow one). Each pane scrolls on its own; the page never does.
 * `page` is null when the panel is opened outside DevTools, where there is no page to inspect.
 */
export function PanelApp({ client, page, events }: { client: SessionClient; page: PageTools | null; events: EventLogSource }) {
  const snapshot = useSnapshot(client);
  const storageError = useStorageError(client);
  const [showUsers, setShowUsers] = useState(false);
  // After the first paint (an effect): the code of what a first click may open.
  useEffect(preloadClickedParts, []);
  if (storageError) {
    return (
      <main class="panel">
        <StorageProblem client={client} error={storageError} />
      </main>
    );
  }
  if (!snapshot) return <p class="connecting">{t('panelConnecting')}</p>;
  return (
    <main class="panel panel-panes">
      <div class="panel-main">
        <StorageProblem client={client} unreadable={snapshot.unreadableRecords} />
        {page && (
          <PageMonitorStrip
            client={client}
            tabId={page.tabId}
            pin={snapshot.pinnedTabs.find((pin) => pin.tabId === page.tabId && !pin.closedAt) ?? null}
          />
        )}
        {/* The timeline hears the log itself: a live event renders it alone, not the panes beside it. */}
        <Timeline client={client} events={events} />
      </div>
      <div class="panel-side" role="complementary" aria-label={t('panelSide')}>
        {page ? (
          <PageSessionView client={client} snapshot={snapshot} page={page} />
        ) : (
          <section class="card" aria-label={t('pageSessionHeading')}>
            <h2>{t('pageSessionHeading')}</h2>
            <p class="muted">{t('panelPageSessionOutside')}</p>
          </section>
        )}
        {page && <AppTabsView client={client} snapshot={snapshot} tabId={page.tabId} />}
        <UserInspector client={client} snapshot={snapshot} />
        {showUsers ? (
          <DirectoryView
            client={client}
            snapshot={snapshot}
            switchPage={page ? (uid, flags) => client.request('switchPage', { tabId: page.tabId, target: { uid }, ...flags }) : undefined}
            onClose={() => setShowUsers(false)}
          />
        ) : (
          <section class="card" aria-label={t('directoryLabel')}>
            <h2>{t('directoryHeading')}</h2>
            <p class="muted">{t('panelUsersHint')}</p>
            {/* Asked for on a click: opening the panel sends nothing to CometChat. */}
            <button type="button" class="secondary" onClick={() => setShowUsers(true)}>
              {t('panelShowUsers')}
            </button>
          </section>
        )}
      </div>
    </main>
  );
}
