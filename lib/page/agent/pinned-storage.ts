import { COMETCHAT_KEY, PIN_KEY, PINNED_PREFIX, type PagePin } from '../reports';
import { shapedLike } from './patching';
import { storageOf } from './storage-monitor';

/** The tab's pin, read once with the browser's own `getItem`; null when unpinned or unreadable (then the tab is unpinned). */
export function readPin(win: Window & typeof globalThis): PagePin | null {
  try {
    const raw = win.Storage.prototype.getItem.call(win.sessionStorage, PIN_KEY);
    const pin = raw === null ? null : (JSON.parse(raw) as Partial<PagePin> | null);
    return typeof pin?.uid === 'string' && typeof pin.pinnedAt === 'number' ? { uid: pin.uid, pinnedAt: pin.pinnedAt } : null;
  } catch {
    return null;
  }
}

/**
 * Gives a pinned tab an identity of its own (page-scripts doc, "One identity per tab"): CometChat's keys used through
 * `localStorage` live in the tab's `sessionStorage` as `PINNED_PREFIX + key`, and other tabs' `storage` events for them
 * never reach the page. `key(i)` and `length` of `localStorage` list the real keys but CometChat's, plus the tab's own
 * CometChat keys, in agreement with `getItem`: the SDK walks them on logout. Other keys and storages behave as before,
 * except that `sessionStorage.clear()` keeps the pin and the pinned keys (in an unpinned tab it would not touch them).
 * Returns false, doing nothing, when the page has no storage.
 */
export function pinStorage(win: Window & typeof globalThis): boolean {
  const local = storageOf(win, 'localStorage');
  const session = storageOf(win, 'sessionStorage');
  if (local === null || session === null) return false;
  const proto = win.Storage.prototype;
  const original = { getItem: proto.getItem, setItem: proto.setItem, removeItem: proto.removeItem, key: proto.key, clear: proto.clear };
  const lengthOf = Object.getOwnPropertyDescriptor(proto, 'length')!.get!;
  const { apply } = Reflect;
  const defer = queueMicrotask;
  const isCometChat = (name: string) => COMETCHAT_KEY.test(name);
  const keysOf = (area: Storage) => {
    const keys: string[] = [];
    for (let index = 0, count = apply(lengthOf, area, []) as number; index < count; index++) keys.push(apply(original.key, area, [index]) as string);
    return keys;
  };

  // Listing is costly (17 ms for 205 keys): the list is kept until the next write through these methods or the end of
  // the turn, when another tab may have changed localStorage.
  let listed: string[] | null = null;
  const forget = () => (listed = null);
  const localKeys = () => {
    if (listed !== null) return listed;
    defer(forget);
    const own = keysOf(session).filter((name) => name.startsWith(PINNED_PREFIX) && isCometChat(name.slice(PINNED_PREFIX.length)));
    return (listed = [...keysOf(local).filter((name) => !isCometChat(name)), ...own.map((name) => name.slice(PINNED_PREFIX.length))]);
  };
  /** The pinned key for a CometChat key used through localStorage, else null (the call goes on as the page made it). */
  const pinned = (area: unknown, name: unknown) => (area === local && isCometChat(String(name)) ? PINNED_PREFIX + String(name) : null);

  // With fewer arguments than it needs, a call goes on as the page made it, and throws as it would have.
  proto.getItem = shapedLike(function (this: Storage, ...args: unknown[]) {
    const home = args.length > 0 ? pinned(this, args[0]) : null;
    return (home === null ? apply(original.getItem, this, args) : apply(original.getItem, session, [home])) as string | null;
  }, original.getItem);
  proto.setItem = shapedLike(function (this: Storage, ...args: unknown[]) {
    const home = args.length > 1 ? pinned(this, args[0]) : null;
    forget();
    if (home === null) apply(original.setItem, this, args);
    else apply(original.setItem, session, [home, args[1]]);
  }, original.setItem);
  proto.removeItem = shapedLike(function (this: Storage, ...args: unknown[]) {
    const home = args.length > 0 ? pinned(this, args[0]) : null;
    forget();
    apply(original.removeItem, home === null ? this : session, home === null ? args : [home]);
  }, original.removeItem);
  proto.key = shapedLike(function (this: Storage, ...args: unknown[]) {
    if (this !== local || args.length === 0) return apply(original.key, this, args) as string | null;
    return localKeys()[(args[0] as number) >>> 0] ?? null;
  }, original.key);
  const length = function (this: Storage) {
    return this === local ? localKeys().length : (apply(lengthOf, this, []) as number);
  };
  Object.defineProperty(length, 'name', { value: 'get length' });
  Object.defineProperty(proto, 'length', { ...Object.getOwnPropertyDescriptor(proto, 'length'), get: length });
  proto.clear = shapedLike(function (this: Storage, ...args: unknown[]) {
    forget();
    if (this === local) {
      // The page's view of localStorage goes: its own CometChat keys and everything but other tabs' CometChat keys.
      for (const name of keysOf(local)) if (!isCometChat(name)) apply(original.removeItem, local, [name]);
      for (const name of keysOf(session)) if (name.startsWith(PINNED_PREFIX)) apply(original.removeItem, session, [name]);
    } else if (this === session) {
      for (const name of keysOf(session)) if (name !== PIN_KEY && !name.startsWith(PINNED_PREFIX)) apply(original.removeItem, session, [name]);
    } else apply(original.clear, this, args);
  }, original.clear);

  // Registered before any page script, and capturing: the first listener to see other tabs' storage events.
  win.addEventListener(
    'storage',
    (event) => {
      if (event.storageArea === local && event.key !== null && isCometChat(event.key)) event.stopImmediatePropagation();
    },
    true,
  );
  return true;
}
