import { browser } from 'wxt/browser';
import { unwrapInspectedEval } from '../browser-differences';
import { parseEvalResult, wrapForEval, type InspectedWindow } from './inspected-window';

/** The real inspected window of the DevTools the panel lives in. */
export function createDevtoolsInspectedWindow(): InspectedWindow {
  const devtools = browser.devtools;
  return {
    async run<T>(body: string): Promise<T> {
      let raw: unknown;
      try {
        raw = unwrapInspectedEval(await devtools.inspectedWindow.eval(wrapForEval(body)));
      } catch (error) {
        return parseEvalResult<T>(JSON.stringify({ ok: false, error: String((error as Error)?.message ?? error) }));
      }
      return parseEvalResult<T>(raw);
    },
    async reload() {
      devtools.inspectedWindow.reload({});
    },
    onNavigated(listener) {
      const onNavigated = () => listener();
      devtools.network.onNavigated.addListener(onNavigated);
      return () => devtools.network.onNavigated.removeListener(onNavigated);
    },
  };
}
