import { unwrapInspectedEval } from '../browser-differences';
import { viewBrowser } from '../transport/view-browser';
import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-codes';
import { expressionFor, parseEvalResult, type InspectedWindow } from './inspected-window';

/** The part of `browser.devtools` the panel uses: faked in unit tests with a `vm` page. */
export interface DevtoolsApi {
  inspectedWindow: {
    /** Resolves to the expression's value, serialised by the browser (Firefox: `[value, exceptionInfo]`). */
    eval(expression: string): Promise<unknown>;
    reload(options: object): void;
  };
  network: {
    onNavigated: { addListener(listener: (url: string) => void): void; removeListener(listener: (url: string) => void): void };
  };
}

/** The origin of the inspected document: an expression whose value is a string the browser itself serialises. */
const ORIGIN_EXPRESSION = 'location.origin';

/** Chrome's `devtools.inspectedWindow`: its `eval` calls back rather than returning a promise. */
interface CallbackInspectedWindow {
  eval(expression: string, options: object, callback: (value: unknown, exceptionInfo: unknown) => void): void;
  reload(options: object): void;
}

/**
 * DevTools as the panel's browser gives it, without webextension-polyfill (the views do without it: see view-browser.ts;
 * this module alone brought its 10 kB into the panel): Firefox's `eval` returns a promise of `[value, exceptionInfo]`,
 * Chrome's calls back with the two, made here into the same promise (DevTools' refusal as a rejection, as the polyfill
 * made it).
 */
function browserDevtools(): DevtoolsApi {
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

/** The real inspected window of the DevTools the panel lives in. */
export function createDevtoolsInspectedWindow(devtools: DevtoolsApi = browserDevtools()): InspectedWindow {
  async function evaluate(expression: string): Promise<unknown> {
    try {
      return unwrapInspectedEval(await devtools.inspectedWindow.eval(expression));
    } catch (error) {
      // DevTools refuses to run scripts in browser pages, extension pages and about:blank.
      throw new CometChatException({
        code: ERROR_CODES.ERR_PAGE_UNREACHABLE,
        message: 'DevTools cannot read this page. Browser pages, extension pages and about:blank are off limits; open your app.',
        details: { reason: String((error as Error)?.message ?? error) },
      });
    }
  }

  return {
    async run(fn, ...args) {
      return parseEvalResult(await evaluate(expressionFor(fn, args)));
    },
    async origin() {
      // Not through a page function: its answer passes through the page's own `JSON.stringify`, which the page may
      // have replaced to name any origin (`https://*` made the panel offer access to every https site).
      const origin = await evaluate(ORIGIN_EXPRESSION);
      if (typeof origin !== 'string' || origin.length > 2_000) {
        throw new CometChatException({ code: ERROR_CODES.ERR_PAGE_SCRIPT, message: "DevTools did not report the page's origin.", details: {} });
      }
      return origin;
    },
    reload() {
      devtools.inspectedWindow.reload({});
      return Promise.resolve();
    },
    onNavigated(listener) {
      const onNavigated = () => listener();
      devtools.network.onNavigated.addListener(onNavigated);
      return () => devtools.network.onNavigated.removeListener(onNavigated);
    },
  };
}
