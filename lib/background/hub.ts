import { toCometChatError } from '../cometchat/exception';
import type { BackgroundMessage, Result, Snapshot, ViewEvent, ViewMessage } from '../protocol';
import { SESSION_PORT } from '../protocol';
import type { IncomingPort, PortSender } from '../transport/port';
import type { Route } from './router';

type ViewPort = IncomingPort<ViewMessage, BackgroundMessage>;

export interface HubDeps {
  route: Route;
  snapshot(): Promise<Snapshot>;
  /** Only the extension's own pages may command the background. */
  isTrusted(sender: PortSender): boolean;
}

/**
 * Keeps the connected views: answers each request on the port it came from and broadcasts events to
 * all ports in one loop, so every view sees them in the same order.
 */
export function createHub({ route, snapshot, isTrusted }: HubDeps) {
  const ports = new Set<ViewPort>();

  function send(port: ViewPort, message: BackgroundMessage): void {
    try {
      port.send(message);
    } catch {
      // The view closed between our check and the send; its onClose removes it.
      ports.delete(port);
    }
  }

  return {
    accept(port: ViewPort): void {
      if (port.name !== SESSION_PORT || !isTrusted(port.sender)) {
        port.close();
        return;
      }
      ports.add(port);
      port.onClose(() => ports.delete(port));
      port.listen(async (message) => {
        if (message?.kind !== 'request' || typeof message.id !== 'number') return;
        let result: Result<unknown>;
        try {
          result = { ok: true, value: await route(message.request, sourceOf(port.sender)) };
        } catch (error) {
          result = { ok: false, error: toCometChatError(error) };
        }
        send(port, { kind: 'response', id: message.id, result });
      });
      void snapshot().then(
        (value) => send(port, { kind: 'event', event: { type: 'snapshot', snapshot: value } }),
        // Without a snapshot a view would wait forever: tell it why, so it can offer a reset.
        (error) => send(port, { kind: 'event', event: { type: 'storageError', error: toCometChatError(error) } }),
      );
    },

    broadcast(event: ViewEvent): void {
      for (const port of ports) send(port, { kind: 'event', event });
    },

    get size(): number {
      return ports.size;
    },
  };
}

/** `chrome-extension://id/popup.html` → `popup`. */
export function sourceOf(sender: PortSender): string {
  const path = sender.url ? new URL(sender.url).pathname : '';
  return path.replace(/^\/+/, '').replace(/\.html$/, '') || 'unknown';
}
