import { AGENT_HELLO_EVENT, AGENT_REPORT_EVENT, PAGE_REPORT_MESSAGE, RELAY_READY_EVENT } from './reports';

/** The runtime the relay sends with: the browser's own (Firefox: `browser`, Chrome: `chrome`; both return a promise). */
export interface RelayRuntime {
  sendMessage(message: unknown): Promise<unknown>;
}

/** Marks, on the isolated world's global, a document whose relay has started. */
const STARTED = Symbol.for('cometchat-inspector.relay');

/**
 * Starts the page agent's relay in the isolated world of `global` (its `document` is the page's): passes the agent's
 * reports on as they are (JSON text, at most 32 kB) and nothing else, then says it listens, so the agent sends what it
 * kept. A second start in the same document does nothing (the background injects the relay at each `complete`). The
 * page can dispatch the same events, so the background treats every report as information from the page, never as a
 * command.
 */
export function startRelay(global: { document: EventTarget }, runtime: RelayRuntime): void {
  const marked = global as { [STARTED]?: true };
  if (marked[STARTED]) return;
  marked[STARTED] = true;
  const { document } = global;
  const relay = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail !== 'string' || detail.length > 32_768) return;
    runtime.sendMessage({ type: PAGE_REPORT_MESSAGE, report: detail }).catch(() => undefined);
  };
  const ready = () => document.dispatchEvent(new CustomEvent(RELAY_READY_EVENT));
  document.addEventListener(AGENT_REPORT_EVENT, relay);
  document.addEventListener(AGENT_HELLO_EVENT, ready);
  ready();
}
