import type { CDPSession } from 'playwright-core';
import { createHiddenTargets } from './hidden-targets';

/**
 * Drives Chromium's real DevTools front end, which Playwright hides. This leans on DevTools internals
 * (toolchain doc), so it all stays in this one helper.
 */
export function createDevtoolsFrontend(cdp: CDPSession) {
  const { targets, attach, evaluate, waitFor, handle } = createHiddenTargets(cdp);

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
        ...handle(sendToPanel),
        /** PNG bytes of the whole DevTools window with the panel shown. */
        async screenshot(): Promise<Buffer> {
          const { data } = await sendToFrontend<{ data: string }>('Page.captureScreenshot', { format: 'png' });
          return Buffer.from(data, 'base64');
        },
      };
    },
  };
}
