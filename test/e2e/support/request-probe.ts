import type { Page } from 'playwright-core';
import type { RequestType } from '@/lib/protocol';
import type { ExtensionUnderTest } from './extension-driver';

type ProbeWindow = Window & {
  __beforeProbedRequest?: () => Promise<void>;
  __onProbedRequest?: () => void;
  __onProbedOutcome?: (outcome: ProbedOutcome) => void;
};

/** What became of the first watched request: its reply arrived, or its port closed first (the request was cut short). */
export type ProbedOutcome = 'replied' | 'port closed';

/**
 * Runs in the page before its own code: watches every port it opens for its `nth` request of type `watched`, which it
 * holds until the test's `beforeSend` has run, then sends.
 */
function watchRequests({ watched, nth }: { watched: RequestType; nth: number }) {
  type Listeners<T> = { addListener(listener: T): void };
  type Port = { postMessage(message: unknown): void; onMessage: Listeners<(message: unknown) => void>; onDisconnect: Listeners<() => void> };
  let watchedId: number | null = null;
  let seen = 0;
  type Runtime = { connect(...args: unknown[]): Port };
  const scope = globalThis as unknown as { browser?: { runtime: Runtime }; chrome?: { runtime: Runtime } };
  for (const runtime of new Set([scope.browser?.runtime, scope.chrome?.runtime])) {
    if (!runtime) continue;
    const connect = runtime.connect.bind(runtime);
    runtime.connect = (...args: unknown[]) => {
      const port = connect(...args);
      const post = port.postMessage.bind(port);
      port.postMessage = (message: unknown) => {
        const sent = message as { id?: number; request?: { type?: string } } | null;
        if (sent?.request?.type !== watched || watchedId !== null || ++seen < nth) return post(message);
        watchedId = sent.id ?? -1;
        const probe = window as ProbeWindow;
        void probe.__beforeProbedRequest!().then(() => {
          post(message);
          void probe.__onProbedRequest?.();
        });
        port.onMessage.addListener((reply) => {
          if ((reply as { kind?: string; id?: number }).kind === 'response' && (reply as { id?: number }).id === watchedId)
            void (window as ProbeWindow).__onProbedOutcome?.('replied');
        });
        port.onDisconnect.addListener(() => void (window as ProbeWindow).__onProbedOutcome?.('port closed'));
      };
      return port;
    };
  }
}

/**
 * Opens the extension page `path` so that it tells the test the moment its own code sends its `nth` request of
 * `type` to the background: every port the page opens has its `postMessage` watched (messages pass unchanged). That
 * request waits until `beforeSend` has settled (e.g. the test holding the database, so the background's answer
 * cannot come before a stop), then goes out, and `sent` settles. For stopping the background while exactly that
 * request is in flight; `outcome` then tells whether the stop really cut it short. `opened` settles when navigation
 * is done.
 *
 * Chromium only (a tab opened blank, given Playwright's init script and bindings before it navigates): in Firefox no
 * script of the test's runs in a moz-extension page before the page's own (WebDriver BiDi's preload scripts do not
 * reach the extension process; tried with Puppeteer's `evaluateOnNewDocument`, the panel ran none).
 */
export async function openPageWithRequestProbe(
  extension: ExtensionUnderTest,
  path: string,
  type: RequestType,
  {
    viewport = { width: 1000, height: 900 },
    nth = 1,
    beforeSend = async () => undefined,
  }: { viewport?: { width: number; height: number }; nth?: number; beforeSend?: () => Promise<unknown> } = {},
): Promise<{ page: Page; sent: Promise<void>; outcome: Promise<ProbedOutcome>; opened: Promise<unknown> }> {
  if (extension.name !== 'chromium') throw new Error(`No request probe in ${extension.name}: it runs no script before an extension page's own`);
  const page = (await extension.newWebPage()) as Page;
  await page.setViewportSize(viewport);
  let markSent!: () => void;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  let settle!: (outcome: ProbedOutcome) => void;
  const outcome = new Promise<ProbedOutcome>((resolve) => (settle = resolve));
  await page.exposeFunction('__beforeProbedRequest', async () => {
    await beforeSend();
  });
  await page.exposeFunction('__onProbedRequest', () => markSent());
  await page.exposeFunction('__onProbedOutcome', (what: ProbedOutcome) => settle(what));
  await page.addInitScript(watchRequests, { watched: type, nth });
  const opened = page.goto(`${extension.extensionOrigin}/${path}`);
  opened.catch(() => undefined); // awaited by the caller after it acted on `sent`
  return { page, sent, outcome, opened };
}
