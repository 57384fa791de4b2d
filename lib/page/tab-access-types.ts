/** The background's way into tabs, as a type of its own: the background's services and the browser's implementation (`tab-access.ts`) both name it. */
import type { InspectedWindow } from './inspected-window';

/** The browser's side of reaching a tab: faked in unit tests with a `vm` page. */
export interface TabAccess {
  /**
   * The origin of the tab's page as the browser reports its URL (never as the page says): `ERR_PAGE_NO_ACCESS`
   * when the tester has not allowed its site (the browser then hides the URL), `ERR_PAGE_UNREACHABLE` for a
   * closed tab or a page that is not a web page.
   */
  originOf(tabId: number): Promise<string>;
  /** Runs page functions in the tab's main world (`scripting.executeScript`). */
  windowOf(tabId: number): InspectedWindow;
  /** Sites the tester allowed (`scheme://host`, every port), the extension's own CometChat hosts left out. */
  allowedSites(): Promise<string[]>;
  /** Takes back the access to `site`. */
  removeSite(site: string): Promise<void>;
  /**
   * Granted host patterns wider than one site (`https://*\/*`: from an older version, or the browser's own settings):
   * never asked for by this version, but shown so that the tester can take them back.
   */
  wideGrants(): Promise<string[]>;
  /** Takes back one of {@link TabAccess.wideGrants}, as the browser listed it. */
  removeWideGrant(pattern: string): Promise<void>;
  /** The tab's whole URL (the same access rules as `originOf`). */
  urlOf(tabId: number): Promise<string>;
  /** Opens `url` in a new tab next to `openerTabId` (without a `window.opener`), and resolves to its id. */
  createTab(url: string, openerTabId: number): Promise<number>;
  /** Every open tab, with the URL and title only where the browser shows them to the extension. */
  listTabs(): Promise<{ tabId: number; url?: string; title?: string }[]>;
}
