import { useCallback, useEffect, useState } from 'preact/hooks';
import { toCometChatError, type CometChatError } from '@/lib/cometchat/exception';
import type { InspectedWindow } from '@/lib/page-session/inspected-window';
import type { PageInspection } from '@/lib/page-session/page-storage';
import type { PageSwitcher } from '@/lib/page-session/page-switcher';

/** What the inspected page stores, re-read on navigation and reload and whenever `refresh` is called. */
export function usePageInspection(switcher: PageSwitcher, inspected: InspectedWindow) {
  const [inspection, setInspection] = useState<PageInspection | null>(null);
  const [error, setError] = useState<CometChatError | null>(null);

  const refresh = useCallback(async () => {
    try {
      // A read during a reload (after "Log the page out", say) waits for the new document instead of failing.
      setInspection(await switcher.readWhenSettled());
      setError(null);
    } catch (thrown) {
      setInspection(null);
      setError(toCometChatError(thrown));
    }
  }, [switcher]);

  useEffect(() => {
    void refresh();
    // The new document's storage is readable once it has committed; a short wait covers its scripts' first writes.
    return inspected.onNavigated(() => setTimeout(() => void refresh(), 300));
  }, [refresh, inspected]);

  return { inspection, error, refresh };
}
