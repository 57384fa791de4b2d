import { SOCKET_WORDS } from '@/lib/app-tabs';
import { formatTime, sdkVersionText } from '@/lib/display';
import type { PinnedTabSummary } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { useTabState } from '../shared/use-tab-state';
import { t } from '../shared/i18n';
import { socketText } from '../shared/session-words';

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
        {t('pageMonitorNotWatching')}
      </p>
    );
  }
  const { sdkVersion, hasGlobalSdk, users, socket } = latest;
  const running = users.filter((user) => user.uid !== null);
  return (
    <p class="monitor-strip" data-testid="monitor-strip" role="status" aria-label={t('pageMonitorLabel')}>
      <span class="monitor-live">{t('pageMonitorLive')}</span>
      <span data-testid="monitor-sdk">{sdkVersionText(sdkVersion, hasGlobalSdk, t)}</span>
      <span data-testid="monitor-user">
        {running.length === 0
          ? t('pageMonitorNobody')
          : t('pageMonitorRuns', running.map((user) => `${user.uid}${users.length > 1 ? ` (${user.appId})` : ''}`).join(', '))}
      </span>
      <span data-testid="monitor-socket" data-state={socket ? SOCKET_WORDS[socket.state] : 'none'}>
        {socket
          ? socket.closeCode !== undefined && socket.state === 'closed'
            ? t('pageMonitorSocketClosed', socketText(socket.state), String(socket.closeCode), formatTime(socket.since))
            : t('pageMonitorSocket', socketText(socket.state), formatTime(socket.since))
          : t('pageMonitorNoSocket')}
      </span>
      {pin && <span data-testid="monitor-pin">{t('pageMonitorPinned', pin.uid)}</span>}
    </p>
  );
}
