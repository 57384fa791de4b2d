import { unwrapInspectedEval } from '../browser-differences';
import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-code-names';
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

/** The inspected window of the DevTools the panel lives in (`browserDevtools` in components/panel/devtools-api.ts). */
export function createDevtoolsInspectedWindow(devtools: DevtoolsApi): InspectedWindow {
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
