import type { DevtoolsApi } from '@/lib/page/devtools-inspected-window';
import { viewBrowser } from '@/lib/transport/view-browser';

/** Chrome's `devtools.inspectedWindow`: its `eval` calls back rather than returning a promise. */
interface CallbackInspectedWindow {
  eval(expression: string, options: object, callback: (value: unknown, exceptionInfo: unknown) => void): void;
  reload(options: object): void;
}

/**
 * DevTools as the panel's browser gives it, without webextension-polyfill, which the views do without (see
 * view-browser.ts; lib/page/devtools-inspected-window.ts once imported `wxt/browser` for it, which brought the
 * polyfill's 10 kB into the panel). Firefox's `eval` returns a promise of `[value, exceptionInfo]`; Chrome's calls
 * back with the two, made here into the same promise (DevTools' refusal as a rejection, as the polyfill made it).
 */
export function browserDevtools(): DevtoolsApi {
  const { devtools, runtime } = viewBrowser;
  if (import.meta.env.FIREFOX) return devtools;
  const inspected = devtools.inspectedWindow as unknown as CallbackInspectedWindow;
  return {
    inspectedWindow: {
      eval: (expression) =>
        new Promise((resolve, reject) =>
          inspected.eval(expression, {}, (value, exceptionInfo) => {
            const refused = (runtime as { lastError?: { message?: string } }).lastError;
            if (refused) reject(new Error(refused.message));
            else resolve([value, exceptionInfo]);
          }),
        ),
      reload: (options) => inspected.reload(options),
    },
    network: devtools.network,
  };
}
