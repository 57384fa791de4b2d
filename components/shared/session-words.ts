import { SOCKET_WORDS } from '@/lib/app-tabs';
import { tokenAgeDays, type SessionDeathReason, type SessionHealth } from '@/lib/cometchat/session-health';
import { formatEpochSeconds } from '@/lib/display';
import type { SocketState } from '@/lib/page/reports';
import { plural, t, type MessageKey } from './i18n';

const SOCKET_MESSAGES: Record<(typeof SOCKET_WORDS)[SocketState], MessageKey> = {
  connecting: 'socketConnecting',
  connected: 'socketConnected',
  refused: 'socketRefused',
  disconnected: 'socketDisconnected',
};

/** A page's WebSocket state as a tester says it (connecting, connected, refused, disconnected), in their language. */
export function socketText(state: SocketState): string {
  return t(SOCKET_MESSAGES[SOCKET_WORDS[state]]);
}

/** What a page switch's success message says about how it was checked (see `verifyWithSdk` in page-switcher.ts). */
export function verificationText(verifiedBy: 'sdk' | 'storage'): string {
  return t(verifiedBy === 'sdk' ? 'verifiedBySdk' : 'verifiedByStorage');
}

/** "token from Nov 14, 2023, 22:13:20, 3 days old"; null when the token carries no timestamp. */
export function tokenAgeText(tokenCreatedAt: number | null, nowMs = Date.now()): string | null {
  if (tokenCreatedAt === null) return null;
  const days = tokenAgeDays(tokenCreatedAt, nowMs);
  const from = formatEpochSeconds(tokenCreatedAt, t('never'));
  return plural('tokenAge', days, from, String(days));
}

/** What a held session's last check found, for a title or a line: null when it is fine or was never checked. */
export function deadSessionText(health: SessionHealth | null): string | null {
  if (health?.state !== 'dead') return null;
  const reason = deathReasonText(health.reason);
  return health.code && health.code !== health.reason ? t('sessionDeadCode', reason, health.code) : t('sessionDead', reason);
}

/** What a reason means to a tester, in a few words. */
function deathReasonText(reason: SessionDeathReason | undefined): string {
  switch (reason) {
    case 'revoked':
      return t('sessionDeadRevoked');
    case 'user-deleted':
      return t('sessionDeadUserDeleted');
    case 'app-changed':
      return t('sessionDeadAppChanged');
    case 'other-user':
      return t('sessionDeadOtherUser');
    default:
      return t('sessionDeadRefused', reason ?? t('sessionDeadUnknown'));
  }
}
