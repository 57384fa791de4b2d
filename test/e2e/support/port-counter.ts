import { evaluateIn, type AnyPage } from './any-page';

export interface PortCounts {
  /** Ports `page`'s own code opened with `runtime.connect`: one per (re)connect of its session client. */
  opened: () => Promise<number>;
  /** Those of them that have since been cut (their `onDisconnect` fired). */
  closed: () => Promise<number>;
}

/** Counts, from now on, the ports `page` opens and sees cut. Messages pass unchanged. */
export async function countPorts(page: AnyPage): Promise<PortCounts> {
  await evaluateIn(page, () => {
    type Port = { onDisconnect: { addListener(listener: () => void): void } };
    type Runtime = { connect(...args: unknown[]): Port };
    const scope = globalThis as unknown as {
      browser?: { runtime: Runtime };
      chrome?: { runtime: Runtime };
      __ports?: { opened: number; closed: number };
    };
    const counts = (scope.__ports = { opened: 0, closed: 0 });
    // The polyfill's `browser.runtime.connect` may call the wrapped `chrome.runtime.connect`: count each port once.
    const seen = new WeakSet<Port>();
    for (const runtime of new Set([scope.browser?.runtime, scope.chrome?.runtime])) {
      if (!runtime) continue;
      const connect = runtime.connect.bind(runtime);
      runtime.connect = (...args: unknown[]) => {
        const port = connect(...args);
        if (!seen.has(port)) {
          seen.add(port);
          counts.opened += 1;
          port.onDisconnect.addListener(() => (counts.closed += 1));
        }
        return port;
      };
    }
  });
  const read = () => evaluateIn(page, () => (globalThis as unknown as { __ports: { opened: number; closed: number } }).__ports);
  return { opened: async () => (await read()).opened, closed: async () => (await read()).closed };
}
