import type { AgentState } from './agent-state';
import { quietly, shapedLike } from './patching';
import { storedUid, userKeyAppId } from './stored-user';

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

  /** `[appId, key]` of each stored user in `storage`, listed the way the SDK lists (`length` / `key(i)`). */
  const userKeys = (area: Storage) => {
    const found: [string, string][] = [];
    const count = apply(lengthOf, area, []);
    for (let index = 0; index < count; index++) {
      const name = apply(original.key, area, [index]);
      const appId = name === null ? null : userKeyAppId(name);
      if (appId !== null) found.push([appId, name!]);
    }
    return found;
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
    const appId = isWatched(area) && typeof name === 'string' ? userKeyAppId(name) : null;
    if (appId === null) return run();
    const before = quietly(() => uidIn(area, name as string)) ?? null;
    run();
    quietly(() => settle(area, appId, name as string, before));
  };

  for (const area of [local, session]) {
    if (area !== null) {
      for (const [appId, name] of userKeys(area)) {
        const uid = uidIn(area, name);
        agent.users.set(appId, uid);
        if (area === local) agent.stored.set(appId, uid);
      }
    }
  }

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
    if (appId === null) return;
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
