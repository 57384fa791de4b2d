import type { AgentState } from './agent-state';
import { quietly } from './patching';
import type { SocketState } from '../reports';

/** What the agent knows of one socket. `since` values are unix ms. */
interface Watched {
  isCometChat: boolean | null;
  url: string;
  constructedAt: number;
  openedAt: number | null;
  isAnswered: boolean;
  detach: () => void;
}

/** A frame as text when it could be CometChat's auth frame or its reply (cheap test before parsing). */
const authText = (data: unknown) => (typeof data === 'string' && data.includes('"auth"') ? data : null);

/**
 * Replaces `window.WebSocket` with a subclass that behaves the same (`instanceof`, constants, `prototype.constructor`)
 * and reports CometChat's socket: the one whose first frame is `{type: 'auth', appId}` (cometchat-protocol §5).
 * Until that frame nothing says a socket is CometChat's, so its `connecting` and `open` are reported when the frame
 * goes, with the times they happened; a later socket to a URL already known as CometChat's (a reconnection) is
 * reported from its construction. Frame contents are never reported: the auth frame holds the user's jwt.
 */
export function watchSockets(win: Window & typeof globalThis, agent: AgentState): void {
  const Original = win.WebSocket;
  if (typeof Original !== 'function') return;
  const { addEventListener, removeEventListener } = win.EventTarget.prototype;
  const { apply } = Reflect;
  const now = Date.now;
  const watched = new WeakMap<WebSocket, Watched>();
  const cometChatUrls = new Set<string>();
  /** The latest CometChat socket: only its changes are the status (an older one may still close after it opened). */
  let current: WebSocket | null = null;

  const report = (socket: WebSocket, state: SocketState, since: number, extra: { closeCode?: number; code?: string } = {}) => {
    if (state === 'connecting') current = socket;
    if (socket === current) agent.socket = { state, since, ...(extra.closeCode === undefined ? {} : { closeCode: extra.closeCode }) };
    agent.onTraffic();
    agent.emit({ kind: 'socket', state, ...extra });
  };

  const identify = (socket: WebSocket, entry: Watched, frame: unknown) => {
    entry.isCometChat = false;
    const text = authText(frame);
    const parsed = text === null ? null : (JSON.parse(text) as { type?: unknown; appId?: unknown } | null);
    entry.isCometChat = parsed?.type === 'auth' && typeof parsed.appId === 'string';
    if (!entry.isCometChat) return entry.detach();
    cometChatUrls.add(entry.url);
    report(socket, 'connecting', entry.constructedAt);
    if (entry.openedAt !== null) report(socket, 'open', entry.openedAt);
  };

  const onMessage = (socket: WebSocket, entry: Watched, data: unknown) => {
    const text = entry.isCometChat && !entry.isAnswered ? authText(data) : null;
    const reply = text === null ? null : (JSON.parse(text) as { type?: unknown; body?: { code?: unknown } } | null);
    if (reply?.type !== 'auth') return;
    entry.isAnswered = true;
    const code = String(reply.body?.code);
    if (code === '200') report(socket, 'authenticated', now());
    else report(socket, 'refused', now(), { code });
  };

  const watch = (socket: WebSocket) => {
    const entry: Watched = { isCometChat: null, url: socket.url, constructedAt: now(), openedAt: null, isAnswered: false, detach: () => undefined };
    const listeners: [string, (event: Event) => void][] = [
      ['open', () => quietly(() => ((entry.openedAt = now()), entry.isCometChat && report(socket, 'open', entry.openedAt)))],
      ['message', (event) => quietly(() => onMessage(socket, entry, (event as MessageEvent).data))],
      ['close', (event) => quietly(() => entry.isCometChat && report(socket, 'closed', now(), { closeCode: (event as CloseEvent).code }))],
    ];
    entry.detach = () => listeners.forEach((listener) => apply(removeEventListener, socket, listener));
    listeners.forEach((listener) => apply(addEventListener, socket, listener));
    watched.set(socket, entry);
    if (cometChatUrls.has(entry.url)) {
      entry.isCometChat = true;
      report(socket, 'connecting', entry.constructedAt);
    }
  };

  class WebSocket extends Original {
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      quietly(() => watch(this));
    }

    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      super.send(data);
      const entry = watched.get(this);
      if (entry?.isCometChat === null) quietly(() => identify(this, entry, data));
    }
  }
  Object.defineProperty(WebSocket, 'length', { value: Original.length });
  win.WebSocket = WebSocket;
}
