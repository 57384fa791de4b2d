import { createAgentState, type AgentState } from './agent-state';
import type { PagePin, PageReport } from '../reports';
import { watchFetch } from './rest-monitor';
import { watchGlobalSdk } from './sdk-listeners';
import { watchSockets } from './socket-monitor';
import { watchStorage } from './storage-monitor';

/**
 * Starts watching CometChat in the page, with or without `window.CometChat`: the stored user and the page's own
 * logins and logouts, its REST calls, its WebSocket and, where the global SDK exists, its login and connection
 * listeners. Only observes: every call the app makes goes through as it made it. Each activity goes to `send` with
 * the status after it. Returns the state (`emit` and `snapshot` for the agent).
 */
export function startMonitor(win: Window & typeof globalThis, pin: PagePin | null, send: (report: PageReport) => void): AgentState {
  const agent = createAgentState(pin, send);
  const lookForSdk = watchGlobalSdk(win, agent);
  agent.onTraffic = () => lookForSdk(true);
  watchStorage(win, agent);
  watchFetch(win, agent);
  watchSockets(win, agent);
  win.addEventListener('load', () => lookForSdk(false));
  return agent;
}
