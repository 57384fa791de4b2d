import { createContext, runInContext } from 'node:vm';
import { AGENT_GLOBAL, PIN_KEY, type PagePin } from '@/lib/page/reports';
import { createDevtoolsInspectedWindow, type DevtoolsApi } from '@/lib/page/devtools-inspected-window';
import type { InspectedWindow } from '@/lib/page/inspected-window';

/** A Web Storage area backed by a Map, with the API the page scripts use. */
export class FakeStorage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** Double JSON, as the SDK stores its values. */
export const sdkEncode = (value: unknown) => JSON.stringify(JSON.stringify(value));

/**
 * An inspected page for unit tests: the panel's scripts really run (in a `vm` context) against fake
 * storages, through the real DevTools adapter over a fake `devtools` API; a reload replaces the window object's own
 * properties but keeps storage, and may let `onReload` act like the page's app (e.g. overwrite what was written).
 * `runPageScript` runs the page's own code in the current document (it may replace any global, as a page can).
 */
export function createFakeInspectedWindow({
  origin = 'http://127.0.0.1:5173',
  hasSdk = true,
  onReload = (_page: FakePage) => {},
  /** Who the page's SDK says is logged in; by default, as the real SDK after a load: the user its storage holds. */
  sdkUid = (page: FakePage): string | null => storedUid(page),
  /** The page agent runs in the page (an allowed site): its status names the pin it read as the document started. */
  hasAgent = false,
  /**
   * Reached as the background reaches a tab (`scripting.executeScript`), which waits for a promise a script returns,
   * rather than through DevTools' eval, which does not.
   */
  awaitsPromises = false,
  /** How long the page's SDK takes to answer `getLoggedinUser()` (ms). */
  sdkDelayMs = 0,
  /** The page's SDK never answers `getLoggedinUser()`. */
  sdkNeverAnswers = false,
  /** False: the page replaced its timers with functions that never call back. */
  pageTimers = true,
} = {}) {
  const page = { localStorage: new FakeStorage(), sessionStorage: new FakeStorage(), reloads: 0 };
  let context = newDocument();

  function newDocument() {
    const pin = hasAgent ? (JSON.parse(page.sessionStorage.getItem(PIN_KEY) ?? 'null') as PagePin | null) : null;
    const sandbox: Record<string, unknown> = {
      localStorage: page.localStorage,
      sessionStorage: page.sessionStorage,
      document: { readyState: 'complete' },
      setTimeout: pageTimers ? setTimeout : () => 0,
      ...(hasSdk ? { CometChat: { getLoggedinUser: () => sdkAnswer(() => (sdkUid(page) ? { getUid: () => sdkUid(page) } : null)) } } : {}),
      ...(hasAgent
        ? { [AGENT_GLOBAL]: { status: () => ({ sdkVersion: null, hasGlobalSdk: hasSdk, users: [], stored: [], socket: null, pin }) } }
        : {}),
    };
    sandbox.window = sandbox;
    // As in a browser, `window.location` and its `origin` are unforgeable: a page script cannot replace either.
    Object.defineProperty(sandbox, 'location', { value: Object.freeze({ origin }), writable: false, configurable: false, enumerable: true });
    return createContext(sandbox);
  }

  function sdkAnswer<T>(answer: () => T): Promise<T> {
    if (sdkNeverAnswers) return new Promise(() => undefined);
    return sdkDelayMs === 0 ? Promise.resolve().then(answer) : new Promise((resolve) => setTimeout(() => resolve(answer()), sdkDelayMs));
  }

  const navigated = new Set<(url: string) => void>();
  /** DevTools as the panel reaches it: an expression evaluated in the page, its value serialised by the browser. */
  const devtools: DevtoolsApi = {
    inspectedWindow: {
      async eval(expression) {
        return byValue(runInContext(expression, context));
      },
      reload() {
        page.reloads += 1;
        context = newDocument();
        onReload(page);
      },
    },
    network: { onNavigated: { addListener: (listener) => navigated.add(listener), removeListener: (listener) => navigated.delete(listener) } },
  };
  const devtoolsWindow = createDevtoolsInspectedWindow(devtools);
  const inspected: InspectedWindow & { navigate(): void } = {
    ...devtoolsWindow,
    ...(awaitsPromises
      ? {
          awaitsPromises: true,
          run: async (fn, ...args) => byValue(await runInContext(`(${fn.toString()})(...${JSON.stringify(args)})`, context)) as never,
        }
      : {}),
    navigate() {
      navigated.forEach((listener) => listener(`${origin}/`));
    },
  };
  return {
    page,
    inspected,
    /** Runs the page's own script in its current document. */
    runPageScript: (source: string) => void runInContext(source, context),
  };
}

/** What DevTools hands the extension: a copy made by the browser (no page code runs in making it). */
function byValue(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value);
}

export type FakePage = { localStorage: FakeStorage; sessionStorage: FakeStorage; reloads: number };

/** The uid of the first CometChat user the page stores (double JSON, as the SDK writes it). */
/** Who the SDK runs once it has read its storage: the user stored in `localStorage`, else in `sessionStorage`. */
export function storedUid(page: FakePage): string | null {
  const local = uidIn(page.localStorage);
  return local !== undefined ? local : (uidIn(page.sessionStorage) ?? null);
}

/** Who an SDK in session storage mode runs: the user in the tab's sessionStorage alone, whatever localStorage holds. */
export function sessionStorageUid(page: FakePage): string | null {
  return uidIn(page.sessionStorage) ?? null;
}

/** The uid of the first CometChat user `area` stores (null: one without a uid); undefined where it stores none. */
function uidIn(area: FakeStorage): string | null | undefined {
  for (let index = 0; index < area.length; index++) {
    const key = area.key(index) ?? '';
    if (key.endsWith(':common_store/user'))
      return (JSON.parse(JSON.parse(area.getItem(key) ?? '""') || 'null') as { uid?: string } | null)?.uid ?? null;
  }
  return undefined;
}
