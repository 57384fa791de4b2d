import type { InspectedWindow } from '@/lib/page/inspected-window';

/** The inspected tab, as the panel reaches it. */
export interface PageTools {
  tabId: number;
  /** DevTools' eval: reads a page whose site the tester has not allowed, and tells of navigations. */
  inspected: InspectedWindow;
  /** Asks the browser for access to `origin`'s site, from the click itself; null where the panel cannot ask. */
  requestAccess: ((origin: string) => Promise<boolean>) | null;
  /** The extension page that asks for access to `origin`'s site, for a panel that cannot ask itself. */
  accessPageUrl(origin: string): string;
}
