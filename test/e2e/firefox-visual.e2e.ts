import { readFileSync } from 'node:fs';
import { DB_NAME, META_KEYS, STORES } from '@/lib/store/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { allowSiteInFirefox } from './support/firefox-app-panel';
import { openFirefoxToolbarPopup } from './support/firefox-popup';
import { FirefoxPopupPage } from './support/firefox-popup-page';
import { expectOnlyPinnedFaces, measureFontFaces } from './support/pinned-fonts';
import { expectScreenToMatchBaseline } from './support/visual-baseline';
import { waitFor } from './support/wait-for';
import {
  agentHasReported,
  avatarsSettled,
  seedVisualDatabase,
  serveVisualPageToFirefox,
  VISUAL_PAGE_ORIGIN,
  visualSeed,
} from './support/visual-state';

/** A tab id for the app's own event in the panel's screens: fixed, so the row's "tab 42" is the same on every run. */
const PANEL_TAB_ID = 42;

/**
 * The popup in Firefox ESR compared pixel by pixel with test/e2e/baselines/firefox: set-up form, logged out, logged in,
 * with the fixed content of visual-state.ts. One launch per colour scheme: Firefox takes it as a pref at start-up.
 */
describe.each(['light', 'dark'] as const)('what the popup looks like in a Firefox that prefers %s', (scheme) => {
  let firefox: FirefoxWithExtension;
  let popup: FirefoxPopupPage;
  let shopServer: Awaited<ReturnType<typeof serveVisualPageToFirefox>>;

  beforeAll(async () => {
    shopServer = await serveVisualPageToFirefox();
    firefox = await launchFirefoxWithExtension({ colorScheme: scheme, pinnedFonts: true, prefs: shopServer.prefs });
    popup = new FirefoxPopupPage(await firefox.openPage('popup.html', { width: 380, height: 200 }));
  });

  afterAll(async () => {
    await firefox?.close();
    await shopServer?.close();
  });

  async function expectScreen(screen: string, page = popup.page): Promise<void> {
    // Offline, a test user's picture fails to load and the tile shows initials; wait until each one has settled.
    await page.waitForFunction(avatarsSettled, { timeout: 10_000 });
    const png = Buffer.from(await page.screenshot({ fullPage: true }));
    expectScreenToMatchBaseline('firefox', `${screen}-${scheme}`, png);
  }

  /** Writes the fixed content and reloads the popup (Firefox's reload resolves late, as its first load does). */
  async function seedAndReload(withSessions: boolean): Promise<void> {
    await popup.page.evaluate(seedVisualDatabase, visualSeed(withSessions));
    popup.page.reload().catch(() => undefined);
    await popup.page.waitForFunction(() => document.readyState === 'complete' && document.querySelector('[data-testid="current-user"]') !== null, {
      timeout: 10_000,
    });
  }

  it("should see only the fonts the suite pinned: sans-serif, monospace and the product's stacks are DejaVu, the machine's others hidden", async () => {
    expectOnlyPinnedFaces(await popup.page.evaluate(measureFontFaces));
  });

  it('should show the set-up form as the baseline does', async () => {
    await popup.page.waitForFunction(() => document.body.textContent?.includes('Use the local emulator'), { timeout: 10_000 });

    await expectScreen('popup-setup');
  });

  it('should show the logged-out popup as the baseline does', async () => {
    await seedAndReload(false);

    await expect.poll(() => popup.currentUser()).toContain('No user logged in.');
    await expectScreen('popup-logged-out');
  });

  it('should show the logged-in popup as the baseline does', async () => {
    await seedAndReload(true);

    await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
    await expectScreen('popup-logged-in');
  });

  /**
   * The real toolbar popup (its width is Firefox's to choose, and a classic scrollbar takes from it) opened over the
   * shop's tab: This tab unpinned, then pinned, with the fixed content and the shop's tab state seeded (the event page
   * stopped, so it reads them). Nothing may stick out at the right.
   */
  it('should show This tab in the real toolbar popup on an unpinned and a pinned tab as the baselines do, nothing cut at the right', async () => {
    await allowSiteInFirefox(firefox, `${VISUAL_PAGE_ORIGIN}/`);
    const shop = await firefox.browser.newPage();
    try {
      await shop.goto(`${VISUAL_PAGE_ORIGIN}/`);
      const tabId = await popup.page.evaluate(
        async (url) => ((await (globalThis as any).browser.tabs.query({})) as Array<{ id: number; url?: string }>).find((tab) => tab.url === url)!.id,
        shop.url(),
      );
      await waitFor(
        "the shop's page agent to report",
        () => popup.page.evaluate(agentHasReported, { name: DB_NAME, stores: STORES, keys: META_KEYS, tabId }),
        10_000,
      );
      for (const [pinned, says] of [
        [false, "Susan Marie (cometchat-uid-4) · the site's shared session"],
        [true, 'Susan Marie (cometchat-uid-4) · pinned'],
      ] as const) {
        await popup.page.evaluate(seedVisualDatabase, visualSeed(true, tabId, pinned));
        await firefox.stopEventPage();
        const toolbar = await openFirefoxToolbarPopup(firefox, shop, 'Nancy Grace');
        try {
          await expect.poll(() => toolbar.text('[data-testid="this-tab-user"]')).toContain(says);
          const overflow = await toolbar.overflow();
          expect(overflow.horizontal, 'px the popup sticks out at the right').toBe(0);
          expect(overflow.vertical, 'the popup is taller than its panel, so it has a scrollbar').toBeGreaterThan(0);
          expectScreenToMatchBaseline(
            'firefox',
            `popup-this-tab${pinned ? '-pinned' : ''}-${scheme}`,
            readFileSync(await toolbar.screenshot(`firefox-visual-popup-this-tab${pinned ? '-pinned' : ''}-${scheme}`)),
          );
        } finally {
          await toolbar.close();
        }
      }
    } finally {
      await shop.close();
    }
  });

  /**
   * The panel as a page of its own (outside DevTools there is no inspected page: its side pane says so), with the
   * fixed event log and one of the app's own events from a tab the extension knows as "Shop" (`PANEL_TAB_ID`).
   */
  it.each([
    ['narrow', 360],
    ['wide', 1100],
  ])('should show the panel in a %s dock (%i px) with a row opened as the baseline does, and no horizontal scroll', async (dock, width) => {
    await popup.page.evaluate(seedVisualDatabase, visualSeed(true, PANEL_TAB_ID));
    // The event page keeps what it knows in memory (the shop's tab, when the screen above ran): it reads the seed anew.
    await firefox.stopEventPage();
    const panel = await firefox.openPage('devtools-panel.html', { width, height: 700 });
    try {
      await panel.waitForFunction(() => document.querySelector('[data-testid="event-count"]')?.textContent === '6 events', { timeout: 10_000 });
      // "N days old" counts from today, and Firefox's clock cannot be stood still as Chromium's is: left unpainted.
      await panel.addStyleTag({ content: '[data-testid="token-age"] { visibility: hidden; }' });
      await panel.click('[data-seq="2"]');
      await panel.waitForSelector('[data-testid="event-details"]');

      const layout = await panel.evaluate(() => {
        const row = document.querySelector('[data-seq="2"]')!.getBoundingClientRect();
        const details = document.querySelector('[data-testid="event-details"]')!.getBoundingClientRect();
        return {
          overflow: ['html', 'main.panel', '.panel-main', '.panel-side'].map((selector) => {
            const element = document.querySelector(selector)!;
            return element.scrollWidth - element.clientWidth;
          }),
          beside: details.left >= row.right,
          under: Math.abs(details.top - row.bottom) < 8,
        };
      });

      expect(layout.overflow, 'px of horizontal scroll: the page, the panel, its main pane, its side pane').toEqual([0, 0, 0, 0]);
      expect(layout.beside ? 'beside the row' : layout.under ? 'under the row' : 'elsewhere').toBe(
        dock === 'wide' ? 'beside the row' : 'under the row',
      );
      await expectScreen(`panel-${dock}-details`, panel);
    } finally {
      await panel.close();
    }
  });
});
