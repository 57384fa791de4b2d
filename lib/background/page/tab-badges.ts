import { tabBadgeFor, type BadgeState } from '../../badge';
import type { Snapshot, TabState, ViewEvent } from '../../protocol';
import type { Words } from '../../words';

/** The toolbar badge of one tab; `null` leaves the toolbar's. */
export interface TabBadge {
  show(tabId: number, badge: BadgeState | null): Promise<void>;
}

/**
 * Keeps each tab's own toolbar badge equal to `tabBadgeFor`: told every event the views hear (a tab's new state, a
 * closed tab) and every new snapshot (pins, the active app and its sessions), it redraws only the tabs whose badge
 * changed. A tab it knows nothing of keeps the toolbar's badge. Only draws: pins and pages change it by their own paths.
 * Its titles are in the background's `words`.
 */
export function createTabBadges(badge: TabBadge, words: Words) {
  const tabs = new Map<number, TabState>();
  const drawn = new Map<number, string>();
  let snapshot: Snapshot | null = null;

  const draw = (tabId: number) => {
    if (!snapshot) return;
    const next = tabBadgeFor(snapshot, tabs.get(tabId), tabId, words);
    const key = JSON.stringify(next);
    if (drawn.get(tabId) === key) return;
    drawn.set(tabId, key);
    void badge.show(tabId, next);
  };

  return {
    onSnapshot(next: Snapshot): void {
      snapshot = next;
      for (const tabId of new Set([...tabs.keys(), ...drawn.keys(), ...next.pinnedTabs.map((pin) => pin.tabId)])) draw(tabId);
    },
    onEvent(event: ViewEvent): void {
      if (event.type === 'tab') {
        // Firefox drops a tab's own badge when the tab navigates: a new document is drawn again.
        if (tabs.get(event.tab.tabId)?.loadedAt !== event.tab.loadedAt) drawn.delete(event.tab.tabId);
        tabs.set(event.tab.tabId, event.tab);
        draw(event.tab.tabId);
      } else if (event.type === 'tabClosed') {
        tabs.delete(event.tabId);
        drawn.delete(event.tabId);
      }
    },
  };
}
