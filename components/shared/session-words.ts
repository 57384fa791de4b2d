import { SOCKET_WORDS } from '@/lib/app-tabs';
import type { SocketState } from '@/lib/page/reports';
import { t, type MessageKey } from './i18n';

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
