import type { Page } from 'playwright-core';

/**
 * Opens the panel page as a tab whose `browser.devtools` is a stand-in wired to a real page: eval runs
 * in `inspected` (a real page with the real SDK) and resolves the way Chrome's does, reload reloads it,
 * navigation is reported. Everything else in the panel is the real extension.
 */
export async function openPanelInspecting(panel: Page, inspected: Page, panelUrl: string, theme: 'default' | 'dark' = 'default'): Promise<void> {
  // The panel's `inspectedWindow.tabId` is the real tab's: the background reaches the page through it. The browser
  // shows an extension the URLs of the tabs on sites it may reach, which is how the tab is found.
  await panel.goto(panelUrl);
  const tabId = await panel.evaluate(async (url) => {
    const tabs: Array<{ id?: number; url?: string }> = await (globalThis as any).chrome.tabs.query({});
    return tabs.find((tab) => tab.url === url)?.id ?? null;
  }, inspected.url());
  if (tabId === null) throw new Error(`No tab shows ${inspected.url()} to the extension: is its site allowed (launch option allowedSites)?`);
  await panel.exposeBinding('__inspectedEval', async (_source, expression: string) => inspected.evaluate(expression));
  await panel.exposeBinding('__inspectedReload', async () => {
    await inspected.reload({ waitUntil: 'commit' });
  });
  inspected.on('framenavigated', (frame) => {
    if (frame === inspected.mainFrame()) void panel.evaluate(() => (window as any).__inspectedNavigated?.()).catch(() => undefined);
  });
  await panel.addInitScript(
    ({ themeName, tabId }) => {
      const listeners = new Set<() => void>();
      (window as any).__inspectedNavigated = () => listeners.forEach((listener) => listener());
      const devtools = {
        inspectedWindow: {
          tabId,
          eval: (expression: string) => (window as any).__inspectedEval(expression),
          reload: () => void (window as any).__inspectedReload(),
        },
        network: { onNavigated: { addListener: (l: () => void) => listeners.add(l), removeListener: (l: () => void) => listeners.delete(l) } },
        panels: { themeName },
      };
      for (const api of [(globalThis as any).browser, (globalThis as any).chrome]) {
        if (api) Object.defineProperty(api, 'devtools', { value: devtools, configurable: true });
      }
    },
    { themeName: theme, tabId },
  );
  await panel.goto(panelUrl);
}
