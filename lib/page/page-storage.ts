/**
 * Functions that run inside the inspected page and read or write its CometChat session the way the SDK
 * stores it (protocol doc §6): `{appId}:common_store/user` and `…/app_settings` in localStorage or
 * sessionStorage, as double JSON. Each is self-contained (no outer variables, no helpers) because it is
 * sent to the page as source (DevTools eval) or as a function (`scripting.executeScript`); values go in
 * only as JSON arguments, so nothing from a page or a server is ever spliced into code.
 */
import type { PageWrite } from './page-write';
import type { PageInspection, PageSession, SessionSlot } from './page-types';

/** The raw strings of a slot's keys, to put back exactly as they were. */
export interface RawSlot {
  user: string | null;
  appSettings: string | null;
}

/**
 * Finds every CometChat app in both storages and decodes its user and hosts. Keys that start with `ownKeyPrefix` are
 * the extension's own (a pinned tab's pin and the CometChat keys it keeps in the tab's sessionStorage,
 * `EXTENSION_KEY_PREFIX` of lib/page/reports.ts): never an app. What the tab runs is read through `localStorage`,
 * which in a pinned tab the page agent shows as the tab's own keys.
 */
export function readSessions(ownKeyPrefix: string): PageInspection {
  const suffixes = [':common_store/user', ':common_store/app_settings', ':common_store/appId'];
  const decode = (raw: string | null): Record<string, unknown> | null => {
    try {
      const once: unknown = JSON.parse(raw ?? 'null');
      const value: unknown = typeof once === 'string' ? JSON.parse(once) : once;
      return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const sessions: PageSession[] = [];
  for (const storage of ['localStorage', 'sessionStorage'] as const) {
    const area = window[storage];
    const appIds = new Set<string>();
    for (let index = 0; index < area.length; index++) {
      const key = area.key(index) ?? '';
      if (key.startsWith(ownKeyPrefix)) continue;
      for (const suffix of suffixes) if (key.endsWith(suffix)) appIds.add(key.slice(0, -suffix.length));
    }
    for (const appId of appIds) {
      const user = decode(area.getItem(`${appId}:common_store/user`));
      const settings = decode(area.getItem(`${appId}:common_store/app_settings`)) ?? {};
      sessions.push({
        storage,
        appId,
        user: user && typeof user.uid === 'string' ? (user as unknown as PageSession['user']) : null,
        hosts: { client: text(settings.CLIENT_API_HOST), admin: text(settings.ADMIN_API_HOST) },
      });
    }
  }
  return { origin: location.origin, hasSdk: typeof (window as { CometChat?: unknown }).CometChat !== 'undefined', sessions };
}

/**
 * Puts a slot's raw strings back into a page of `origin`; `null` removes the key (both null: a local logout, protocol
 * doc §6). Any other origin gets nothing (see {@link PageWrite}).
 */
export function writeRawSlot(origin: string, slot: SessionSlot, raw: RawSlot): PageWrite {
  // First, before any argument is used: the page of another origin runs its own code around ours (see writeSession).
  if (location.origin !== origin) return { refusedOn: location.origin };
  const area = window[slot.storage];
  // `== null`: Chrome's `scripting.executeScript` drops null properties from object arguments, so a removed key
  // arrives as undefined (written as "undefined", the SDK would never start again).
  const put = (key: string, value: string | null | undefined) => (value == null ? area.removeItem(key) : area.setItem(key, value));
  // The extension's write, not the app's: the page agent (`AGENT_GLOBAL` of lib/page/reports.ts, spelled out
  // because this function is sent as source) must not report it as the app logging in or out by itself.
  const agent = (window as unknown as Record<string, { asExtension?: (write: () => void) => void } | undefined>).__cometchatInspectorAgent;
  const write = () => {
    put(`${slot.appId}:common_store/user`, raw.user);
    put(`${slot.appId}:common_store/app_settings`, raw.appSettings);
  };
  if (typeof agent?.asExtension === 'function') agent.asExtension(write);
  else write();
  return true;
}

/**
 * Writes a user (with `authToken`, `jwt`, `wsChannel`) into a page of `origin` as the SDK would, in double JSON,
 * keeping the page's app settings; `settings` are written only where the page has none yet. Any other origin gets
 * nothing (see {@link PageWrite}). With `marker`, also tags the document as {@link markDocument} does, in the same
 * run (a switch reloads right after its write). Answers with the slot's raw strings as they were just before, for
 * {@link writeRawSlot} to put back: read in the same run as the write, nothing the page does can come between them
 * (and the switch saves a script run, ~7 ms).
 */
export function writeSession(
  origin: string,
  slot: SessionSlot,
  user: Record<string, unknown>,
  settings: Record<string, unknown> | null,
  marker: string | null = null,
): PageWrite<{ previous: RawSlot }> {
  // First, before any argument is used: a page of another origin could watch them (a `toJSON` on Object.prototype
  // sees what JSON.stringify encodes). `location` cannot be redefined by a page ([LegacyUnforgeable]).
  if (location.origin !== origin) return { refusedOn: location.origin };
  const area = window[slot.storage];
  const encode = (value: unknown) => JSON.stringify(JSON.stringify(value));
  const previous = { user: area.getItem(`${slot.appId}:common_store/user`), appSettings: area.getItem(`${slot.appId}:common_store/app_settings`) };
  // The extension's write, not the app's (see writeRawSlot).
  const agent = (window as unknown as Record<string, { asExtension?: (write: () => void) => void } | undefined>).__cometchatInspectorAgent;
  const write = () => {
    try {
      area.setItem(`${slot.appId}:common_store/user`, encode(user));
      if (area.getItem(`${slot.appId}:common_store/appId`) === null) area.setItem(`${slot.appId}:common_store/appId`, encode(slot.appId));
      if (settings && area.getItem(`${slot.appId}:common_store/app_settings`) === null) {
        area.setItem(`${slot.appId}:common_store/app_settings`, encode(settings));
      }
    } catch (thrown) {
      // Half written (a full storage): the slot as it was, since the switch gets no answer to restore it from.
      for (const [key, value] of [
        ['user', previous.user],
        ['app_settings', previous.appSettings],
      ] as const) {
        if (value === null) area.removeItem(`${slot.appId}:common_store/${key}`);
        else area.setItem(`${slot.appId}:common_store/${key}`, value);
      }
      throw thrown;
    }
  };
  if (typeof agent?.asExtension === 'function') agent.asExtension(write);
  else write();
  if (marker !== null) (window as { __cometchatInspectorMarker?: string }).__cometchatInspectorMarker = marker;
  return { previous };
}

/** Tags the current document so the panel can tell when a reload has replaced it. */
export function markDocument(marker: string): true {
  (window as { __cometchatInspectorMarker?: string }).__cometchatInspectorMarker = marker;
  return true;
}

/** Whether a reload has replaced the document and the new one has loaded; once it has, what a {@link ReloadLook} asked. */
export type ReloadState =
  | { replaced: boolean; complete: false }
  | { replaced: false; complete: true }
  | { replaced: true; complete: true; storedUid?: string | null; sdkCheck?: boolean; sdkAnswer?: SdkUserCheck };

/**
 * What to read in the page as soon as its new document has loaded, in the same script run: who `slot` stores (a string
 * uid, or null), and, with `sdkCheck`, the page's SDK asked who is logged in. `getLoggedinUser()` answers with a
 * promise, which DevTools' eval does not wait for, so the answer lands on `window` under the marker `sdkCheck` for
 * {@link readSdkUserCheck}; `sdkCheck: false` comes back when the page has no global SDK (a bundled app): then only its
 * storage can be checked.
 */
export interface ReloadLook {
  slot: SessionSlot;
  sdkCheck?: string;
  /**
   * For a runner that waits for a promise the function returns (`scripting.executeScript`, not DevTools' eval): the
   * run waits up to this many ms for the SDK's answer and brings it back as `sdkAnswer`, so the verification needs no
   * run of its own (one script run, a few ms, after the page was ready). Not answered by then, it is read as above.
   */
  sdkWaitMs?: number;
}

/**
 * Whether the document tagged with `marker` (see {@link markDocument}) has been replaced and the new one has loaded, and
 * once it has, what `look` asks: the reload's last look at the page is the verification's first (one script run, not
 * three: each is a few ms, which a switch waited for after the page was ready).
 */
export function reloadState(marker: string, look: ReloadLook | null): ReloadState | Promise<ReloadState> {
  const replaced = (window as { __cometchatInspectorMarker?: string }).__cometchatInspectorMarker !== marker;
  if (document.readyState !== 'complete') return { replaced, complete: false };
  if (!replaced) return { replaced, complete: true };
  if (!look) return { replaced, complete: true };
  let storedUid: string | null = null;
  try {
    const raw = window[look.slot.storage].getItem(`${look.slot.appId}:common_store/user`);
    const once: unknown = JSON.parse(raw ?? 'null');
    const user: unknown = typeof once === 'string' ? JSON.parse(once) : once;
    const uid = typeof user === 'object' && user !== null ? (user as { uid?: unknown }).uid : null;
    storedUid = typeof uid === 'string' ? uid : null;
  } catch {
    storedUid = null;
  }
  if (look.sdkCheck === undefined) return { replaced, complete: true, storedUid };
  type Sdk = { getLoggedinUser?: () => Promise<{ getUid?: () => string; uid?: string } | null> };
  const page = window as { CometChat?: Sdk; __cometchatInspectorSdkCheck?: { marker: string } & Record<string, unknown> };
  const sdk = page.CometChat;
  if (!sdk || typeof sdk.getLoggedinUser !== 'function') return { replaced, complete: true, storedUid, sdkCheck: false };
  const check = look.sdkCheck;
  page.__cometchatInspectorSdkCheck = { marker: check, done: false };
  let answer: SdkUserCheck = { done: false };
  const answered = Promise.resolve()
    .then(() => sdk.getLoggedinUser!())
    .then(
      (user) => {
        const uid = user ? (typeof user.getUid === 'function' ? user.getUid() : user.uid) : null;
        answer = { done: true, uid: typeof uid === 'string' && uid ? uid : null };
        page.__cometchatInspectorSdkCheck = { marker: check, ...answer };
      },
      (error: unknown) => {
        answer = { done: true, error: String((error as Error)?.message ?? error).slice(0, 300) };
        page.__cometchatInspectorSdkCheck = { marker: check, ...answer };
      },
    );
  if (!look.sdkWaitMs) return { replaced, complete: true, storedUid, sdkCheck: true };
  const waited = new Promise<void>((resolve) => setTimeout(resolve, look.sdkWaitMs));
  return Promise.race([answered, waited]).then(() => ({ replaced, complete: true, storedUid, sdkCheck: true, sdkAnswer: answer }));
}

/** What the page's own SDK answered to `getLoggedinUser()`: pending, a uid (or null for nobody), or an error. */
export type SdkUserCheck = { done: false } | { done: true; uid: string | null } | { done: true; error: string };

/** The answer the SDK check `marker` (see {@link ReloadLook}) left, or `{done: false}` while the SDK has not answered. */
export function readSdkUserCheck(marker: string): SdkUserCheck {
  const check = (window as { __cometchatInspectorSdkCheck?: { marker: string; done: boolean; uid?: string | null; error?: string } })
    .__cometchatInspectorSdkCheck;
  if (!check || check.marker !== marker || !check.done) return { done: false };
  return typeof check.error === 'string' ? { done: true, error: check.error } : { done: true, uid: check.uid ?? null };
}

/** How much of what a page stores is shown: a page may store anything, of any size, under CometChat's keys. */
const PAGE_VALUE_LIMITS = { sessions: 20, text: 300, avatar: 2000 } as const;

/**
 * What a view is shown of a page's sessions: at most {@link PAGE_VALUE_LIMITS}.sessions of them, each user cut to what
 * the panel shows (uid, name, avatar, each bounded) with its token masked and no jwt. Not a page function: it runs
 * in the extension, on what a page function returned, which is the page's word whatever its type says (its scripts may
 * have replaced `JSON`, `Storage.prototype`…): anything of the wrong shape is left out, never trusted.
 */
export function shownInspection(inspection: PageInspection, maskToken: (token: string) => string): PageInspection {
  const text = (value: unknown, max: number = PAGE_VALUE_LIMITS.text) => (typeof value === 'string' ? value.slice(0, max) : undefined);
  const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});
  const read = record(inspection);
  const sessions = Array.isArray(read.sessions) ? (read.sessions as unknown[]).slice(0, PAGE_VALUE_LIMITS.sessions).map(record) : [];
  return {
    origin: String(read.origin).slice(0, PAGE_VALUE_LIMITS.text),
    hasSdk: read.hasSdk === true,
    sessions: sessions.flatMap((session): PageSession[] => {
      const storage = session.storage === 'localStorage' || session.storage === 'sessionStorage' ? session.storage : null;
      const appId = text(session.appId);
      if (storage === null || !appId) return [];
      const hosts = record(session.hosts);
      const user = record(session.user);
      const avatar = text(user.avatar, PAGE_VALUE_LIMITS.avatar);
      return [
        {
          storage,
          appId,
          hosts: { client: text(hosts.client), admin: text(hosts.admin) },
          user:
            typeof user.uid === 'string'
              ? {
                  uid: text(user.uid) ?? '',
                  name: text(user.name) ?? '',
                  ...(avatar ? { avatar } : {}),
                  ...(typeof user.authToken === 'string' ? { authToken: maskToken(user.authToken) } : {}),
                }
              : null,
        },
      ];
    }),
  };
}
