import { ERROR_CODES } from './cometchat/error-code-names';
import { CometChatException, type CometChatError } from './cometchat/exception';
import type { AuthEvent, BackgroundMessage, RequestMap, RequestType, Snapshot, Subscription, TabState, ViewEvent, ViewMessage } from './protocol';
import type { MessagePort } from './transport/port';

type Port = MessagePort<BackgroundMessage, ViewMessage>;
type Waiter = { resolve: (value: unknown) => void; reject: (error: CometChatException) => void };

export interface SessionClientOptions {
  connect: () => Port;
  /** First delay before reconnecting after the background went away; doubles up to 2 s. */
  reconnectDelayMs?: number;
}

/**
 * A view's handle on the background: SDK-shaped requests that resolve or throw `CometChatException`,
 * event listeners, and the latest snapshot. Each port starts with `subscribe`, which brings the state
 * and the events missed since the last one this view heard; after that every event arrives once,
 * live. When the background stops (the worker is killed), pending requests settle with an error and
 * the port reconnects by itself.
 */
export function createSessionClient({ connect, reconnectDelayMs = 50 }: SessionClientOptions) {
  const pending = new Map<number, Waiter>();
  const snapshotListeners = new Set<(snapshot: Snapshot) => void>();
  const clearedListeners = new Set<() => void>();
  const eventListeners = new Set<(event: AuthEvent) => void>();
  const storageListeners = new Set<(error: CometChatError | null) => void>();
  const tabListeners = new Set<(tabs: ReadonlyMap<number, TabState>) => void>();
  /** Every tab the background knows of, as it last pushed them. */
  let tabs: ReadonlyMap<number, TabState> = new Map();
  let storageError: CometChatError | null = null;
  let snapshot: Snapshot | null = null;
  /** The last event this view heard; null until the first subscription. */
  let lastSeq: number | null = null;
  let nextId = 1;
  let delay = reconnectDelayMs;
  let closed = false;
  let port: Port | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let markAnswered: () => void = () => undefined;
  /** Settles when the background first answers this view: with a snapshot, or with the storage error. */
  const answered = new Promise<void>((resolve) => (markAnswered = resolve));

  function open(): Port {
    const current = connect();
    current.listen(onMessage);
    current.onClose(() => {
      if (port !== current) return;
      port = null;
      const error = new CometChatException({
        code: ERROR_CODES.ERR_BACKGROUND_RESTARTED,
        message: 'The extension background stopped before answering. The view now shows the stored state.',
        details: {},
      });
      for (const { reject } of pending.values()) reject(error);
      pending.clear();
      if (!closed) {
        reconnectTimer = setTimeout(ensurePort, delay);
        delay = Math.min(delay * 2, 2000);
      }
    });
    port = current;
    // Answered synchronously when it arrives (not a promise's later turn), so no live event on this port
    // can be handled before the subscription it follows.
    post(
      current,
      'subscribe',
      { afterSeq: lastSeq, epoch: snapshot?.epoch ?? null },
      {
        resolve: (value) => onSubscribed(value as Subscription),
        reject: (error) => {
          // A port that died is reopened and subscribes again; any other failure is the storage's.
          if (error.code === ERROR_CODES.ERR_BACKGROUND_RESTARTED) return;
          storageError = error.toJSON();
          markAnswered();
          storageListeners.forEach((listener) => listener(storageError));
        },
      },
    );
    return current;
  }

  function ensurePort(): Port {
    clearTimeout(reconnectTimer);
    return port ?? open();
  }

  function post<K extends RequestType>(target: Port, type: K, params: RequestMap[K]['params'], waiter: Waiter): void {
    const id = nextId++;
    pending.set(id, waiter);
    try {
      target.send({ kind: 'request', id, request: { type, ...params } as ViewMessage['request'] });
    } catch (error) {
      pending.delete(id);
      waiter.reject(new CometChatException({ code: ERROR_CODES.ERR_BACKGROUND_RESTARTED, message: String(error), details: {} }));
    }
  }

  function onMessage(message: BackgroundMessage): void {
    if (message.kind === 'response') {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.result.ok) waiter?.resolve(message.result.value);
      else waiter?.reject(new CometChatException(message.result.error));
    } else if (message.kind === 'event') {
      onEvent(message.event);
    } else if (message.kind === 'events') {
      message.events.forEach(onEvent);
    }
  }

  function onSubscribed({ snapshot: next, missed, tabs: known }: Subscription): void {
    delay = reconnectDelayMs;
    setTabs(new Map(known.map((tab) => [tab.tabId, tab])));
    if (lastSeq !== null && next.epoch === snapshot?.epoch) {
      for (const event of missed) dispatch(event);
    }
    acceptSnapshot(next, true);
  }

  function onEvent(event: ViewEvent): void {
    if (event.type === 'authEvent') dispatch(event.event);
    else if (event.type === 'eventsCleared') clearedListeners.forEach((listener) => listener());
    else if (event.type === 'tab') setTabs(new Map(tabs).set(event.tab.tabId, event.tab));
    else if (event.type === 'tabClosed') {
      const next = new Map(tabs);
      next.delete(event.tabId);
      setTabs(next);
    } else {
      // The event first, as when it came on its own: a view hears a change's event before its state.
      if (event.event) dispatch(event.event);
      acceptSnapshot(event.snapshot, false);
    }
  }

  function setTabs(next: ReadonlyMap<number, TabState>): void {
    tabs = next;
    tabListeners.forEach((listener) => listener(next));
  }

  /**
   * Shows `next` unless a newer one is shown. A subscription's snapshot is the truth at that moment:
   * what came before it is history, not news. A new epoch (a storage reset) starts the numbering over.
   */
  function acceptSnapshot(next: Snapshot, isSubscription: boolean): void {
    const isNewEpoch = snapshot !== null && next.epoch !== snapshot.epoch;
    if (!isSubscription && !isNewEpoch && snapshot !== null && next.revision < snapshot.revision) return;
    if (isNewEpoch) {
      lastSeq = next.lastSeq;
      clearedListeners.forEach((listener) => listener());
    } else if (isSubscription) {
      lastSeq = Math.max(lastSeq ?? 0, next.lastSeq);
    }
    snapshot = next;
    markAnswered();
    if (storageError) {
      storageError = null;
      storageListeners.forEach((listener) => listener(null));
    }
    snapshotListeners.forEach((listener) => listener(next));
  }

  function dispatch(event: AuthEvent): void {
    if (lastSeq !== null && event.seq <= lastSeq) return;
    lastSeq = event.seq;
    eventListeners.forEach((listener) => listener(event));
  }

  open();

  return {
    request<K extends RequestType>(type: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']> {
      return new Promise((resolve, reject) => post(ensurePort(), type, params, { resolve: resolve as (value: unknown) => void, reject }));
    },
    /** Calls `listener` with every newer snapshot; returns the unsubscribe function. */
    onSnapshot(listener: (snapshot: Snapshot) => void): () => void {
      snapshotListeners.add(listener);
      if (snapshot) listener(snapshot);
      return () => snapshotListeners.delete(listener);
    },
    /** Calls `listener` with every event heard, each once in `seq` order: auth events and apps' own activity alike. */
    onEvent(listener: (event: AuthEvent) => void): () => void {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    /** Calls `listener` with every tab's state now and after each change the background pushes; returns the unsubscribe function. */
    onTabs(listener: (tabs: ReadonlyMap<number, TabState>) => void): () => void {
      tabListeners.add(listener);
      listener(tabs);
      return () => tabListeners.delete(listener);
    },
    /** Calls `listener` when the event log was emptied: a clear by any view, or a storage reset. */
    onEventsCleared(listener: () => void): () => void {
      clearedListeners.add(listener);
      return () => clearedListeners.delete(listener);
    },
    /** Calls `listener` with the storage error when the background cannot read its data, and null once it can. */
    onStorageError(listener: (error: CometChatError | null) => void): () => void {
      storageListeners.add(listener);
      if (storageError) listener(storageError);
      return () => storageListeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    /** The storage error the background last answered with, if it has not read its data since. */
    getStorageError: () => storageError,
    /** Resolves once the background first answered: a snapshot to show, or the storage error (see `onStorageError`). */
    answered: () => answered,
    /** Every tab's state as last pushed (it comes with the snapshot): a view's first render can show it. */
    getTabs: () => tabs,
    close(): void {
      closed = true;
      clearTimeout(reconnectTimer);
      port?.close();
      port = null;
    },
  };
}

export type SessionClient = ReturnType<typeof createSessionClient>;
