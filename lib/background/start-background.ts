import { browser } from 'wxt/browser';
import { createCometChatClient } from '../cometchat/client';
import type { BackgroundMessage, ViewMessage } from '../protocol';
import { PAGE_REPORT_MESSAGE } from '../page/reports';
import { createPageScriptRegistry } from '../page/page-script-registry';
import { createBrowserTabAccess } from '../page/tab-access';
import { createDatabaseConnection } from '../store/database';
import { createStore } from '../store/transaction';
import { fromRuntimePort } from '../transport/browser-port';
import type { PortSender } from '../transport/port';
import type { Words } from '../words';
import { toolbarActionOf } from '../browser-differences';
import { createBackground } from './create-background';
import { createTabBadge, createToolbarBadge } from './toolbar-badge';

/**
 * Wires the background and registers its listeners synchronously, as MV3 requires: a worker woken by
 * a connecting view must find `onConnect` registered in its first turn. State lives in IndexedDB only.
 */
export function startBackground(): void {
  // The badge's words, from public/_locales in the browser's language (the views read theirs the same way).
  const words: Words = (key, ...substitutions) => browser.i18n.getMessage(key, substitutions) || key;
  const badge = createToolbarBadge(toolbarActionOf(browser), words);
  const tabs = createBrowserTabAccess();
  const registry = createPageScriptRegistry();
  // The allowed sites change only through the permission events below: asked once per change, not per report.
  let allowedSites: Promise<string[]> | null = null;
  const currentSites = () => (allowedSites ??= tabs.allowedSites().catch(() => []));
  const action = toolbarActionOf(browser);
  const { hub, context, activity, pins, tabStates, tabBadges, onCommand } = createBackground({
    store: createStore(createDatabaseConnection()),
    createClient: (endpoint) => createCometChatClient(endpoint),
    isTrusted: isOwnExtensionPage,
    tabs,
    allowedSites: currentSites,
    onSnapshot: (snapshot) => void badge.show(snapshot),
    tabBadge: createTabBadge(action),
    words,
  });
  browser.runtime.onConnect.addListener((port) => hub.accept(fromRuntimePort<ViewMessage, BackgroundMessage>(port)));
  browser.commands?.onCommand.addListener((command) => void onCommand(command));
  // Page agents' relays (content scripts on allowed sites) send one kind of message: a report, never answered.
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string; url?: string; frameId?: number; tab?: { id?: number } }) => {
    const { type, report } = (message ?? {}) as { type?: unknown; report?: unknown };
    if (sender.id === browser.runtime.id && type === PAGE_REPORT_MESSAGE && sender.tab) {
      void activity.acceptReport(report, { tabId: sender.tab.id, frameId: sender.frameId, url: sender.url }).catch(() => undefined);
    }
    return undefined;
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    activity.forgetTab(tabId);
    void pins.tabClosed(tabId).catch(() => undefined);
    void tabStates.tabClosed(tabId).catch(() => undefined);
  });
  // A tab's URL (where the browser shows it), title or loading state changed: its state follows the browser's word.
  // A page that has loaded on an allowed site gets the agent's relay (see page-script-registry.ts).
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url === undefined && change.title === undefined && change.status === undefined) return;
    void tabStates.tabUpdated({ tabId, url: tab.url, title: tab.title }).catch(() => undefined);
    if (change.status === 'complete') {
      void currentSites()
        .then((sites) => registry.loaded(tabId, tab.url, sites))
        .catch(() => undefined);
    }
  });
  const syncPageScripts = () => {
    allowedSites = null;
    void currentSites()
      .then((sites) => registry.sync(sites))
      .catch(() => undefined);
    void tabStates.sitesChanged().catch(() => undefined);
  };
  browser.permissions.onAdded.addListener(syncPageScripts);
  browser.permissions.onRemoved.addListener(syncPageScripts);
  syncPageScripts();
  // Queued first, before any view's request: pins that lost their tab (a browser restart) or their worker mid-pin.
  void pins.closeLostPins().catch(() => undefined);
  // The badge survives a worker restart in Chrome, but not a browser restart: draw it from the stored state (pinned
  // tabs' own badges too; a page's is drawn again when its agent reports).
  void context.snapshot().then(
    (snapshot) => {
      void badge.show(snapshot);
      tabBadges.onSnapshot(snapshot);
    },
    () => undefined,
  );
}

function isOwnExtensionPage(sender: PortSender): boolean {
  return sender.id === browser.runtime.id && Boolean(sender.url?.startsWith(browser.runtime.getURL('/')));
}
