import { badgeFor } from '../badge';
import type { ToolbarAction } from '../browser-differences';
import type { Snapshot } from '../protocol';
import type { Words } from '../words';
import type { TabBadge } from './page/tab-badges';

/**
 * Shows a snapshot on the toolbar button, its title in the background's `words`; a failure to draw never breaks the
 * command that caused it.
 */
export function createToolbarBadge(action: ToolbarAction | undefined, words: Words) {
  let last = '';
  return {
    async show(snapshot: Snapshot): Promise<void> {
      if (!action) return;
      const badge = badgeFor(snapshot, words);
      const key = JSON.stringify(badge);
      if (key === last) return;
      last = key;
      try {
        await Promise.all([
          action.setBadgeText({ text: badge.text }),
          action.setBadgeBackgroundColor({ color: badge.color }),
          action.setTitle({ title: badge.title }),
        ]);
      } catch {
        last = '';
      }
    },
  };
}

/**
 * One tab's own badge over the toolbar's: a pinned tab names its user. `null` text and title drop the tab's own, so
 * the tab shows the toolbar's again (both browsers document null for that).
 */
export function createTabBadge(action: ToolbarAction | undefined): TabBadge {
  return {
    async show(tabId, badge) {
      if (!action) return;
      const tabAction = action as unknown as {
        setBadgeText(details: { tabId: number; text: string | null }): Promise<void> | void;
        setBadgeBackgroundColor(details: { tabId: number; color: string | null }): Promise<void> | void;
        setTitle(details: { tabId: number; title: string | null }): Promise<void> | void;
      };
      try {
        await Promise.all([
          tabAction.setBadgeText({ tabId, text: badge?.text ?? null }),
          tabAction.setTitle({ tabId, title: badge?.title ?? null }),
          // Chrome takes no null colour; a cleared tab's text falls back to the toolbar's, and so does its colour once set.
          badge ? tabAction.setBadgeBackgroundColor({ tabId, color: badge.color }) : undefined,
        ]);
      } catch {
        // A tab that closed meanwhile has no badge to draw.
      }
    },
  };
}
