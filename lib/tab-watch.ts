/**
 * Whether a tab is watched, as views tell the tester: the page agent starts with a document (`document_start`), so a
 * tab whose site was allowed after its page loaded runs no agent until it reloads.
 */
import type { TabState } from './protocol';

/**
 * True when `tab`'s site is allowed but no agent reports from its page yet: one reload starts watching it. False for a
 * tab the background knows nothing of, a site not allowed, or a watched tab.
 */
export function isAwaitingReload(tab: Pick<TabState, 'allowed' | 'agent' | 'origin'> | null | undefined): boolean {
  return Boolean(tab && tab.allowed && tab.origin !== null && tab.agent === null);
}
