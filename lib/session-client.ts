import { CometChatException, type CometChatError } from './cometchat/exception';
import { ERROR_CODES } from './cometchat/error-codes';
import type { CometChatUser } from './cometchat/user';
import type { AuthEvent, BackgroundMessage, RequestMap, RequestType, Snapshot, ViewEvent, ViewMessage } from './protocol';
import type { MessagePort } from './transport/port';

/** The SDK's `LoginListener` shape. */
export interface LoginListener {
  loginSuccess?(user: CometChatUser, event: AuthEvent): void;
  loginFailure?(error: CometChatException, event: AuthEvent): void;
  logoutSuccess?(event: AuthEvent): void;
  logoutFailure?(error: CometChatException, event: AuthEvent): void;
}

type Port = MessagePort<BackgroundMessage, ViewMessage>;

export interface SessionClientOptions {
  connect(): Port;
  /** First delay before reconnecting after the background went away; doubles up to 2 s. */
  reconnectDelayMs?: number;
}

/**
 * A view's handle on the background: SDK-shaped requests that resolve or throw `CometChatException`,
 * login listeners, and the latest snapshot. When the background stops (the worker is killed), pending
 * requests settle with an error, the port reconnects by itself, and missed auth events are replayed
 * from the new snapshot so no view skips one.
 */
export function createSessionClient({ connect, reconnectDelayMs = 50 }: SessionClientOptions) {
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: CometChatException): void }>();
  const loginListeners = new Map<string, LoginListener>();
  const snapshotListeners = new Set<(snapshot: Snapshot) => void>();
  const clearedListeners = new Set<() => void>();
  const storageListeners = new Set<(error: CometChatError | null) => void>();
  let storageError: CometChatError | null = null;
  let snapshot: Snapshot | null = null;
  let lastSeq: number | null = null;
  let nextId = 1;
  let delay = reconnectDelayMs;
  let closed = false;
  let port: Port | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let awaitingSnapshot = false;
  const heldBack: Array<Extract<ViewEvent, { type: 'authEvent' }>> = [];

  function open(): Port {
    awaitingSnapshot = true;
    heldBack.length = 0;
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
    return current;
  }

  function ensurePort(): Port {
    clearTimeout(reconnectTimer);
    return port ?? open();
  }

  function onMessage(message: BackgroundMessage): void {
    if (message.kind === 'response') {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.result.ok) waiter?.resolve(message.result.value);
      else waiter?.reject(new CometChatException(message.result.error));
    } else if (message.kind === 'event') {
      onEvent(message.event);
    }
  }

  function onEvent(event: ViewEvent): void {
    if (event.type === 'authEvent') {
      // The hub adds a port to its broadcasts before the port's first snapshot is read, so a live event
      // can overtake it. Handled now, it would move `lastSeq` past events that snapshot will replay.
      if (awaitingSnapshot) heldBack.push(event);
      else dispatch(event.event, event.user);
      return;
    }
    if (event.type === 'eventsCleared') {
      clearedListeners.forEach((listener) => listener());
      return;
    }
    if (event.type === 'storageError') {
      storageError = event.error;
      storageListeners.forEach((listener) => listener(event.error));
      return;
    }
    storageError = null;
    const next = event.snapshot;
    delay = reconnectDelayMs;
    const isStale = snapshot !== null && next.revision < snapshot.revision;
    if (!isStale) {
      if (lastSeq === null) {
        // The first snapshot is history, not news.
        lastSeq = next.events.at(-1)?.seq ?? 0;
      } else {
        for (const missed of next.events) dispatch(missed, next.sessions.find((session) => session.uid === missed.uid)?.user);
      }
      snapshot = next;
    }
    if (awaitingSnapshot) {
      awaitingSnapshot = false;
      for (const held of heldBack.splice(0)) dispatch(held.event, held.user);
    }
    if (isStale) return;
    storageListeners.forEach((listener) => listener(null));
    snapshotListeners.forEach((listener) => listener(next));
  }

  function dispatch(event: AuthEvent, user: CometChatUser | undefined): void {
    if (lastSeq !== null && event.seq <= lastSeq) return;
    lastSeq = event.seq;
    const error = event.error ? new CometChatException(event.error as CometChatError) : undefined;
    for (const listener of loginListeners.values()) {
      if (event.type === 'loginSuccess') listener.loginSuccess?.(user ?? { uid: event.uid ?? '', name: event.uid ?? '' }, event);
      if (event.type === 'loginFailure') listener.loginFailure?.(error!, event);
      if (event.type === 'logoutSuccess') listener.logoutSuccess?.(event);
      if (event.type === 'logoutFailure') listener.logoutFailure?.(error!, event);
    }
  }

  open();

  return {
    request<K extends RequestType>(type: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']> {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        try {
          ensurePort().send({ kind: 'request', id, request: { type, ...params } as ViewMessage['request'] });
        } catch (error) {
          pending.delete(id);
          reject(new CometChatException({ code: ERROR_CODES.ERR_BACKGROUND_RESTARTED, message: String(error), details: {} }));
        }
      });
    },
    addLoginListener(id: string, listener: LoginListener): void {
      loginListeners.set(id, listener);
    },
    removeLoginListener(id: string): void {
      loginListeners.delete(id);
    },
    /** Calls `listener` with every newer snapshot; returns the unsubscribe function. */
    onSnapshot(listener: (snapshot: Snapshot) => void): () => void {
      snapshotListeners.add(listener);
      if (snapshot) listener(snapshot);
      return () => snapshotListeners.delete(listener);
    },
    /** Calls `listener` when any view clears the event log; returns the unsubscribe function. */
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
    close(): void {
      closed = true;
      clearTimeout(reconnectTimer);
      port?.close();
      port = null;
    },
  };
}

export type SessionClient = ReturnType<typeof createSessionClient>;
