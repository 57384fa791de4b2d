import { useLayoutEffect, useState } from 'preact/hooks';
import type { TabState } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';

/**
 * Every tab's state as the background pushed it, re-rendering on each change. It starts from the client's: an empty map
 * that the subscription then replaced re-rendered the timeline in its first render's task, and that render ran the
 * timeline's effects before the paint (its width read forced a layout: 5–13 ms of the panel's open).
 */
export function useTabStates(client: SessionClient): ReadonlyMap<number, TabState> {
  const [tabs, setTabs] = useState(client.getTabs);
  useLayoutEffect(() => client.onTabs(setTabs), [client]);
  return tabs;
}

/**
 * One tab's state as the background pushed it; null while it knows nothing of the tab. Re-renders only when that tab
 * changed (the client keeps an unchanged tab's state as the same object).
 */
export function useTabState(client: SessionClient, tabId: number): TabState | null {
  // From the client's now: started at null, the subscription's first call (at once, with the same state) rendered the
  // view again before its first paint.
  const [, setTab] = useState<TabState | null>(() => client.getTabs().get(tabId) ?? null);
  useLayoutEffect(() => client.onTabs((tabs) => setTab(tabs.get(tabId) ?? null)), [client, tabId]);
  // Read now, not from the state the subscription sets after this render: the state came with the snapshot.
  return client.getTabs().get(tabId) ?? null;
}
