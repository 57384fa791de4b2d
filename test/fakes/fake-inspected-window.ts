import { createContext, runInContext } from 'node:vm';
import { AGENT_GLOBAL, PIN_KEY, type PagePin } from '@/lib/page-agent/reports';
import { expressionFor, parseEvalResult, type InspectedWindow } from '@/lib/page-session/inspected-window';

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
 * storages; a reload replaces the window object's own properties but keeps storage, and may let
 * `onReload` act like the page's app (e.g. overwrite what was written).
 */
export function createFakeInspectedWindow({
  origin = 'http://127.0.0.1:5173',
  hasSdk = true,
  onReload = (_page: FakePage) => {},
  /** Who the page's SDK says is logged in; by default, as the real SDK after a load: the user its storage holds. */
  sdkUid = (page: FakePage): string | null => storedUid(page),
  /** The page agent runs in the page (an allowed site): its status names the pin it read as the document started. */
  hasAgent = false,
} = {}) {
  const page = { localStorage: new FakeStorage(), sessionStorage: new FakeStorage(), reloads: 0 };
  let context = newDocument();

  function newDocument() {
    const pin = hasAgent ? (JSON.parse(page.sessionStorage.getItem(PIN_KEY) ?? 'null') as PagePin | null) : null;
    const sandbox: Record<string, unknown> = {
      localStorage: page.localStorage,
      sessionStorage: page.sessionStorage,
      location: { origin },
      document: { readyState: 'complete' },
      ...(hasSdk ? { CometChat: { getLoggedinUser: async () => (sdkUid(page) ? { getUid: () => sdkUid(page) } : null) } } : {}),
      ...(hasAgent ? { [AGENT_GLOBAL]: { status: () => ({ sdkVersion: null, hasGlobalSdk: hasSdk, users: [], socket: null, pin }) } } : {}),
    };
    sandbox.window = sandbox;
    return createContext(sandbox);
  }

  const inspected: InspectedWindow & { navigate(): void } = {
    // The function runs from its source text, exactly as DevTools would run it in a real page.
    async run(fn, ...args) {
      return parseEvalResult(runInContext(expressionFor(fn, args), context));
    },
    async reload() {
      page.reloads += 1;
      context = newDocument();
      onReload(page);
    },
    onNavigated(listener) {
      navigated.add(listener);
      return () => navigated.delete(listener);
    },
    navigate() {
      navigated.forEach((listener) => listener());
    },
  };
  const navigated = new Set<() => void>();
  return { page, inspected };
}

export type FakePage = { localStorage: FakeStorage; sessionStorage: FakeStorage; reloads: number };

/** The uid of the first CometChat user the page stores (double JSON, as the SDK writes it). */
function storedUid(page: FakePage): string | null {
  for (const area of [page.localStorage, page.sessionStorage]) {
    for (let index = 0; index < area.length; index++) {
      const key = area.key(index) ?? '';
      if (key.endsWith(':common_store/user'))
        return (JSON.parse(JSON.parse(area.getItem(key) ?? '""') || 'null') as { uid?: string } | null)?.uid ?? null;
    }
  }
  return null;
}
