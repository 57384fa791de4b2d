import type { Page } from 'playwright-core';

/**
 * Opens the panel page as a tab whose `browser.devtools` is a stand-in wired to a real page: eval runs
 * in `inspected` (a real page with the real SDK) and resolves the way Chrome's does, reload reloads it,
 * navigation is reported. Everything else in the panel is the real extension.
 */
export async function openPanelInspecting(panel: Page, inspected: Page, panelUrl: string, theme: 'default' | 'dark' = 'default'): Promise<void> {
  await panel.exposeBinding('__inspectedEval', async (_source, expression: string) => inspected.evaluate(expression));
  await panel.exposeBinding('__inspectedReload', async () => {
    await inspected.reload({ waitUntil: 'commit' });
  });
  inspected.on('framenavigated', (frame) => {
    if (frame === inspected.mainFrame()) void panel.evaluate(() => (window as any).__inspectedNavigated?.()).catch(() => undefined);
  });
  await panel.addInitScript((themeName) => {
    const listeners = new Set<() => void>();
    (window as any).__inspectedNavigated = () => listeners.forEach((listener) => listener());
    const devtools = {
      inspectedWindow: {
        tabId: 1,
        eval: (expression: string) => (window as any).__inspectedEval(expression),
        reload: () => void (window as any).__inspectedReload(),
      },
      network: { onNavigated: { addListener: (l: () => void) => listeners.add(l), removeListener: (l: () => void) => listeners.delete(l) } },
      panels: { themeName },
    };
    for (const api of [(globalThis as any).browser, (globalThis as any).chrome]) {
      if (api) Object.defineProperty(api, 'devtools', { value: devtools, configurable: true });
    }
  }, theme);
  await panel.goto(panelUrl);
}
