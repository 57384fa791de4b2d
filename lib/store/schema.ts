/**
 * The single registry of persisted names and the numbered upgrade path. Add a version by appending
 * one step to {@link UPGRADES}; never edit a step that has shipped.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { CometChatError } from '../cometchat/exception';
import type { SessionHealth } from '../cometchat/session-health';
import type { CometChatUser } from '../cometchat/user';
import { EVENT_LANE_CAPS, laneOf, type EventLane } from '../event-lanes';
import type { AgentStatus, PageActivity } from '../page/reports';

export const DB_NAME = 'COMETCHAT_SESSION_INSPECTOR';

export const STORES = {
  PROFILES: 'profiles',
  SESSIONS: 'sessions',
  META: 'meta',
  EVENTS: 'events',
} as const;

/** Keys of the META store. */
export const META_KEYS = {
  ACTIVE_PROFILE_ID: 'activeProfileId',
  /** Version 1 only: the active uid, which version 2 keeps on each profile instead. */
  ACTIVE_UID: 'activeUid',
  REVISION: 'revision',
  /** The last event sequence number handed out; clearing the log must not reuse numbers. */
  LAST_SEQ: 'lastSeq',
  /**
   * Names this database's life (version 3): a reset deletes the database, so revision and sequence numbers
   * start again from zero; a view that sees a new epoch knows its old numbers mean nothing.
   */
  EPOCH: 'epoch',
  /**
   * The error of the extension's last login if it failed, else null (version 3): kept by the event log as it
   * appends, so the badge's colour needs one read, not a search through the log.
   */
  LAST_LOGIN_ERROR: 'lastLoginError',
  /**
   * The sites each app's sessions may be written into, as `StoredSiteConsent[]`: the tester agreed once per app
   * and origin (a meta value, so no schema version; absent means none yet).
   */
  SITE_CONSENTS: 'siteConsents',
  /**
   * Tabs pinned to a user, as `StoredPinnedTab[]`, kept after a tab closes until the tester revokes or keeps its
   * token (a meta value, so no schema version; absent means none).
   */
  PINNED_TABS: 'pinnedTabs',
  /**
   * What the background knows of each open tab (`TabState[]` without `allowed`, which follows the browser's
   * permissions): kept so that a restarted worker still knows what the page agents pushed (a meta value, so no
   * schema version; absent means none).
   */
  TAB_STATES: 'tabStates',
} as const;

/**
 * A tab the extension pinned to a user: its page keeps that user's session in the tab's own storage. The token
 * was minted for the tab (never one the extension holds), and is kept so that the tester can revoke it once the
 * tab has closed, which drops the page's copy without a logout.
 */
export interface StoredPinnedTab {
  tabId: number;
  origin: string;
  profileId: string;
  appId: string;
  uid: string;
  name: string;
  pinnedAt: number;
  /** The tab's token; absent for a pasted or shared token, which the extension must not revoke on its own. */
  authToken?: string;
  /** When the tab closed; absent while it is open. */
  closedAt?: number;
  /**
   * The token is minted and about to be written into the page, the pin not yet verified. Saved before the page gets
   * the token, so that a worker stopped in between leaves a record: the next start closes it (`closeLostPins`).
   */
  pending?: boolean;
}

/** What the background knows of one open tab, as kept across worker restarts (`allowed` is not kept: it follows the browser). */
export interface StoredTabState {
  tabId: number;
  origin: string | null;
  title: string;
  agent: AgentStatus | null;
  reportedAt: number | null;
  loadedAt: number | null;
}

/** A tester's yes to writing an app's sessions into pages of one origin. */
export interface StoredSiteConsent {
  profileId: string;
  /** `scheme://host[:port]`, as the browser reports the tab's URL. */
  origin: string;
  grantedAt: number;
}

export interface StoredProfile {
  id: string;
  label: string;
  appId: string;
  region: string;
  authKey: string;
  apiHost?: string;
  /** The session active for this app (version 2): each app remembers its own user. */
  activeUid?: string | null;
  /** Position in lists: profiles show in the order they were added (version 2). */
  order?: number;
}

export interface StoredSession {
  profileId: string;
  uid: string;
  user: CometChatUser;
  authToken: string;
  jwt?: string;
  /** The SDK stores it with the user; kept so a page switch can write a complete session. */
  wsChannel?: unknown;
  loggedInAt: number;
  /**
   * The last `GET me` verdict on the token (no schema version: an optional field). Records written before it,
   * or never checked, have none and read as "not checked".
   */
  health?: SessionHealth;
}

