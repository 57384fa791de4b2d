import { META_KEYS, STORES, type StoredPinnedTab, type StoredSiteConsent, type StoredTabState } from './schema';
import { issue, type StoreTransaction } from './store-transaction';

/** The key-value facts about the database itself: its epoch and its revision. */
export interface MetaRepository {
  /** Names this database's life; a reset gives a new one (schema version 3). */
  epoch(): Promise<string>;
  revision(): Promise<number>;
  /** Every write transaction sets it once, to one more than it read. */
  setRevision(revision: number): Promise<void>;
  /** The sites each app may write into; damaged entries are left out. */
  siteConsents(): Promise<StoredSiteConsent[]>;
  setSiteConsents(consents: StoredSiteConsent[]): Promise<void>;
  /** Tabs pinned to a user (closed ones until the tester decides about their tokens); damaged entries are left out. */
  pinnedTabs(): Promise<StoredPinnedTab[]>;
  setPinnedTabs(pins: StoredPinnedTab[]): Promise<void>;
  /** What the background knows of each open tab; damaged entries are left out. */
  tabStates(): Promise<StoredTabState[]>;
  setTabStates(states: StoredTabState[]): Promise<void>;
}

export function createMetaRepository(tx: StoreTransaction): MetaRepository {
  const meta = () => tx.objectStore(STORES.META);
  return {
    async epoch() {
      const stored: unknown = await meta().get(META_KEYS.EPOCH);
      return typeof stored === 'string' ? stored : '';
    },
    async revision() {
      return Number((await meta().get(META_KEYS.REVISION)) ?? 0);
    },
    setRevision: (revision) => issue(meta().put!(revision, META_KEYS.REVISION)),
    async siteConsents() {
      const stored: unknown = await meta().get(META_KEYS.SITE_CONSENTS);
      return Array.isArray(stored) ? stored.filter(isSiteConsent) : [];
    },
    setSiteConsents: (consents) => issue(meta().put!(consents, META_KEYS.SITE_CONSENTS)),
    async pinnedTabs() {
      const stored: unknown = await meta().get(META_KEYS.PINNED_TABS);
      return Array.isArray(stored) ? stored.filter(isPinnedTab) : [];
    },
    setPinnedTabs: (pins) => issue(meta().put!(pins, META_KEYS.PINNED_TABS)),
    async tabStates() {
      const stored: unknown = await meta().get(META_KEYS.TAB_STATES);
      return Array.isArray(stored) ? stored.filter(isTabState) : [];
    },
    setTabStates: (states) => issue(meta().put!(states, META_KEYS.TAB_STATES)),
  };
}

function isSiteConsent(value: unknown): value is StoredSiteConsent {
  const candidate = value as Partial<StoredSiteConsent> | null;
  return typeof candidate?.profileId === 'string' && typeof candidate.origin === 'string' && typeof candidate.grantedAt === 'number';
}

function isPinnedTab(value: unknown): value is StoredPinnedTab {
  const candidate = value as Partial<StoredPinnedTab> | null;
  return (
    typeof candidate?.tabId === 'number' &&
    typeof candidate.origin === 'string' &&
    typeof candidate.profileId === 'string' &&
    typeof candidate.uid === 'string' &&
    typeof candidate.pinnedAt === 'number'
  );
}

function isTabState(value: unknown): value is StoredTabState {
  const candidate = value as Partial<StoredTabState> | null;
  return (
    typeof candidate?.tabId === 'number' &&
    (candidate.origin === null || typeof candidate.origin === 'string') &&
    typeof candidate.title === 'string' &&
    (candidate.loadedAt === null || typeof candidate.loadedAt === 'number') &&
    (candidate.agent === null ||
      (typeof candidate.agent === 'object' && Array.isArray(candidate.agent.users) && Array.isArray(candidate.agent.stored)))
  );
}
