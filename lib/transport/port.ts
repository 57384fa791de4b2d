/**
 * The tiny transport every context talks through: a two-way message port. Only
 * `browser-port.ts` touches `browser.runtime`; tests use {@link createMemoryPortPair}.
 */
export interface MessagePort<In, Out> {
  send(message: Out): void;
  /** Returns the unlisten function. */
  listen(listener: (message: In) => void): () => void;
  /** Fires when the other end goes away (or the background is stopped); not when this end calls `close`. */
  onClose(listener: () => void): () => void;
  close(): void;
}

/** Who opened a port, as the browser reports it. */
export interface PortSender {
  id?: string;
  url?: string;
}

/** The background's end of a view's port. */
export interface IncomingPort<In, Out> extends MessagePort<In, Out> {
  name: string;
  sender: PortSender;
}

/**
 * Two connected in-memory ends. Messages are cloned and delivered asynchronously, like a browser port.
 */
export function createMemoryPortPair<A, B>(name = 'memory', sender: PortSender = {}): [MessagePort<B, A>, IncomingPort<A, B>] {
  type End<In> = { listeners: Set<(m: In) => void>; closers: Set<() => void>; open: boolean };
  const left: End<B> = { listeners: new Set(), closers: new Set(), open: true };
  const right: End<A> = { listeners: new Set(), closers: new Set(), open: true };

  function makeEnd<In, Out>(self: End<In>, other: End<Out>): MessagePort<In, Out> {
    return {
      send(message) {
        if (!self.open) throw new Error('Attempting to use a disconnected port object');
        const copy = structuredClone(message);
        queueMicrotask(() => other.open && other.listeners.forEach((listener) => listener(copy)));
      },
      listen(listener) {
        self.listeners.add(listener);
        return () => self.listeners.delete(listener);
      },
      onClose(listener) {
        self.closers.add(listener);
        return () => self.closers.delete(listener);
      },
      close() {
        if (!self.open) return;
        self.open = false;
        other.open = false;
        queueMicrotask(() => other.closers.forEach((listener) => listener()));
      },
    };
  }
  return [makeEnd(left, right), { ...makeEnd(right, left), name, sender }];
}
