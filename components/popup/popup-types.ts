import type { PageSwitchOutcome } from '@/lib/protocol';
import type { PageWriteFlags } from '../shared/PageWriteQuestion';
import type { SiteAccess } from './SitesView';

export type View =
  | { name: 'main' }
  | { name: 'add' }
  | { name: 'edit'; id: string }
  | { name: 'apps' }
  | { name: 'sites' }
  | { name: 'users' }
  | { name: 'tabs'; tabId: number };

/** The tab the popup was opened on, as far as the popup may know it. */
export interface PopupTab {
  /** Switches the tab's page to a held session (the background mints the page a token of its own). */
  apply(heldUid: string, flags: PageWriteFlags): Promise<PageSwitchOutcome>;
  /** The tab's origin as the popup opened on it, where it is a web page the popup may see (`activeTab`); else null. */
  origin(): Promise<string | null>;
  /** The tab's id, for the Tabs view (which tab runs which user, pinning). */
  id(): Promise<number | null>;
  /** The tab's id if `id()` has already answered (else undefined): a render after that needs no turn to read it. */
  knownId?(): number | null | undefined;
  /** The tab's origin if `origin()` has already answered (else undefined), as `knownId` is to `id()`. */
  knownOrigin?(): string | null | undefined;
}

/** What the popup is opened for: its normal views, or (from the devtools panel in Firefox) one site to allow. */
export interface PopupOptions {
  tab?: PopupTab;
  siteAccess?: SiteAccess;
  /** Opened to allow this origin's site: the Allowed sites view comes first. */
  allowOrigin?: string | null;
}
