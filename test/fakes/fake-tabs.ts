import type { TabAccess } from '@/lib/page/tab-access-types';
import { CometChatException } from '@/lib/cometchat/exception';
import type { PageFunction } from '@/lib/page/inspected-window';
import { siteOf } from '@/lib/sites';
import { createFakeInspectedWindow } from './fake-inspected-window';
import { createGate } from './gate';

type FakeWindow = ReturnType<typeof createFakeInspectedWindow>;

/**
 * The browser's tabs for the background's page operations: each tab is a `vm` page (its scripts really run),
 * with the URL the browser would report, shown only on sites the tester allowed (as without access in a browser).
 * A tab may be made to navigate right before a given page function runs in it: after the background's last look at
 * its URL, before the script (the race between `tabs.get` and `scripting.executeScript`).
 */
export function createFakeTabs() {
  const tabs = new Map<number, { origin: string; window: FakeWindow }>();
  const navigations = new Map<number, { before: PageFunction<never[], unknown>; origin: string; window: FakeWindow }>();
  const allowed = new Set<string>();
  /** Granted patterns wider than one site (`https://*\/*`); the fake's tabs do not read them as access. */
  const wide = new Set<string>();
  const created: { url: string; openerTabId: number; tabId: number }[] = [];
  /** Scripts pass this before they run in any tab (see `holdScripts`), and a tab's URL before it is reported. */
  const scripts = createGate();
  const lookups = createGate();

  const access: TabAccess = {
    async originOf(tabId) {
      await lookups.pass();
      const tab = tabs.get(tabId);
      if (!tab) throw new CometChatException({ code: 'ERR_PAGE_UNREACHABLE', message: 'The tab is gone.', details: {} });
      if (!allowed.has(siteOf(tab.origin))) throw new CometChatException({ code: 'ERR_PAGE_NO_ACCESS', message: 'no access', details: { tabId } });
      return tab.origin;
    },
    windowOf(tabId) {
      // Like `scripting.executeScript` with a tab id: each call runs in whatever document the tab shows by then.
      const current = () => tabs.get(tabId)!.window.inspected;
      return {
        async run(fn, ...args) {
          await scripts.pass();
          const navigation = navigations.get(tabId);
          if (navigation?.before === fn) {
            navigations.delete(tabId);
            navigate(tabId, navigation.origin, navigation.window);
          }
          // As Chrome's `scripting.executeScript` takes arguments: `undefined` is refused (the call throws), and null
          // properties of objects are dropped.
          if (args.includes(undefined))
            throw new TypeError("Error in invocation of scripting.executeScript: 'args' holds a value that is not serializable");
          return current().run(fn, ...(args.map(withoutNullProperties) as typeof args));
        },
        reload: () => current().reload(),
        onNavigated: (listener) => current().onNavigated(listener),
        origin: () => current().origin(),
      };
    },
    async allowedSites() {
      return [...allowed];
    },
    async removeSite(site) {
      allowed.delete(site);
    },
    async wideGrants() {
      return [...wide];
    },
    async removeWideGrant(pattern) {
      wide.delete(pattern);
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

  function navigate(tabId: number, origin: string, window: FakeWindow = createFakeInspectedWindow({ origin })): FakeWindow {
    tabs.set(tabId, { origin, window });
    return window;
  }

  return {
    access,
    /** Opens a tab on `origin` whose page is `window` (a fake page created with that origin). */
    open(tabId: number, origin: string, window: FakeWindow = createFakeInspectedWindow({ origin })) {
      tabs.set(tabId, { origin, window });
      return window;
    },
    /** The tab navigates to `origin`: a new document there (by default a blank page with that origin's own storage). */
    navigate,
    /** The tab navigates to `origin` right before `fn` next runs in it, which then runs in the new document. */
    navigateBefore<A extends unknown[], R>(tabId: number, fn: PageFunction<A, R>, origin: string, window = createFakeInspectedWindow({ origin })) {
      navigations.set(tabId, { before: fn, origin, window });
      return window;
    },
    /** Holds every script in every tab until the returned release function is called (a slow page, or a busy one). */
    holdScripts: scripts.hold,
    /** Holds every report of a tab's URL until the returned release function is called (a busy browser). */
    holdTabLookups: lookups.hold,
    /** Tabs the background opened. */
    created,
    close(tabId: number) {
      tabs.delete(tabId);
    },
    allow(origin: string) {
      allowed.add(siteOf(origin));
    },
    /** The browser holds a grant wider than one site, e.g. `https://*\/*` (an older version, the browser's settings). */
    grantWide(pattern: string) {
      wide.add(pattern);
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
