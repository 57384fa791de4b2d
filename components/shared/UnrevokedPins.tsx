import type { PinnedTabSummary } from '@/lib/protocol';
import { t } from './i18n';

/**
 * Pinned tabs whose token the background could not revoke while deleting their app or all data (CometChat did not
 * answer, or refused): the extension no longer knows these tokens, so the tester is told which they were.
 */
export function UnrevokedPins({ pins }: { pins: PinnedTabSummary[] }) {
  if (pins.length === 0) return null;
  return (
    <div class="warning" role="alert" data-testid="unrevoked-pins">
      <p>{t('unrevokedPins')}</p>
      <ul>
        {pins.map((pin) => (
          <li key={`${pin.tabId}-${pin.pinnedAt}`}>{t('unrevokedPin', pin.name, pin.uid, pin.origin, pin.appId)}</li>
        ))}
      </ul>
    </div>
  );
}
