import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES, ERROR_REGISTRY } from '../cometchat/error-codes';

/** A function that runs inside the page: self-contained, JSON in, JSON out. */
export type PageFunction<A extends unknown[], R> = (...args: A) => R;

/**
 * The inspected page, as the devtools panel (DevTools eval) or the popup (`scripting`) can reach it.
 * Faked in tests with a `vm` context.
 */
export interface InspectedWindow {
  /** Runs `fn(...args)` in the page's main world and resolves to its JSON result; failures reject as `ERR_PAGE_SCRIPT`. */
  run<A extends unknown[], R>(fn: PageFunction<A, R>, ...args: A): Promise<R>;
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

/** Parses what {@link expressionFor}'s expression returned. */
export function parseEvalResult<T>(text: unknown): T {
  if (typeof text !== 'string') {
    throw new CometChatException({ code: ERROR_CODES.ERR_PAGE_SCRIPT, message: ERROR_REGISTRY.ERR_PAGE_SCRIPT.message, details: {} });
  }
  const parsed = JSON.parse(text) as { ok: true; value: T } | { ok: false; error: string };
  if (!parsed.ok)
    throw new CometChatException({ code: ERROR_CODES.ERR_PAGE_SCRIPT, message: `The inspected page threw: ${parsed.error}`, details: {} });
  return parsed.value;
}
