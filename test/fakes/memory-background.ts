import { IDBFactory } from 'fake-indexeddb';
import type { AppEndpoint } from '@/lib/cometchat/hosts';
import { createBackground } from '@/lib/background/create-background';
import type { BackgroundMessage, ProfileInput, ViewMessage } from '@/lib/protocol';
import { SESSION_PORT } from '@/lib/protocol';
import { createSessionClient } from '@/lib/session-client';
import { createDatabaseConnection } from '@/lib/store/database';
import { createStore } from '@/lib/store/transaction';
import { createMemoryPortPair, type PortSender } from '@/lib/transport/port';
import { createFakeCometChatClient } from './fake-cometchat-client';
import { createFakeTabs } from './fake-tabs';

const EXTENSION_ORIGIN = 'chrome-extension://test-extension-id';
export const PROFILE: ProfileInput = { appId: 'app-1', region: 'eu', authKey: 'good-key', apiHost: 'http://127.0.0.1:1' };

/**
 * The whole background (store on fake-indexeddb, service, router, hub) with views connected over
 * in-memory ports: everything real except the CometChat network and the browser's port plumbing.
 * `restart()` makes another over the same database, server and tabs, as after the worker stopped.
 */
export function createMemoryBackground({
  fake = createFakeCometChatClient(),
  tabs = createFakeTabs(),
  keepDatabase = false,
  checkApiHost = () => Promise.resolve(),
  viewsFirst,
}: {
  fake?: ReturnType<typeof createFakeCometChatClient>;
  tabs?: ReturnType<typeof createFakeTabs>;
  keepDatabase?: boolean;
  /** Whether an API host answers: every host does, unless a test says otherwise (no unit test touches the network). */
  checkApiHost?: (endpoint: AppEndpoint) => Promise<void>;
  /** What a commit that told the views first waits for before its write (the background's own wait by default). */
  viewsFirst?: () => Promise<void>;
} = {}) {
  if (!keepDatabase) indexedDB = new IDBFactory();
  const connection = createDatabaseConnection();
  const store = createStore(connection);
  const {
    context,
    sessions: service,
    log,
    pages,
    pageOperations,
    profiles,
    directory,
    hub,
    activity,
    pins,
    tabStates,
    onCommand,
  } = createBackground({
    tabs: tabs.access,
    store,
    createClient: (endpoint) => fake.clientFor(endpoint.appId),
    checkApiHost,
    viewsFirst,
    isTrusted: (sender) => sender.id === 'test-extension-id' && Boolean(sender.url?.startsWith(`${EXTENSION_ORIGIN}/`)),
  });
  const ports: Array<{ close(): void }> = [];

  /** Opens a port the way a view at `page` would. */
  function openPort(page = 'popup.html', sender: PortSender = { id: 'test-extension-id', url: `${EXTENSION_ORIGIN}/${page}` }) {
    const [view, background] = createMemoryPortPair<ViewMessage, BackgroundMessage>(SESSION_PORT, sender);
    hub.accept(background);
    ports.push(background);
    return view;
  }

  return {
    fake,
    store,
    context,
    service,
    log,
    pages,
    pageOperations,
    tabs,
    profiles,
    directory,
    hub,
    activity,
    pins,
    tabStates,
    onCommand,
    connection,
    openPort,
    /** The user of the active app's active session, as views see it; null when logged out. */
    loggedInUser: async () => (await context.snapshot()).active?.user ?? null,
    /** A view client, reconnecting to this background when its port dies. */
    connectView: (page = 'popup.html') => createSessionClient({ connect: () => openPort(page), reconnectDelayMs: 1 }),
    /** Drops every open port, as a stopped service worker does. */
    dropAllPorts: () => ports.splice(0).forEach((port) => port.close()),
    /** A new background over this one's database, server and tabs: the worker started again. */
    restart: () => createMemoryBackground({ fake, tabs, keepDatabase: true, checkApiHost }),
  };
}
