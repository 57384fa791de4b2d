import { browser } from 'wxt/browser';
import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES, ERROR_REGISTRY } from '../cometchat/error-codes';
import type { InspectedWindow } from './inspected-window';

/**
 * A browser tab reached with `scripting.executeScript` in the page's main world: what the popup uses for
 * "Apply to this tab". The function is passed as a function, not as text, so the page's CSP does not apply.
 */
export function createTabInspectedWindow(tabId: number): InspectedWindow {
  return {
    awaitsPromises: true,
    async run(fn, ...args) {
      try {
        const [injection] = await browser.scripting.executeScript({ target: { tabId }, world: 'MAIN', func: fn, args });
        return injection?.result as never;
      } catch (error) {
        throw new CometChatException({
          code: ERROR_CODES.ERR_PAGE_UNREACHABLE,
          message: 'The extension cannot run in this tab. Browser pages and other extensions are off limits; open your app.',
          details: { reason: String((error as Error)?.message ?? error) },
        });
      }
    },
    async origin() {
      // The tab's URL, as the browser shows it where the extension has access (no access: no URL).
      const { url } = await browser.tabs.get(tabId);
      if (!url) {
        throw new CometChatException({
          code: ERROR_CODES.ERR_PAGE_NO_ACCESS,
          message: ERROR_REGISTRY.ERR_PAGE_NO_ACCESS.message,
          details: { tabId },
        });
      }
      return new URL(url).origin;
    },
    async reload() {
      await browser.tabs.reload(tabId);
    },
    onNavigated(listener) {
      const onUpdated = (updatedId: number, change: { status?: string }) => updatedId === tabId && change.status === 'complete' && listener();
      browser.tabs.onUpdated.addListener(onUpdated);
      return () => browser.tabs.onUpdated.removeListener(onUpdated);
    },
  };
}
