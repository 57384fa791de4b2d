import { useLayoutEffect, useState } from 'preact/hooks';
import type { TabNaming } from '@/lib/event-facts';
import type { TabState } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { tabNames } from '@/lib/tab-watch';

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

/**
 * What `read` (a function of the module's) makes of one tab's state (null while the background knows nothing of it),
 * re-rendering only when that changed (===, so `read` returns text, a number or a flag). An app's every report pushes
 * its tab's state anew (its socket, its report's time): a view that shows a part of it is not rendered again for the
 * rest.
 */
export function useTabFact<T extends string | number | boolean | null>(client: SessionClient, tabId: number, read: (tab: TabState | null) => T): T {
  const [, setFact] = useState(() => read(client.getTabs().get(tabId) ?? null));
  // `read` is a function of the module's (one for the view's life): a new one would subscribe again.
  useLayoutEffect(() => client.onTabs((tabs) => setFact(read(tabs.get(tabId) ?? null))), [client, tabId, read]);
  // Read now, as `useTabState` does: the state came with the snapshot.
  return read(client.getTabs().get(tabId) ?? null);
}

/**
 * What each tab is called (its title and origin), re-rendering only when a name changed (see `tabNames`): a timeline
 * labels its rows by them, and each of an app's reports re-rendered every row in view with the strip (3–5 times per
 * login of the app).
 */
export function useTabNames(client: SessionClient): ReadonlyMap<number, TabNaming> {
  const [names, setNames] = useState(() => tabNames(client.getTabs(), new Map()));
  useLayoutEffect(() => client.onTabs((tabs) => setNames((previous) => tabNames(tabs, previous))), [client]);
  return names;
}
