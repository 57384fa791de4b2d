import type { TabAccess } from '@/lib/page-session/tab-access-types';
import { CometChatException } from '@/lib/cometchat/exception';
import { siteOf } from '@/lib/sites';
import { createFakeInspectedWindow } from './fake-inspected-window';

type FakeWindow = ReturnType<typeof createFakeInspectedWindow>;

/**
 * The browser's tabs for the background's page operations: each tab is a `vm` page (its scripts really run),
 * with the URL the browser would report, shown only on sites the tester allowed (as without access in a browser).
 */
export function createFakeTabs() {
  const tabs = new Map<number, { origin: string; window: FakeWindow }>();
  const allowed = new Set<string>();
  const created: { url: string; openerTabId: number; tabId: number }[] = [];

  const access: TabAccess = {
    async originOf(tabId) {
      const tab = tabs.get(tabId);
      if (!tab) throw new CometChatException({ code: 'ERR_PAGE_UNREACHABLE', message: 'The tab is gone.', details: {} });
      if (!allowed.has(siteOf(tab.origin))) throw new CometChatException({ code: 'ERR_PAGE_NO_ACCESS', message: 'no access', details: { tabId } });
      return tab.origin;
    },
    windowOf(tabId) {
      const { inspected } = tabs.get(tabId)!.window;
      // As Chrome's `scripting.executeScript` passes arguments: null properties of objects are dropped.
      return { ...inspected, run: (fn, ...args) => inspected.run(fn, ...(args.map(withoutNullProperties) as typeof args)) };
    },
    async allowedSites() {
      return [...allowed];
    },
    async removeSite(site) {
      allowed.delete(site);
    },
    async urlOf(tabId) {
      return `${await access.originOf(tabId)}/`;
    },
    async createTab(url, openerTabId) {
      const tabId = Math.max(0, ...tabs.keys()) + 1;
      tabs.set(tabId, { origin: new URL(url).origin, window: createFakeInspectedWindow({ origin: new URL(url).origin }) });
      created.push({ url, openerTabId, tabId });
      return tabId;
    },
    async listTabs() {
      return [...tabs].map(([tabId, tab]) => ({
        tabId,
        ...(allowed.has(siteOf(tab.origin)) ? { url: `${tab.origin}/`, title: `Tab ${tabId}` } : {}),
      }));
    },
  };

  return {
    access,
    /** Opens a tab on `origin` whose page is `window` (a fake page created with that origin). */
    open(tabId: number, origin: string, window: FakeWindow = createFakeInspectedWindow({ origin })) {
      tabs.set(tabId, { origin, window });
      return window;
    },
    /** The tab navigates to another site: its URL changes, its page stays (as far as the fake goes). */
    navigate(tabId: number, origin: string) {
      tabs.get(tabId)!.origin = origin;
    },
    /** Tabs the background opened. */
    created,
    close(tabId: number) {
      tabs.delete(tabId);
    },
    allow(origin: string) {
      allowed.add(siteOf(origin));
    },
  };
}

function withoutNullProperties(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullProperties);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, inner]) => inner !== null)
      .map(([key, inner]) => [key, withoutNullProperties(inner)]),
  );
}
