/**
 * Whether a tab is watched, as views tell the tester: the page agent starts with a document (`document_start`), so a
 * tab whose site was allowed after its page loaded runs no agent until it reloads.
 */
import type { TabNaming } from './event-facts';
import type { TabState } from './protocol';

/**
 * True when `tab`'s site is allowed but no agent reports from its page yet: one reload starts watching it. False for a
 * tab the background knows nothing of, a site not allowed, or a watched tab.
 */
export function isAwaitingReload(tab: Pick<TabState, 'allowed' | 'agent' | 'origin'> | null | undefined): boolean {
  return Boolean(tab && tab.allowed && tab.origin !== null && tab.agent === null);
}

/**
 * What the page a tab shows can have stored differently since: its document, or the users its agent says it stores and
 * runs, or its pin (as text, for comparing); null for a tab no agent watches. An agent's other news (its socket, the
 * time of its report) leaves it the same.
 */
export function pageChangeKey(tab: Pick<TabState, 'origin' | 'loadedAt' | 'agent'> | null | undefined): string | null {
  return tab?.agent ? JSON.stringify([tab.origin, tab.loadedAt, tab.agent.stored, tab.agent.users, tab.agent.pin]) : null;
}

/**
 * What each tab is called (see `TabNaming`): `previous` itself when no tab's title or origin changed and no tab came or
 * went, so a view that labels by them is not rendered again by a tab's other news.
 */
export function tabNames(tabs: ReadonlyMap<number, TabState>, previous: ReadonlyMap<number, TabNaming>): ReadonlyMap<number, TabNaming> {
  const isSame =
    tabs.size === previous.size &&
    [...tabs].every(([tabId, tab]) => {
      const name = previous.get(tabId);
      return name !== undefined && name.title === tab.title && name.origin === tab.origin;
    });
  return isSame ? previous : new Map([...tabs].map(([tabId, { title, origin }]) => [tabId, { title, origin }]));
}
