import { toCometChatError } from '../cometchat/exception';
import type { BackgroundMessage, RequestMap, Result, Subscription, ViewEvent, ViewMessage } from '../protocol';
import { SESSION_PORT } from '../protocol';
import type { IncomingPort, PortSender } from '../transport/port';
import type { Route } from './router';

type ViewPort = IncomingPort<ViewMessage, BackgroundMessage>;

export interface HubDeps {
  route: Route;
  /**
   * Reads a view's subscription and calls `deliver` with it in the same step of the serial queue as
   * the read, so the hub can answer and add the port to its broadcasts before any later event commits.
   */
  subscribe: (afterSeq: number | null, epoch: string | null, deliver: (result: Result<Subscription>) => void) => Promise<void>;
  /** Only the extension's own pages may command the background. */
  isTrusted: (sender: PortSender) => boolean;
}

/**
 * Keeps the subscribed views: answers each request on the port it came from and broadcasts events to
 * all subscribed ports in one loop, so every view sees them in the same order, each exactly once.
 */
export function createHub({ route, subscribe, isTrusted }: HubDeps) {
  const ports = new Set<ViewPort>();
  /** Ports whose view went away: a subscription answered after that must not add them back. */
  function send(port: ViewPort, message: BackgroundMessage): void {
    try {
      port.send(message);
    } catch {
      // The view closed between our check and the send; its onClose removes it.
      ports.delete(port);
    }
  }

  function onSubscribe(port: ViewPort, id: number, { afterSeq, epoch }: RequestMap['subscribe']['params']): void {
    const lastSeen = typeof afterSeq === 'number' && Number.isInteger(afterSeq) ? afterSeq : null;
    void subscribe(lastSeen, typeof epoch === 'string' ? epoch : null, (result) => {
      send(port, { kind: 'response', id, result });
      // Joined even when storage failed: the view must hear the snapshot that follows a reset.
      if (!closed.has(port)) ports.add(port);
    });
  }

  /** Routes a request and sends its result, errors included as data: it never rejects. */
  async function answer(port: ViewPort, id: number, request: ViewMessage['request']): Promise<void> {
    let result: Result<unknown>;
    try {
      result = { ok: true, value: await route(request, sourceOf(port.sender)) };
    } catch (error) {
      result = { ok: false, error: toCometChatError(error) };
    }
    send(port, { kind: 'response', id, result });
  }

  const closed = new WeakSet<ViewPort>();

  return {
    accept(port: ViewPort): void {
      if (port.name !== SESSION_PORT || !isTrusted(port.sender)) {
        port.close();
        return;
      }
      port.onClose(() => {
        closed.add(port);
        ports.delete(port);
      });
      port.listen((message) => {
        if (message?.kind !== 'request' || typeof message.id !== 'number') return;
        if (message.request?.type === 'subscribe') {
          onSubscribe(port, message.id, message.request);
          return;
        }
        void answer(port, message.id, message.request);
      });
    },

    /** Tells every view `events`, in one message when there are several (one task and one render for each view). */
    broadcast(...events: ViewEvent[]): void {
      if (events.length === 0) return;
      const message: BackgroundMessage = events.length === 1 ? { kind: 'event', event: events[0]! } : { kind: 'events', events };
      for (const port of ports) send(port, message);
    },

    /** How many views are subscribed. */
    get size(): number {
      return ports.size;
    },
  };
}

/** `chrome-extension://id/popup.html` → `popup`. */
function sourceOf(sender: PortSender): string {
  const path = sender.url ? new URL(sender.url).pathname : '';
  return path.replace(/^\/+/, '').replace(/\.html$/, '') || 'unknown';
}
