import { siteOf } from '@/lib/sites';
import type { FirefoxWithExtension } from './firefox';
import type { FirefoxDevtoolsPanel } from './firefox-devtools';

/**
 * What the Firefox suites read of the panel's page monitor, timeline and Tabs card, through the real DevTools panel
 * (`firefox-devtools.ts`): the same readings as `PanelPage` gives the Chromium suites, by the same selectors.
 */

/** The live line about the inspected tab (SDK, user, WebSocket, pin). */
export const MONITOR_STRIP = '[data-testid="monitor-strip"]';

/** Each open tab of the site as the Tabs card shows it: its title, user line and warnings. */
export async function panelAppTabRows(panel: FirefoxDevtoolsPanel): Promise<{ tabId: number; text: string; stale: boolean; pinned: boolean }[]> {
  return (await panel.all('[data-testid="app-tab"]')).map((row) => ({
    tabId: Number(row.data['tab-id']),
    text: row.text,
    stale: row.data.stale === 'true',
    pinned: row.data.pinned === 'true',
  }));
}

/**
 * Allows the extension on `url`'s site as a tester does in Firefox: the popup's Allowed sites, opened in a tab with
 * `#allow=<origin>`, and a click on "Allow access to <site>" (the launch pref lets the click grant it without
 * Firefox's prompt). Only documents loaded afterwards get the page agent. The button and the outcome are found by the
 * site they name, not by their words: the same in any locale (pseudo-locale.e2e.ts runs a pseudo-localized build).
 */
export async function allowSiteInFirefox(firefox: FirefoxWithExtension, url: string): Promise<void> {
  const site = siteOf(url);
  const access = await firefox.openPage(`popup.html#allow=${encodeURIComponent(url)}`);
  const allow = await access.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll<HTMLButtonElement>('[data-testid="site-offer"] button')].find(
        (button) => !button.disabled && (button.textContent ?? '').includes(wanted),
      ),
    { timeout: 10_000 },
    site,
  );
  await (allow as unknown as { click(): Promise<void> }).click();
  // Allowed: the outcome names the site, and the offer is gone (it stays while the site has no access).
  await access.waitForFunction(
    (wanted) =>
      !document.querySelector('[data-testid="site-offer"]') && (document.querySelector('[role="status"]')?.textContent ?? '').includes(wanted),
    { timeout: 10_000 },
    site,
  );
  await access.close();
}
