/**
 * Every place where Chrome and Firefox behave differently, in one file. Each entry names the behaviour.
 */

/**
 * `devtools.inspectedWindow.eval` resolves to the result in Chrome, but to `[result, exceptionInfo]` in
 * Firefox (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/devtools/inspectedWindow/eval).
 * Returns the result, or throws with the exception Firefox reported.
 */
export function unwrapInspectedEval(raw: unknown): unknown {
  if (!Array.isArray(raw)) return raw;
  const [result, exceptionInfo] = raw as [unknown, { isException?: boolean; isError?: boolean; value?: unknown; description?: string } | undefined];
  if (exceptionInfo && (exceptionInfo.isException || exceptionInfo.isError)) {
    throw new Error(String(exceptionInfo.value ?? exceptionInfo.description ?? 'The inspected page threw.'));
  }
  return result;
}
