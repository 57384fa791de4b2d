import { SOCKET_WORDS } from '@/lib/app-tabs';
import { formatTime, sdkVersionText } from '@/lib/display';
import type { PinnedTabSummary } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { useTabState } from '../shared/use-tab-state';

/**
 * A live line about the inspected tab, from the state the background pushes for it (its page agent's newest status):
 * the SDK's version, the user the app runs, its WebSocket and since when, and the tab's pin (from the extension's pin
 * record, `pin`). Says what is missing when the agent has not reported (a site not allowed, or a tab opened before it was).
 */
export function PageMonitorStrip({ client, tabId, pin }: { client: SessionClient; tabId: number; pin: PinnedTabSummary | null }) {
  const latest = useTabState(client, tabId)?.agent ?? null;
  if (!latest) {
    return (
      <p class="monitor-strip muted" data-testid="monitor-strip" role="status">
        Not watching this tab yet: allow the extension on the site, then reload the page to see what the app does by itself.
      </p>
    );
  }
  const { sdkVersion, hasGlobalSdk, users, socket } = latest;
  const running = users.filter((user) => user.uid !== null);
  return (
    <p class="monitor-strip" data-testid="monitor-strip" role="status" aria-label="What the app runs now">
      <span class="monitor-live">Live</span>
      <span data-testid="monitor-sdk">{sdkVersionText(sdkVersion, hasGlobalSdk)}</span>
      <span data-testid="monitor-user">
        {running.length === 0
          ? 'nobody logged in'
          : `runs ${running.map((user) => `${user.uid}${users.length > 1 ? ` (${user.appId})` : ''}`).join(', ')}`}
      </span>
      <span data-testid="monitor-socket" data-state={socket ? SOCKET_WORDS[socket.state] : 'none'}>
        {socket
          ? `WebSocket ${SOCKET_WORDS[socket.state]}${socket.closeCode !== undefined && socket.state === 'closed' ? ` (${socket.closeCode})` : ''} since ${formatTime(socket.since)}`
          : 'no WebSocket'}
      </span>
      {pin && <span data-testid="monitor-pin">Pinned to {pin.uid}</span>}
    </p>
  );
}