/** One entry of the auth-event log as stored; views get it as the protocol's `AuthEvent`. */
export interface StoredEvent {
  /** Gap-free sequence number, assigned in the same transaction as the state change. */
  seq: number;
  at: number;
  type: 'loginSuccess' | 'loginFailure' | 'logoutSuccess' | 'logoutFailure' | 'pageActivity';
  appId: string;
  uid?: string;
  method?: 'authKey' | 'authToken' | 'switch';
  error?: CometChatError;
  /** Which view or command asked: `popup`, `devtools-panel`, `keyboard`, … */
  source: string;
  durationMs: number;
  /** Whose session changed: the extension's own (default), the inspected page's, or the app by itself (`pageActivity`). */
  target?: 'extension' | 'page' | 'app';
  /** For page events: the origin of the page whose session changed. */
  pageOrigin?: string;
  /** `pageActivity` only (optional fields, no schema version): what the app did, the agent's status after it, and its tab. */
  activity?: PageActivity;
  agentStatus?: AgentStatus;
  tabId?: number;
  /**
   * Version 4: the event's lane and its number in that lane (1, 2, 3 … from the last clear), indexed `byLane`, so a
   * lane's cap is one key range. The store's bookkeeping: repositories hand events out without them.
   */
  lane?: EventLane;
  laneSeq?: number;
}

export interface InspectorSchema extends DBSchema {
  profiles: { key: string; value: StoredProfile };
  sessions: { key: [string, string]; value: StoredSession; indexes: { byProfile: string } };
  meta: { key: string; value: string | number | CometChatError | StoredSiteConsent[] | StoredPinnedTab[] | StoredTabState[] | null };
  events: { key: number; value: StoredEvent; indexes: { byLane: [EventLane, number] } };
}

type Db = IDBPDatabase<InspectorSchema>;
type UpgradeTx = IDBPTransaction<InspectorSchema, StoreNames<InspectorSchema>[], 'versionchange'>;

/** `UPGRADES[n]` takes a database from version n to n + 1. */
export const UPGRADES: ReadonlyArray<(db: Db, tx: UpgradeTx) => void> = [
  // 0 → 1: profiles, held sessions per (profile, uid), key-value meta, capped event log.
  (db) => {
    db.createObjectStore(STORES.PROFILES, { keyPath: 'id' });
    const sessions = db.createObjectStore(STORES.SESSIONS, { keyPath: ['profileId', 'uid'] });
    sessions.createIndex('byProfile', 'profileId');
    db.createObjectStore(STORES.META);
    db.createObjectStore(STORES.EVENTS, { keyPath: 'seq' });
  },
  // 1 → 2: several app profiles, each remembering its active user; the single META activeUid moves
  // onto the profile that was active.
  (_db, tx) => {
    const meta = tx.objectStore(STORES.META);
    const profiles = tx.objectStore(STORES.PROFILES);
    void Promise.all([meta.get(META_KEYS.ACTIVE_PROFILE_ID), meta.get(META_KEYS.ACTIVE_UID), profiles.getAll()]).then(
      async ([activeProfileId, activeUid, all]) => {
        for (const [order, profile] of all.entries()) {
          await profiles.put({ ...profile, order, activeUid: profile.id === activeProfileId ? ((activeUid as string | null) ?? null) : null });
        }
        await meta.delete(META_KEYS.ACTIVE_UID);
      },
    );
  },
  // 2 → 3: an epoch that names this database's life, so views notice a reset (see META_KEYS.EPOCH); and
  // LAST_SEQ always stored (version 1 stored none: its newest event's seq stands in), so it is one read.
  (_db, tx) => {
    const meta = tx.objectStore(STORES.META);
    void meta.put(crypto.randomUUID(), META_KEYS.EPOCH);
    void Promise.all([meta.get(META_KEYS.LAST_SEQ), tx.objectStore(STORES.EVENTS).openKeyCursor(null, 'prev')]).then(([stored, newest]) =>
      meta.put(Math.max(Number(stored ?? 0), Number(newest?.key ?? 0)), META_KEYS.LAST_SEQ),
    );
  },
  // 3 → 4: each event numbered within its lane (`lib/event-lanes.ts`) and indexed by it, so that the app's activity is
  // capped apart from the tester's own events; a lane holding more than its cap keeps its newest.
  (_db, tx) => {
    const events = tx.objectStore(STORES.EVENTS);
    events.createIndex('byLane', ['lane', 'laneSeq']);
    void events.getAll().then((all) => {
      // A damaged record stays as it is (reads skip it); throwing here would leave the database unopenable.
      const readable = all.filter((value: unknown) => typeof (value as { type?: unknown } | null)?.type === 'string');
      const counts: Record<EventLane, number> = { tester: 0, app: 0 };
      for (const event of readable) counts[laneOf(event)] += 1;
      const numbered: Record<EventLane, number> = { tester: 0, app: 0 };
      for (const event of readable) {
        const lane = laneOf(event);
        const laneSeq = ++numbered[lane];
        void (laneSeq <= counts[lane] - EVENT_LANE_CAPS[lane] ? events.delete(event.seq) : events.put({ ...event, lane, laneSeq }));
      }
    });
  },
];

export const DB_VERSION = UPGRADES.length;

/** Runs every step between the stored version and {@link DB_VERSION}, in order, in the upgrade transaction. */
export function runUpgrades(db: Db, oldVersion: number, newVersion: number | null, tx: UpgradeTx): void {
  for (let version = oldVersion; version < (newVersion ?? DB_VERSION); version++) UPGRADES[version]?.(db, tx);
}
