/**
 * Page functions for pinned tabs, run in the tab's main world by `scripting.executeScript`. Self-contained like
 * those of `page-storage.ts`: the names they need (`lib/page/reports.ts`) come in as arguments.
 */
import type { AgentStatus } from './reports';
import type { PageWrite } from './page-write';

/**
 * Pins the tab (`pin`: the pin's JSON) or unpins it (null): either way the pinned copies of CometChat's keys are
 * dropped, so the tab starts its next document with no session of its own. The page agent reads the pin when the
 * next document starts. Only in a page of `origin`: any other gets nothing (see {@link PageWrite}).
 */
export function writePin(origin: string, pinKey: string, pinnedPrefix: string, pin: string | null): PageWrite {
  if (location.origin !== origin) return { refusedOn: location.origin };
  const area = window.sessionStorage;
  const pinned: string[] = [];
  for (let index = 0; index < area.length; index++) {
    const key = area.key(index);
    if (key?.startsWith(pinnedPrefix)) pinned.push(key);
  }
  for (const key of pinned) area.removeItem(key);
  if (pin == null) area.removeItem(pinKey);
  else area.setItem(pinKey, pin);
  return true;
}

/** The page agent's status in this document, or null where no agent runs (a site allowed after the tab loaded). */
export function readAgentStatus(agentGlobal: string): AgentStatus | null {
  try {
    const agent = (window as unknown as Record<string, { status?: () => unknown } | undefined>)[agentGlobal];
    return typeof agent?.status === 'function' ? (JSON.parse(JSON.stringify(agent.status())) as AgentStatus) : null;
  } catch {
    return null;
  }
}

/** Whether the document has finished loading: a new tab is pinned once it has. */
export function documentComplete(): boolean {
  return document.readyState === 'complete';
}

/** Names the pinned user in the tab's pin, keeping its session (the agent shows it from the next document on); only on `origin`. */
export function relabelPin(origin: string, pinKey: string, pin: string): PageWrite {
  if (location.origin !== origin) return { refusedOn: location.origin };
  window.sessionStorage.setItem(pinKey, pin);
  return true;
}
