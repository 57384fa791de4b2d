import { useCallback, useEffect, useState } from 'preact/hooks';
import { ERROR_CODES } from '@/lib/cometchat/error-code-names';
import { toCometChatError, type CometChatError } from '@/lib/cometchat/exception';
import type { InspectedWindow } from '@/lib/page/inspected-window';
import type { PageInspection } from '@/lib/page/page-types';
import { readInspectedPage } from '@/lib/page/read-inspected-page';
import type { SessionClient } from '@/lib/session-client';
import { pageChangeKey } from '@/lib/tab-watch';
import { useTabFact } from '../shared/use-tab-state';

/**
 * What the inspected page stores, re-read on coming back to the panel, on `refresh`, and when the tab's pushed state
 * says it changed: a new document, or another user stored or run (the app's own login or logout, another tab's, or the
 * extension's). A page no agent watches tells only of its navigations. The background reads it where the tester
 * allowed the site (`access`: the origin is then the tab's); elsewhere DevTools reads it (the origin is then DevTools'
 * `location.origin`, never the page's answer), and the panel may show it but not write.
 */
export function usePageInspection(client: SessionClient, tabId: number, inspected: InspectedWindow) {
  const [inspection, setInspection] = useState<PageInspection | null>(null);
  const [access, setAccess] = useState<boolean | null>(null);
  const [error, setError] = useState<CometChatError | null>(null);

  const refresh = useCallback(async () => {
    try {
      try {
        setInspection(await client.request('readPage', { tabId }));
        setAccess(true);
      } catch (thrown) {
        if (toCometChatError(thrown).code !== ERROR_CODES.ERR_PAGE_NO_ACCESS) throw thrown;
        setAccess(false);
        // The browser's origin, never the page's word; a read during a reload waits for the new document.
        setInspection(await readInspectedPage(inspected));
      }
      setError(null);
    } catch (thrown) {
      setInspection(null);
      setError(toCometChatError(thrown));
    }
  }, [client, tabId, inspected]);

  // What the page stores can have changed only when this has; the tab's other news renders nothing here.
  const pageChange = useTabFact(client, tabId, pageChangeKey);
  const isWatched = pageChange !== null;

  useEffect(() => {
    void refresh();
  }, [refresh, pageChange]);

  useEffect(() => {
    // Access may have been granted in another tab (Firefox): coming back to the panel reads again.
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [refresh]);

  useEffect(() => {
    if (isWatched) return undefined;
    // No agent tells of this page: the new document's storage is readable once it has committed, and a short wait
    // covers its scripts' first writes.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = inspected.onNavigated(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 300);
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, [refresh, inspected, isWatched]);

  return { inspection, access, error, refresh };
}
