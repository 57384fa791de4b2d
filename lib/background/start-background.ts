import { browser } from 'wxt/browser';
import { createCometChatClient } from '../cometchat/client';
import type { BackgroundMessage, ViewMessage } from '../protocol';
import { createBrowserTabAccess } from '../page-session/tab-access';
import { createDatabaseConnection } from '../store/database';
import { createStore } from '../store/transaction';
import { fromRuntimePort } from '../transport/browser-port';
import type { PortSender } from '../transport/port';
import { toolbarActionOf } from '../browser-differences';
import { createBackground } from './create-background';
import { createToolbarBadge } from './toolbar-badge';

/**
 * Wires the background and registers its listeners synchronously, as MV3 requires: a worker woken by
 * a connecting view must find `onConnect` registered in its first turn. State lives in IndexedDB only.
 */
export function startBackground(): void {
  const badge = createToolbarBadge(toolbarActionOf(browser as never));
  const { hub, context, onCommand } = createBackground({
    store: createStore(createDatabaseConnection()),
    createClient: (endpoint) => createCometChatClient(endpoint),
    isTrusted: isOwnExtensionPage,
    tabs: createBrowserTabAccess(),
    onSnapshot: (snapshot) => void badge.show(snapshot),
  });
  browser.runtime.onConnect.addListener((port) => hub.accept(fromRuntimePort<ViewMessage, BackgroundMessage>(port)));
  browser.commands?.onCommand.addListener((command) => void onCommand(command));
  // The badge survives a worker restart in Chrome, but not a browser restart: draw it from the stored state.
  void context.snapshot().then(
    (snapshot) => badge.show(snapshot),
    () => undefined,
  );
}

function isOwnExtensionPage(sender: PortSender): boolean {
  return sender.id === browser.runtime.id && Boolean(sender.url?.startsWith(browser.runtime.getURL('/')));
}
