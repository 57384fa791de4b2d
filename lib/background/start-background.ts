import { browser } from 'wxt/browser';
import { createCometChatClient } from '../cometchat/client';
import type { BackgroundMessage, ViewMessage } from '../protocol';
import { createDatabaseConnection } from '../store/database';
import { createSessionStore } from '../store/session-store';
import { fromRuntimePort } from '../transport/browser-port';
import type { PortSender } from '../transport/port';
import { createBackground } from './create-background';

/**
 * Wires the background and registers its listeners synchronously, as MV3 requires: a worker woken by
 * a connecting view must find `onConnect` registered in its first turn. State lives in IndexedDB only.
 */
export function startBackground(): void {
  const { hub } = createBackground({
    store: createSessionStore(createDatabaseConnection()),
    createClient: (endpoint) => createCometChatClient(endpoint),
    isTrusted: isOwnExtensionPage,
  });
  browser.runtime.onConnect.addListener((port) => hub.accept(fromRuntimePort<ViewMessage, BackgroundMessage>(port)));
}

function isOwnExtensionPage(sender: PortSender): boolean {
  return sender.id === browser.runtime.id && Boolean(sender.url?.startsWith(browser.runtime.getURL('/')));
}
