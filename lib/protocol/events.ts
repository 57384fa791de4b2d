/**
 * The event log's entries as views get them: auth events and what apps did by themselves.
 * Part of the protocol (`lib/protocol.ts`): types and constants only.
 */
import type { CometChatError } from '../cometchat/exception';
import type { AgentStatus, PageActivity } from '../page/reports';

export type AuthEventType = 'loginSuccess' | 'loginFailure' | 'logoutSuccess' | 'logoutFailure';

/** Every entry of the timeline: an auth event, or what an app did by itself (`pageActivity`, reported by the page agent). */
export type EventType = AuthEventType | 'pageActivity';

/** How a login happened: a fresh Auth Key login, a pasted token, or a switch to a held session. */
export type LoginMethod = 'authKey' | 'authToken' | 'switch';

/** One entry of the persisted auth-event log. */
export interface AuthEvent {
  /** Gap-free sequence number, assigned in the same transaction as the state change. */
  seq: number;
  at: number;
  type: EventType;
  appId: string;
  uid?: string;
  method?: LoginMethod;
  error?: CometChatError;
  /** Which view asked: `popup`, `devtools-panel`, … */
  source: string;
  durationMs: number;
  /** Whose session changed: the extension's own (default), the inspected page's, or what the app did by itself (`pageActivity`). */
  target?: 'extension' | 'page' | 'app';
  /** For page events: the origin of the page whose session changed. */
  pageOrigin?: string;
  /** For `pageActivity`: what the app did, bounded by the background. */
  activity?: PageActivity;
  /** For `pageActivity`: the page agent's status after it (the panel's live strip). */
  agentStatus?: AgentStatus;
  /** For `pageActivity`: the tab it happened in. */
  tabId?: number;
}

/** Which events `getEvents` returns, oldest first: after a number, and/or only the newest few. */
export interface EventQuery {
  afterSeq?: number;
  newest?: number;
}

/** A page-session outcome, recorded so that the timeline shows it. */
export interface PageEventReport {
  type: AuthEventType;
  appId: string;
  uid?: string;
  error?: CometChatError;
  durationMs: number;
  pageOrigin: string;
}
