import type { AgentState } from './agent-state';
import { quietly, shapedLike } from './patching';
import { commonKeyAppId, storedUid, userKeyAppId } from './stored-user';

/** `window.localStorage` / `sessionStorage`, or null where the browser refuses storage (it throws then). */
export function storageOf(win: Window & typeof globalThis, name: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return win[name];
  } catch {
    return null;
  }
}

/**
 * Watches the user the SDK runs, per app: the stored user at start, then the page's own writes of
 * `{appId}:common_store/user` (each change reported as a `storage` activity), then other tabs' changes the SDK follows.
 * An app whose SDK keeps its common store in `sessionStorage` (session storage mode) is told apart: its stored user is
 * the tab's own, which no other tab changes.
 * Wraps `setItem`, `removeItem` and `clear` of `Storage.prototype`: the original runs first, then the agent looks.
 * Call after pinning, if any: the agent then sees what the pinned app sees.
 */
export function watchStorage(win: Window & typeof globalThis, agent: AgentState): void {
  const proto = win.Storage.prototype;
  const original = { getItem: proto.getItem, setItem: proto.setItem, removeItem: proto.removeItem, clear: proto.clear, key: proto.key };
  const lengthOf: (this: Storage) => number = Object.getOwnPropertyDescriptor(proto, 'length')!.get!;
  const { apply } = Reflect;
  const local = storageOf(win, 'localStorage');
  const session = storageOf(win, 'sessionStorage');
  // (A storage is an `area` here: WXT's auto-import takes some uses of a variable named `storage` for its own storage
  // module, and bundles that into the page.)
  const isWatched = (area: unknown): area is Storage => area !== null && (area === local || area === session);

  /** The keys of `area`, listed the way the SDK lists (`length` / `key(i)`). */
  const keysOf = (area: Storage) => {
    const names: string[] = [];
    for (let index = 0, count = apply(lengthOf, area, []); index < count; index++) names.push(apply(original.key, area, [index]) ?? '');
    return names;
  };
  /** `[appId, key]` of each stored user in `storage`. */
  const userKeys = (area: Storage) =>
    keysOf(area).flatMap((name): [string, string][] => {
      const appId = userKeyAppId(name);
      return appId === null ? [] : [[appId, name]];
    });
  /** A page's write of an app's common store into `sessionStorage`: the app runs in session storage mode (news once). */
  const noteSessionStorage = (appId: string) => {
    if (agent.sessionStorageApps.has(appId)) return false;
    agent.sessionStorageApps.add(appId);
    return true;
  };
  const uidIn = (area: Storage, name: string) => {
    const raw = apply(original.getItem, area, [name]);
    return raw === null ? null : storedUid(raw);
  };
  /** After a write: reports whose the stored user is now if the write changed it (rewriting one's details is no login). */
  const settle = (area: Storage, appId: string, name: string, before: string | null) => {
    const uid = uidIn(area, name);
    agent.users.set(appId, uid);
    agent.stored.set(appId, uid);
    if (uid !== before) agent.emit({ kind: 'storage', appId, uid });
  };
  /** Runs the page's write as it asked (its errors are its own), and looks only at a user key of a watched storage. */
  const write = (area: Storage, run: () => void, name: unknown) => {
    const commonApp = area === session && typeof name === 'string' ? commonKeyAppId(name) : null;
    const appId = isWatched(area) && typeof name === 'string' ? userKeyAppId(name) : null;
    if (appId === null) {
      run();
      if (commonApp !== null && quietly(() => noteSessionStorage(commonApp))) agent.emit({ kind: 'status' });
      return;
    }
    if (commonApp !== null) noteSessionStorage(commonApp);
    const before = quietly(() => uidIn(area, name as string)) ?? null;
    run();
    quietly(() => settle(area, appId, name as string, before));
  };

  if (session !== null) {
    for (const name of keysOf(session)) {
      const appId = commonKeyAppId(name);
      if (appId !== null) agent.sessionStorageApps.add(appId);
    }
  }
  for (const area of [local, session]) {
    if (area !== null) {
      for (const [appId, name] of userKeys(area)) {
        const uid = uidIn(area, name);
        agent.users.set(appId, uid);
        if ((area === local) !== agent.sessionStorageApps.has(appId)) agent.stored.set(appId, uid);
      }
    }
  }
  // A session storage mode app with nobody logged in stores no user: nobody, in the tab's own storage.
  for (const appId of agent.sessionStorageApps) if (!agent.stored.has(appId)) agent.stored.set(appId, null);

  proto.setItem = shapedLike(function (this: Storage, ...args: [string, string]) {
    write(this, () => apply(original.setItem, this, args), args[0]);
  }, original.setItem);
  proto.removeItem = shapedLike(function (this: Storage, ...args: [string]) {
    write(this, () => apply(original.removeItem, this, args), args[0]);
  }, original.removeItem);
  proto.clear = shapedLike(function (this: Storage, ...args: []) {
    // Who was stored must be known before they go.
    const before = (isWatched(this) && quietly(() => userKeys(this).map(([appId, name]) => [appId, name, uidIn(this, name)] as const))) || [];
    apply(original.clear, this, args);
    for (const [appId, name, uid] of before) quietly(() => settle(this, appId, name, uid));
  }, original.clear);

  // Another tab changed the shared storage: the tab's `stored` follows always, the SDK's user only while the tab is
  // unfocused, and only when the user key is created (it adopts the new user) or removed (it logs out): page-scripts doc.
  // Reported as a status update, so the background knows this tab may now run another user than the storage holds.
  // In a pinned tab these events never get this far.
  win.addEventListener('storage', (event) => {
    if (event.storageArea !== local || event.key === null) return;
    const appId = userKeyAppId(event.key);
    // An app in session storage mode never reads the origin's localStorage for its session.
    if (appId === null || agent.sessionStorageApps.has(appId)) return;
    const uid = event.newValue === null ? null : storedUid(event.newValue);
    const before = [agent.stored.get(appId), agent.users.get(appId)];
    agent.stored.set(appId, uid);
    if (!win.document.hasFocus()) {
      if (event.newValue === null) agent.users.set(appId, null);
      else if (event.oldValue === null) agent.users.set(appId, uid);
    }
    // The SDK rewrites its user key with every login and settings change: only a change of user is news.
    if (before[0] !== agent.stored.get(appId) || before[1] !== agent.users.get(appId)) agent.emit({ kind: 'status' });
  });
}
