import { quietly } from './patching';
import { startMonitor } from './monitor';
import { pinStorage, readPin } from './pinned-storage';
import { AGENT_GLOBAL, type AgentStatus } from '../reports';
import { createReportChannel } from './report-channel';

/** What the agent leaves on `window` under `AGENT_GLOBAL`, for the background's `executeScript` reads. */
export interface AgentGlobal {
  /** A copy of the status now (structured-cloneable); null if the agent failed to start. */
  status(): AgentStatus | null;
  /**
   * Runs the extension's own write of the app's storage (`page-storage.ts`, a page switch or logout): the status follows
   * it, but it is not reported as the app logging in or out by itself.
   */
  asExtension(write: () => void): void;
  version: 1;
}

/**
 * Starts the page agent in `win` (the main world, at `document_start`): pins the tab's storage if its
 * `sessionStorage` holds a pin, then monitors CometChat and reports to the relay. A second start in the same window
 * does nothing, and nothing the agent does may throw into the page.
 */
export function startPageAgent(win: Window & typeof globalThis): void {
  if (Object.prototype.hasOwnProperty.call(win, AGENT_GLOBAL)) return;
  let status: () => AgentStatus | null = () => null;
  let asExtension = (write: () => void) => write();
  const global: AgentGlobal = { status: () => status(), asExtension: (write) => asExtension(write), version: 1 };
  // First, so that even a start that fails half-way is never repeated over its own patches.
  Object.defineProperty(win, AGENT_GLOBAL, { value: Object.freeze(global), enumerable: false, configurable: false });
  quietly(() => {
    const send = createReportChannel(win);
    const pin = readPin(win);
    const isPinned = pin !== null && pinStorage(win);
    const agent = startMonitor(win, isPinned ? pin : null, send);
    status = agent.snapshot;
    asExtension = (write) => {
      agent.muted = true;
      try {
        write();
      } finally {
        agent.muted = false;
      }
    };
    agent.emit({ kind: 'start' });
  });
}
