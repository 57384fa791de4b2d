import { browser } from 'wxt/browser';
import type { TabAccess } from './tab-access-types';
import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES, ERROR_REGISTRY } from '../cometchat/error-codes';
import { isSitePattern, sitePattern } from '../sites';
import { createTabInspectedWindow } from './tab-inspected-window';

/** The hosts the extension always has (the manifest's `host_permissions`): not a site the tester allowed. */
const OWN_HOSTS = /^https:\/\/\*\.cometchat\.io\//;

/**
 * Tabs as the background reaches them. The browser shows a tab's URL only where the extension may run (a site
 * the tester allowed, or the tab the popup was opened on, through `activeTab`): no URL, no access.
 */
export function createBrowserTabAccess(): TabAccess {
  async function urlOf(tabId: number): Promise<string> {
    let url: string | undefined;
    try {
      url = (await browser.tabs.get(tabId)).url;
    } catch (error) {
      throw new CometChatException({
        code: ERROR_CODES.ERR_PAGE_UNREACHABLE,
        message: 'The tab is gone.',
        details: { reason: String((error as Error)?.message ?? error) },
      });
    }
    if (!url) {
      throw new CometChatException({
        code: ERROR_CODES.ERR_PAGE_NO_ACCESS,
        message: ERROR_REGISTRY.ERR_PAGE_NO_ACCESS.message,
        details: { tabId },
      });
    }
    const { protocol } = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new CometChatException({
        code: ERROR_CODES.ERR_PAGE_UNREACHABLE,
        message: 'The extension cannot run in this tab. Browser pages and other extensions are off limits; open your app.',
        details: { scheme: protocol },
      });
    }
    return url;
  }

  /** Host patterns the tester granted (the manifest's own CometChat hosts left out). */
  async function grantedPatterns(): Promise<string[]> {
    const { origins = [] } = await browser.permissions.getAll();
    return origins.filter((pattern) => !OWN_HOSTS.test(pattern));
  }

  return {
    urlOf,
    async originOf(tabId) {
      return new URL(await urlOf(tabId)).origin;
    },
    async createTab(url, openerTabId) {
      const opener = await browser.tabs.get(openerTabId);
      const created = await browser.tabs.create({ url, openerTabId, windowId: opener.windowId, index: opener.index + 1, active: true });
      return created.id!;
    },
    async listTabs() {
      return (await browser.tabs.query({})).flatMap((tab) => (tab.id === undefined ? [] : [{ tabId: tab.id, url: tab.url, title: tab.title }]));
    },
    windowOf: createTabInspectedWindow,
    async allowedSites() {
      return (await grantedPatterns()).filter(isSitePattern).map((pattern) => pattern.slice(0, -2));
    },
    async removeSite(site) {
      await browser.permissions.remove({ origins: [sitePattern(site)] });
    },
    async wideGrants() {
      return (await grantedPatterns()).filter((pattern) => !isSitePattern(pattern));
    },
    async removeWideGrant(pattern) {
      await browser.permissions.remove({ origins: [pattern] });
    },
  };
}
