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
    const thrown = exceptionInfo.value ?? exceptionInfo.description;
    // A page may throw anything; only text or a number says something (an object would read "[object Object]").
    throw new Error(typeof thrown === 'string' || typeof thrown === 'number' ? String(thrown) : 'The inspected page threw.');
  }
  return result;
}

/** The toolbar button's API: `action` in Chrome's MV3, `browserAction` in Firefox's MV2 build. */
export interface ToolbarAction {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  setTitle(details: { title: string }): Promise<void> | void;
}

export function toolbarActionOf(api: { action?: ToolbarAction; browserAction?: ToolbarAction }): ToolbarAction | undefined {
  return api.action ?? api.browserAction;
}
