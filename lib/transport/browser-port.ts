import { viewBrowser as browser } from './view-browser';
import type { Runtime } from 'webextension-polyfill';
import type { IncomingPort, MessagePort } from './port';

/** Adapts a `runtime.Port` to {@link MessagePort}; the only code that touches ports of the browser. */
export function fromRuntimePort<In, Out>(port: Runtime.Port): IncomingPort<In, Out> {
  return {
    name: port.name,
    sender: { id: port.sender?.id, url: port.sender?.url },
    send: (message) => port.postMessage(message),
    listen(listener) {
      const onMessage = (message: unknown) => listener(message as In);
      port.onMessage.addListener(onMessage);
      return () => port.onMessage.removeListener(onMessage);
    },
    onClose(listener) {
      const onDisconnect = () => listener();
      port.onDisconnect.addListener(onDisconnect);
      return () => port.onDisconnect.removeListener(onDisconnect);
    },
    close: () => port.disconnect(),
  };
}

/** Opens a named port from a view to the background. */
export function connectToBackground<In, Out>(name: string): MessagePort<In, Out> {
  return fromRuntimePort<In, Out>(browser.runtime.connect({ name }));
}
