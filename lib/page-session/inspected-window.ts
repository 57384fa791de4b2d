import { CometChatException } from '../cometchat/exception';

/** The inspected page, as the devtools panel can reach it. Faked in tests; `devtools-inspected-window.ts` is the browser's. */
export interface InspectedWindow {
  /**
   * Runs `body` (statements ending in `return …`) in the page's main world and resolves to the returned
   * JSON value. Anything the page throws rejects as `ERR_PAGE_SCRIPT`.
   */
  run<T>(body: string): Promise<T>;
  /** Reloads the page (like the browser's reload button). */
  reload(): Promise<void>;
  /** Calls `listener` after the inspected page navigates; returns the unsubscribe. */
  onNavigated(listener: () => void): () => void;
}

/**
 * Wraps a function body so it never throws into the evaluator: results and errors come back as one JSON
 * string, which survives both browsers' eval result shapes and structured cloning.
 */
export function wrapForEval(body: string): string {
  return `(() => { try { return JSON.stringify({ ok: true, value: (() => { ${body} })() }); } catch (error) { return JSON.stringify({ ok: false, error: String(error && error.message || error) }); } })()`;
}

/** Parses what {@link wrapForEval}'s expression returned. */
export function parseEvalResult<T>(text: unknown): T {
  if (typeof text !== 'string') {
    throw new CometChatException({ code: 'ERR_PAGE_SCRIPT', message: 'The inspected page cannot be read (is it a browser page or still loading?).', details: {} });
  }
  const parsed = JSON.parse(text) as { ok: true; value: T } | { ok: false; error: string };
  if (!parsed.ok) throw new CometChatException({ code: 'ERR_PAGE_SCRIPT', message: `The inspected page threw: ${parsed.error}`, details: {} });
  return parsed.value;
}
