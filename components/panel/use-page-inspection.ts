import { useCallback, useEffect, useState } from 'preact/hooks';
import { ERROR_CODES } from '@/lib/cometchat/error-code-names';
import { toCometChatError, type CometChatError } from '@/lib/cometchat/exception';
import type { InspectedWindow } from '@/lib/page-session/inspected-window';
import { maskSecret } from '@/lib/mask';
import { readSessions, shownInspection } from '@/lib/page-session/page-storage';
import type { PageInspection } from '@/lib/page-session/page-types';
import { readWhenSettled } from '@/lib/page-session/page-switcher';
import type { SessionClient } from '@/lib/session-client';

/**
 * What the inspected page stores, re-read on navigation, on coming back to the panel, when the app logs in or out by
 * itself (its page agent's report), and on `refresh`. The
 * background reads it where the tester allowed the site (`access`: the origin is then the tab's); elsewhere
 * DevTools reads it, and the panel may show it but not write.
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
        // A read during a reload waits for the new document instead of failing.
        setInspection(shownInspection(await readWhenSettled(() => inspected.run(readSessions)), maskSecret));
      }
      setError(null);
    } catch (thrown) {
      setInspection(null);
      setError(toCometChatError(thrown));
    }
  }, [client, tabId, inspected]);

  useEffect(() => {
    void refresh();
    // Access may have been granted in another tab (Firefox): coming back to the panel reads again.
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    // The new document's storage is readable once it has committed; a short wait covers its scripts' first writes.
    const stop = inspected.onNavigated(() => setTimeout(() => void refresh(), 300));
    // The app logged in or out by itself (its page agent saw the write): show it without a Refresh.
    const stopActivity = client.onEvent((event) => {
      if (event.tabId === tabId && event.activity?.kind === 'storage') void refresh();
    });
    return () => {
      stop();
      stopActivity();
      window.removeEventListener('focus', onFocus);
    };
  }, [refresh, inspected, client, tabId]);

  return { inspection, access, error, refresh };
}
