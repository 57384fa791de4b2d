import type { BrowserContext, Page } from 'playwright-core';
import type { RequestType } from '@/lib/protocol';

type ProbeWindow = Window & { __onProbedRequest?: () => void };

/**
 * Opens an extension page that tells the test the moment its own code sends a request of `type` to the
 * background: every port the page opens has its `postMessage` watched (messages pass unchanged). For
 * stopping the worker while exactly that request is in flight. `opened` settles when navigation is done.
 */
export async function openPageWithRequestProbe(
  context: BrowserContext,
  url: string,
  type: RequestType,
  viewport = { width: 1000, height: 900 },
): Promise<{ page: Page; sent: Promise<void>; opened: Promise<unknown> }> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  let markSent!: () => void;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  await page.exposeFunction('__onProbedRequest', () => markSent());
  await page.addInitScript((watched) => {
    type Port = { postMessage(message: unknown): void };
    type Runtime = { connect(...args: unknown[]): Port };
    const scope = globalThis as unknown as { browser?: { runtime: Runtime }; chrome?: { runtime: Runtime } };
    for (const runtime of new Set([scope.browser?.runtime, scope.chrome?.runtime])) {
      if (!runtime) continue;
      const connect = runtime.connect.bind(runtime);
      runtime.connect = (...args: unknown[]) => {
        const port = connect(...args);
        const post = port.postMessage.bind(port);
        port.postMessage = (message: unknown) => {
          post(message);
          if ((message as { request?: { type?: string } } | null)?.request?.type === watched) (window as ProbeWindow).__onProbedRequest?.();
        };
        return port;
      };
    }
  }, type);
  const opened = page.goto(url);
  opened.catch(() => undefined); // awaited by the caller after it acted on `sent`
  return { page, sent, opened };
}
