import { useLayoutEffect, useState } from 'preact/hooks';
import type { TabState } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';

/** Every tab's state as the background pushed it, re-rendering on each change. */
export function useTabStates(client: SessionClient): ReadonlyMap<number, TabState> {
  const [tabs, setTabs] = useState<ReadonlyMap<number, TabState>>(new Map());
  useLayoutEffect(() => client.onTabs(setTabs), [client]);
  return tabs;
}

/**
 * One tab's state as the background pushed it; null while it knows nothing of the tab. Re-renders only when that tab
 * changed (the client keeps an unchanged tab's state as the same object).
 */
export function useTabState(client: SessionClient, tabId: number): TabState | null {
  const [, setTab] = useState<TabState | null>(null);
  useLayoutEffect(() => client.onTabs((tabs) => setTab(tabs.get(tabId) ?? null)), [client, tabId]);
  // Read now, not from the state the subscription sets after this render: the state came with the snapshot.
  return client.getTabs().get(tabId) ?? null;
}
