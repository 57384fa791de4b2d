import { browser } from 'wxt/browser';
import { createCometChatClient } from '../cometchat/client';
import { createDatabaseConnection } from '../store/database';
import { createSessionStore } from '../store/session-store';
import { fromRuntimePort } from '../transport/browser-port';
import type { PortSender } from '../transport/port';
import type { BackgroundMessage, ViewMessage } from '../protocol';
import { createHub } from './hub';
import { createRouter } from './router';
import { createSessionService } from './session-service';

/**
 * Wires the background and registers its listeners synchronously, as MV3 requires: a worker woken by
 * a connecting view must find `onConnect` registered in its first turn. State lives in IndexedDB only.
 */
export function startBackground(): void {
  const store = createSessionStore(createDatabaseConnection());
  const service = createSessionService({
    store,
    createClient: (endpoint) => createCometChatClient(endpoint),
    emit: (event) => hub.broadcast(event),
  });
  const hub = createHub({ route: createRouter(service), snapshot: service.snapshot, isTrusted: isOwnExtensionPage });

  browser.runtime.onConnect.addListener((port) => hub.accept(fromRuntimePort<ViewMessage, BackgroundMessage>(port)));
}

function isOwnExtensionPage(sender: PortSender): boolean {
  return sender.id === browser.runtime.id && Boolean(sender.url?.startsWith(browser.runtime.getURL('/')));
}
