import type { PinnedTabSummary } from '@/lib/protocol';

/**
 * Pinned tabs whose token the background could not revoke while deleting their app or all data (CometChat did not
 * answer, or refused): the extension no longer knows these tokens, so the tester is told which they were.
 */
export function UnrevokedPins({ pins }: { pins: PinnedTabSummary[] }) {
  if (pins.length === 0) return null;
  return (
    <div class="warning" role="alert" data-testid="unrevoked-pins">
      <p>These pinned tabs' tokens could not be revoked (CometChat did not answer). They stay valid until they expire:</p>
      <ul>
        {pins.map((pin) => (
          <li key={`${pin.tabId}-${pin.pinnedAt}`}>
            {pin.name} ({pin.uid}) on {pin.origin}, app {pin.appId}
          </li>
        ))}
      </ul>
    </div>
  );
}
