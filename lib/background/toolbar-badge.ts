import { badgeFor } from '../badge';
import type { ToolbarAction } from '../browser-differences';
import type { Snapshot } from '../protocol';

/** Shows a snapshot on the toolbar button; a failure to draw never breaks the command that caused it. */
export function createToolbarBadge(action: ToolbarAction | undefined) {
  let last = '';
  return {
    async show(snapshot: Snapshot): Promise<void> {
      if (!action) return;
      const badge = badgeFor(snapshot);
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
