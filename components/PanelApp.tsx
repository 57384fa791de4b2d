import type { InspectedWindow } from '@/lib/page-session/inspected-window';
import type { PageSwitcher } from '@/lib/page-session/page-switcher';
import type { SessionClient } from '@/lib/session-client';
import { PageSessionView } from './panel/PageSessionView';
import { Timeline } from './panel/Timeline';
import { UserInspector } from './panel/UserInspector';
import { StorageProblem, useStorageError } from './StorageProblem';
import { useSnapshot } from './use-session';

export interface PageTools {
  switcher: PageSwitcher;
  inspected: InspectedWindow;
}

/**
 * The devtools panel: the inspected page's session, the extension's session, and the timeline.
 * `page` is null when the panel is opened outside DevTools, where there is no page to inspect.
 */
export function PanelApp({ client, page }: { client: SessionClient; page: PageTools | null }) {
  const snapshot = useSnapshot(client);
  const storageError = useStorageError(client);
  if (storageError) {
    return (
      <main class="panel">
        <StorageProblem client={client} error={storageError} />
      </main>
    );
  }
  if (!snapshot) return <p class="connecting">Connecting to the extension…</p>;
  return (
    <main class="panel">
      <StorageProblem client={client} unreadable={snapshot.unreadableRecords} />
      {page ? (
        <PageSessionView client={client} snapshot={snapshot} switcher={page.switcher} inspected={page.inspected} />
      ) : (
        <section class="card" aria-label="Page session">
          <h2>Page session</h2>
          <p class="muted">Open this panel in DevTools to inspect the page's own CometChat session.</p>
        </section>
      )}
      <UserInspector client={client} snapshot={snapshot} />
      <Timeline client={client} />
    </main>
  );
}
