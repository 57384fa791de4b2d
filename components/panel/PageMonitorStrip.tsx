import { useMemo } from 'preact/hooks';
import { formatTime } from '@/lib/display';
import type { AgentStatus } from '@/lib/page-agent/reports';
import type { AuthEvent } from '@/lib/protocol';

const SOCKET_WORDS = {
  connecting: 'connecting',
  open: 'connecting',
  authenticated: 'connected',
  refused: 'refused',
  closed: 'disconnected',
} as const;

/**
 * The page agent's newest status for `tabId`: what the last report from that tab said. The SDK's version shows in its
 * REST requests only, and a reloaded app with a stored session may open its socket before any: until then the version
 * the tab's earlier reports saw on the same origin stands.
 */
function latestStatus(events: readonly AuthEvent[], tabId: number): AgentStatus | null {
  const event = events.findLast((candidate) => candidate.tabId === tabId && candidate.agentStatus);
  if (!event?.agentStatus) return null;
  const sdkVersion =
    event.agentStatus.sdkVersion ??
    events.findLast((candidate) => candidate.tabId === tabId && candidate.pageOrigin === event.pageOrigin && candidate.agentStatus?.sdkVersion)
      ?.agentStatus?.sdkVersion ??
    null;
  return { ...event.agentStatus, sdkVersion };
}

/**
 * A live line about the inspected tab, from its page agent's reports: the SDK's version, the user the app runs, its
 * WebSocket and since when, and the tab's pin. Says what is missing when the agent has not reported (a site not
 * allowed, or a tab opened before it was).
 */
export function PageMonitorStrip({ events, tabId }: { events: readonly AuthEvent[]; tabId: number }) {
  const latest = useMemo(() => latestStatus(events, tabId), [events, tabId]);
  if (!latest) {
    return (
      <p class="monitor-strip muted" data-testid="monitor-strip" role="status">
        Not watching this tab yet: allow the extension on the site, then reload the page to see what the app does by itself.
      </p>
    );
  }
  const { sdkVersion, hasGlobalSdk, users, socket, pin } = latest;
  const running = users.filter((user) => user.uid !== null);
  return (
    <p class="monitor-strip" data-testid="monitor-strip" role="status" aria-label="What the app runs now">
      <span class="monitor-live">Live</span>
      <span data-testid="monitor-sdk">
        SDK {sdkVersion ?? 'version not seen yet'}
        {sdkVersion && !hasGlobalSdk ? ' (bundled)' : ''}
      </span>
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
