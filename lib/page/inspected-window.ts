import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-code-names';
import { VIEW_ERROR_MESSAGES } from '../cometchat/view-error-messages';

/** A function that runs inside the page: self-contained, JSON in, JSON out. */
export type PageFunction<A extends unknown[], R> = (...args: A) => R;

/**
 * The inspected page, as the devtools panel (DevTools eval) or the popup (`scripting`) can reach it.
 * Faked in tests with a `vm` context.
 */
export interface InspectedWindow {
  /**
   * Runs `fn(...args)` in the page's main world and resolves to its JSON result; failures reject as `ERR_PAGE_SCRIPT`.
   * The result is the page's word: its scripts may have replaced any global `fn` uses (`JSON`, `Storage.prototype`…).
   */
  run<A extends unknown[], R>(fn: PageFunction<A, R>, ...args: A): Promise<R>;
  /**
   * Whether `run` waits for a promise `fn` returns and resolves to its value (`scripting.executeScript` does; DevTools'
   * eval does not: it would bring back `{}`).
   */
  awaitsPromises?: boolean;
  /**
   * The page's origin as the browser reports it, which no page script can choose: `location.origin` read by value
   * (`location` and its `origin` are unforgeable, and the browser, not the page's `JSON`, serialises a string), or the
   * tab's URL.
   */
  origin(): Promise<string>;
  /** Reloads the page (like the browser's reload button). */
  reload(): Promise<void>;
  /** Calls `listener` after the inspected page navigates; returns the unsubscribe. */
  onNavigated(listener: () => void): () => void;
}

/**
 * An expression that calls `fn` with `args` and never throws into the evaluator: the result or the
 * error comes back as one JSON string, which survives both browsers' eval result shapes.
 */
export function expressionFor<A extends unknown[], R>(fn: PageFunction<A, R>, args: A): string {
  const call = `(${fn.toString()})(...${JSON.stringify(args)})`;
  return `(() => { try { return JSON.stringify({ ok: true, value: ${call} }); } catch (error) { return JSON.stringify({ ok: false, error: String(error && error.message || error) }); } })()`;
}

/** The longest answer a page function's eval may give: a page may answer anything, of any size. */
const MAX_EVAL_RESULT = 2_000_000;

/**
 * Parses what {@link expressionFor}'s expression returned. The text went through the page's own `JSON.stringify`, so
 * it is whatever the page chose: only its shape is checked here, and the value is for the caller to treat as untrusted.
 */
export function parseEvalResult<T>(text: unknown): T {
  const unreadable = (message: string = VIEW_ERROR_MESSAGES.ERR_PAGE_SCRIPT) =>
    new CometChatException({ code: ERROR_CODES.ERR_PAGE_SCRIPT, message, details: {} });
  if (typeof text !== 'string' || text.length > MAX_EVAL_RESULT) throw unreadable();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw unreadable();
  }
  if (typeof parsed !== 'object' || parsed === null) throw unreadable();
  const result = parsed as { ok?: unknown; value?: unknown; error?: unknown };
  if (result.ok !== true) throw unreadable(`The inspected page threw: ${String(result.error).slice(0, 300)}`);
  return result.value as T;
}
