/**
 * A page's window for the page agent's unit tests (node: no DOM): Web Storage with its real semantics, `storage`
 * events between the tabs of one origin, a scripted `fetch`, a WebSocket driven by the test as its server, and a
 * relay that listens on `document`. Each window has its own `Storage` class, as each real window has its own
 * `Storage.prototype`, so what the agent patches in one tab stays in that tab.
 */
import { AGENT_GLOBAL, AGENT_REPORT_EVENT, RELAY_READY_EVENT, type AgentStatus, type PageReport } from '@/lib/page/reports';

export type PageWindow = Window & typeof globalThis;

/** What tabs of one origin share: localStorage's items, and who hears its `storage` events. */
export function createOrigin() {
  const tabs: { window: PageWindow; local: Storage }[] = [];
  return { items: new Map<string, string>(), tabs };
}
type Origin = ReturnType<typeof createOrigin>;

function createStorageClass(onChange: (area: Storage, key: string | null, oldValue: string | null, newValue: string | null) => void) {
  const itemsOf = new WeakMap<object, Map<string, string>>();
  const items = (area: object) => itemsOf.get(area)!;
  return class Storage {
    constructor(shared: Map<string, string>) {
      itemsOf.set(this, shared);
    }
    get length() {
      return items(this).size;
    }
    key(index: number) {
      return [...items(this).keys()][index >>> 0] ?? null;
    }
    getItem(key: string) {
      return items(this).get(String(key)) ?? null;
    }
    setItem(key: string, value: string) {
      const old = items(this).get(String(key)) ?? null;
      items(this).set(String(key), String(value));
      onChange(this, String(key), old, String(value));
    }
    removeItem(key: string) {
      const old = items(this).get(String(key)) ?? null;
      if (!items(this).delete(String(key))) return;
      onChange(this, String(key), old, null);
    }
    clear() {
      if (items(this).size === 0) return;
      items(this).clear();
      onChange(this, null, null, null);
    }
  };
}

/** A WebSocket class whose server is the test: `accept()`, `receive(frame)`, `drop(code)`. */
function createWebSocketClass() {
  return class WebSocket extends EventTarget {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    static readonly made: WebSocket[] = [];
    readyState = 0;
    readonly sent: unknown[] = [];
    constructor(
      readonly url: string,
      readonly protocols?: string | string[],
    ) {
      super();
      WebSocket.made.push(this);
    }
    send(data: unknown) {
      if (this.readyState !== 1) throw new Error('InvalidStateError');
      this.sent.push(data);
    }
    close(code = 1000) {
      this.drop(code);
    }
    accept() {
      this.readyState = 1;
      this.dispatchEvent(new Event('open'));
    }
    receive(data: unknown) {
      this.dispatchEvent(Object.assign(new Event('message'), { data }));
    }
    drop(code: number) {
      this.readyState = 3;
      this.dispatchEvent(Object.assign(new Event('close'), { code }));
    }
  };
}

export interface FakeWindowOptions {
  origin?: Origin;
  /** What the page's `fetch` answers. */
  fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** Items already in the tab's sessionStorage (a pin, pinned keys). */
  session?: Record<string, string>;
}

/** A tab of `origin` (a new origin by default), not yet running the agent. */
export function createFakeWindow({ origin = createOrigin(), fetch, session = {} }: FakeWindowOptions = {}) {
  let isFocused = true;
  const document = Object.assign(new EventTarget(), { hasFocus: () => isFocused });
  const window = new EventTarget() as unknown as PageWindow;
  const Storage = createStorageClass((area, key, oldValue, newValue) => {
    // Like a browser: the other tabs of the origin hear a change to localStorage, the writer does not.
    if (area !== local) return;
    for (const tab of origin.tabs) {
      if (tab.window === window) continue;
      tab.window.dispatchEvent(Object.assign(new Event('storage'), { key, oldValue, newValue, storageArea: tab.local }));
    }
  });
  const local = new Storage(origin.items) as unknown as globalThis.Storage;
  const sessionStorage = new Storage(new Map(Object.entries(session))) as unknown as globalThis.Storage;
  const WebSocket = createWebSocketClass();
  const calls: { self: unknown; args: unknown[] }[] = [];
  const pageFetch = function (this: unknown, ...args: [RequestInfo | URL, RequestInit?]) {
    calls.push({ self: this, args });
    return fetch ? fetch(...args) : Promise.resolve(Response.json({ data: {} }));
  };
  Object.assign(window, {
    window,
    document,
    Storage,
    localStorage: local,
    sessionStorage,
    WebSocket,
    fetch: pageFetch,
    Headers,
    Request,
    EventTarget,
    CustomEvent,
    location: { href: 'http://127.0.0.1:5173/app/' },
  });
  origin.tabs.push({ window, local });
  return {
    window,
    local,
    session: sessionStorage,
    /** The page's `fetch` as the agent found it, and every call that reached it. */
    pageFetch,
    calls,
    sockets: WebSocket.made,
    focus: (focused: boolean) => (isFocused = focused),
  };
}

/** A relay listening on the window's document: the reports it got, and the agent's status now. */
export function listenAsRelay(window: PageWindow) {
  const reports: PageReport[] = [];
  window.document.addEventListener(AGENT_REPORT_EVENT, (event) => reports.push(JSON.parse((event as CustomEvent<string>).detail)));
  window.document.dispatchEvent(new CustomEvent(RELAY_READY_EVENT));
  return { reports, activities: () => reports.map((report) => report.activity) };
}

/** The status the agent leaves on `window` for the background. */
export const statusOf = (window: PageWindow) => (window as unknown as Record<string, { status(): AgentStatus }>)[AGENT_GLOBAL]!.status();

/** The SDK's double JSON for a stored value. */
export const sdkEncode = (value: unknown) => JSON.stringify(JSON.stringify(value));

/** Lets pending promise callbacks and timers run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
