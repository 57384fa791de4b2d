import type { CDPSession } from 'playwright-core';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/**
 * Drives Chromium's real DevTools front end, which Playwright hides: attach to its target through the
 * browser's CDP session and evaluate inside it. This leans on DevTools internals (toolchain doc), so it
 * all stays in this one helper.
 */
export function createDevtoolsFrontend(cdp: CDPSession) {
  let nextId = 1;
  const waiting = new Map<number, (reply: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message) as { id?: number; result?: unknown; error?: { message: string } };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });

  async function targets(): Promise<TargetInfo[]> {
    return ((await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] }).targetInfos;
  }

  /** Attaches (unflattened) to a target and returns a `send` for raw CDP calls into it. */
  async function attach(targetId: string) {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
    return <T>(method: string, params: object = {}): Promise<T> => {
      const id = nextId++;
      const reply = new Promise<T>((resolve, reject) =>
        waiting.set(id, (answer) => {
          waiting.delete(id);
          if (answer.error) reject(new Error(`${method}: ${answer.error.message}`));
          else resolve(answer.result as T);
        }),
      );
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      return reply;
    };
  }

  async function evaluate<T>(send: Awaited<ReturnType<typeof attach>>, expression: string): Promise<T> {
    const { result, exceptionDetails } = await send<{ result: { value: T }; exceptionDetails?: { text: string } }>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
    );
    if (exceptionDetails) throw new Error(`DevTools evaluation failed: ${exceptionDetails.text}`);
    return result.value;
  }

  async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null>, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  return {
    /**
     * Finds the DevTools window, selects the extension's panel tab in it, and returns handles to read
     * the panel page and to screenshot the whole DevTools window.
     */
    async openExtensionPanel(extensionId: string, inspectedUrlPrefix: string) {
      // Every tab has its own DevTools window: pick the one inspecting the page under test.
      const sendToFrontend = await waitFor('the DevTools window of the inspected page', async () => {
        const frontends = (await targets()).filter((target) => target.url.startsWith('devtools://devtools/bundled/devtools_app.html'));
        for (const frontend of frontends) {
          const send = await attach(frontend.targetId);
          const inspectedUrl = await evaluate<string | null>(
            send,
            `(async () => {
              const SDK = await import('./core/sdk/sdk.js');
              return SDK.TargetManager.TargetManager.instance().primaryPageTarget()?.inspectedURL() ?? null;
            })()`,
          ).catch(() => null);
          if (inspectedUrl?.startsWith(inspectedUrlPrefix)) return send;
        }
        return null;
      });
      const panelTabId = await waitFor('the extension panel tab in DevTools', () =>
        evaluate<string | null>(
          sendToFrontend,
          `(async () => {
            const UI = await import('./ui/legacy/legacy.js');
            // Asking for the instance before DevTools has set itself up throws: wait until it exists.
            const view = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance?.();
            if (!view) return null;
            const id = view.tabbedPane.tabIds().find((tab) => tab.startsWith('chrome-extension://${extensionId}'));
            if (id) await view.showPanel(id);
            return id ?? null;
          })()`,
        ),
      );
      const panel = await waitFor('the panel page inside DevTools', async () =>
        (await targets()).find((target) => target.url === `chrome-extension://${extensionId}/devtools-panel.html`),
      );
      const sendToPanel = await attach(panel.targetId);
      return {
        panelTabId,
        /** The panel's visible text, as a tester would read it. */
        text: () => evaluate<string>(sendToPanel, 'document.body.innerText'),
        /** The event rows of the timeline, oldest first, as "type uid". */
        events: () =>
          evaluate<string[]>(
            sendToPanel,
            `[...document.querySelectorAll('[aria-label="Auth event timeline"] [data-seq]')]
              .sort((a, b) => a.dataset.seq - b.dataset.seq)
              .map((row) => row.dataset.type + ' ' + row.querySelector('.event-uid').textContent)`,
          ),
        /** Clicks the panel's button with this accessible name (its aria-label or its text). */
        click: (name: string) =>
          evaluate<void>(
            sendToPanel,
            `(() => {
              const button = [...document.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent.trim()) === ${JSON.stringify(name)});
              if (!button) throw new Error('No button named ' + ${JSON.stringify(name)});
              button.click();
            })()`,
          ),
        /** PNG bytes of the whole DevTools window with the panel shown. */
        async screenshot(): Promise<Buffer> {
          const { data } = await sendToFrontend<{ data: string }>('Page.captureScreenshot', { format: 'png' });
          return Buffer.from(data, 'base64');
        },
      };
    },
  };
}
