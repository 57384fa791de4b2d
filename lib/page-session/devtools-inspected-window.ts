import { browser } from 'wxt/browser';
import { unwrapInspectedEval } from '../browser-differences';
import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-codes';
import { expressionFor, parseEvalResult, type InspectedWindow } from './inspected-window';

/** The real inspected window of the DevTools the panel lives in. */
export function createDevtoolsInspectedWindow(): InspectedWindow {
  const devtools = browser.devtools;
  return {
    async run(fn, ...args) {
      let raw: unknown;
      try {
        raw = unwrapInspectedEval(await devtools.inspectedWindow.eval(expressionFor(fn, args)));
      } catch (error) {
        // DevTools refuses to run scripts in browser pages, extension pages and about:blank.
        throw new CometChatException({
          code: ERROR_CODES.ERR_PAGE_UNREACHABLE,
          message: 'DevTools cannot read this page. Browser pages, extension pages and about:blank are off limits; open your app.',
          details: { reason: String((error as Error)?.message ?? error) },
        });
      }
      return parseEvalResult(raw);
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
