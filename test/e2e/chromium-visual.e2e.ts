import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { expectOnlyPinnedFaces, measureFontFaces } from './support/pinned-fonts';
import { PopupPage } from './support/popup-page';
import { openPanelInspecting } from './support/stubbed-devtools';
import { expectScreenToMatchBaseline } from './support/visual-baseline';
import { routeVisualNetwork, seedVisualState, VISUAL_NOW, VISUAL_PAGE_ORIGIN, waitForAvatars } from './support/visual-state';

type Scheme = 'light' | 'dark';
const SCHEMES: Scheme[] = ['light', 'dark'];

/**
 * What a person sees, compared pixel by pixel with the committed baselines (test/e2e/baselines/chromium): the popup's
 * screens and the devtools panel in a narrow and a wide dock, light and dark, with fixed content (visual-state.ts).
 * Refresh the baselines after an intended change with `npm run baselines` (docs/testing.md, "Visual checks").
 */
describe('what the popup and the panel look like in Chromium', () => {
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  let inspected: Page;

  beforeAll(async () => {
    browser = await launchChromiumWithExtension({
      locale: 'en-US',
      timezoneId: 'UTC',
      allowedSites: [VISUAL_PAGE_ORIGIN],
      // A pane scrolled into view shows an overlay scrollbar that fades out in about a second: no screen may catch it.
      extraArgs: ['--hide-scrollbars'],
      pinnedFonts: true,
    });
    await routeVisualNetwork(browser.context);
    // The panel shows a token's age ("N days old"): the pages' clock stands still five days after the fixed tokens.
    await browser.context.clock.setFixedTime(VISUAL_NOW);
    // The popup is 360 px wide; the set-up form adds a 10 px margin each side. The height grows to the content.
    popup = new PopupPage(await browser.openPage('popup.html', { width: 380, height: 200 }));
    inspected = await browser.context.newPage();
    await inspected.goto(`${VISUAL_PAGE_ORIGIN}/`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  /**
   * Shows the screen in each scheme (`show` returns the page showing it) and compares every shot before failing,
   * so one run names every changed screen.
   */
  async function expectScreens(screen: string, show: (scheme: Scheme) => Promise<Page>): Promise<void> {
    const failures: string[] = [];
    for (const scheme of SCHEMES) {
      const page = await show(scheme);
      await waitForAvatars(page);
      // A tab's id is the browser's, new on every run: the rows' short form of it is left unpainted (in place, so a
      // row scrolled out of the list stays clipped, as a mask would not).
      const png = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide', style: '.tab-id { visibility: hidden; }' });
      try {
        expectScreenToMatchBaseline('chromium', `${screen}-${scheme}`, png);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }

  const popupIn = async (scheme: Scheme) => {
    await popup.page.emulateMedia({ colorScheme: scheme });
    return popup.page;
  };

  it("should see only the fonts the suite pinned: sans-serif, monospace and the product's stacks are DejaVu, the machine's others hidden", async () => {
    expectOnlyPinnedFaces(await popup.page.evaluate(measureFontFaces));
  });

  it('should show the set-up form as the baseline does', async () => {
    await popup.page.getByRole('button', { name: 'Use the local emulator' }).waitFor();

    await expectScreens('popup-setup', popupIn);
  });

  it('should show the logged-out popup as the baseline does', async () => {
    await seedVisualState(popup.page, { withSessions: false });
    await popup.page.reload();

    await expect.poll(() => popup.currentUser.textContent()).toContain('No user logged in.');
    await expectScreens('popup-logged-out', popupIn);
  });

  it('should show the logged-in popup as the baseline does', async () => {
    // The shop's tab, as the extension knows it: the panel's live strip shows the page agent's report from it.
    const activityTabId = await popup.page.evaluate(
      async (url) => ((await (globalThis as any).chrome.tabs.query({})) as Array<{ id: number; url?: string }>).find((tab) => tab.url === url)!.id,
      inspected.url(),
    );
    await seedVisualState(popup.page, { withSessions: true, activityTabId });
    await browser.stopServiceWorker();
    await popup.page.reload();

    await expect.poll(() => popup.currentUser.textContent()).toContain('Nancy Grace');
    await expectScreens('popup-logged-in', popupIn);
  });

  it("should show the popup's This tab on a pinned tab as the baseline does", async () => {
    const activityTabId = await popup.page.evaluate(
      async (url) => ((await (globalThis as any).chrome.tabs.query({})) as Array<{ id: number; url?: string }>).find((tab) => tab.url === url)!.id,
      inspected.url(),
    );
    await seedVisualState(popup.page, { withSessions: true, activityTabId, pinned: true });
    await browser.stopServiceWorker();
    // Whether This tab is there in the first paint of the main view (the extension's card), not a moment after it.
    await popup.page.addInitScript(() => {
      const page = window as unknown as { thisTabInFirstPaint?: boolean };
      new MutationObserver(() => {
        if (page.thisTabInFirstPaint !== undefined || !document.querySelector('[data-testid="current-user"]')) return;
        page.thisTabInFirstPaint = document.querySelector('[data-testid="this-tab-user"]') !== null;
      }).observe(document, { childList: true, subtree: true });
    });
    await popup.page.reload();

    await expect.poll(() => popup.page.getByTestId('this-tab-user').textContent()).toContain('Susan Marie (cometchat-uid-4) · pinned');
    expect(await popup.page.evaluate(() => (window as unknown as { thisTabInFirstPaint?: boolean }).thisTabInFirstPaint)).toBe(true);
    await expectScreens('popup-this-tab-pinned', popupIn);
    // The screens after this one see the shop's tab unpinned, as the logged-in popup left it.
    await seedVisualState(popup.page, { withSessions: true, activityTabId });
    await browser.stopServiceWorker();
  });

  /** The panel page with a stubbed devtools API inspecting the fixed page; DevTools' theme picks light or dark. */
  async function openPanel(width: number, scheme: Scheme): Promise<Page> {
    const panel = await browser.context.newPage();
    await panel.setViewportSize({ width, height: 700 });
    await openPanelInspecting(
      panel,
      inspected,
      `chrome-extension://${browser.extensionId}/devtools-panel.html`,
      scheme === 'dark' ? 'dark' : 'default',
    );
    await panel.getByTestId('page-user').getByText('Susan Marie').waitFor();
    await expect.poll(() => panel.getByTestId('event-count').textContent()).toBe('6 events');
    return panel;
  }

  it.each([
    ['narrow', 360],
    ['wide', 1100],
  ])('should show the panel in a %s dock (%i px) as the baseline does', async (dock, width) => {
    const panels: Page[] = [];
    try {
      await expectScreens(`panel-${dock}`, async (scheme) => panels[panels.push(await openPanel(width, scheme)) - 1]!);
    } finally {
      for (const panel of panels) await panel.close();
    }
  });

  it.each([
    ['narrow', 360],
    ['wide', 1100],
  ])('should show an opened timeline row in a %s dock (%i px) as the baseline does: its details beside it or under it', async (dock, width) => {
    const panels: Page[] = [];
    try {
      await expectScreens(`panel-${dock}-details`, async (scheme) => {
        const panel = await openPanel(width, scheme);
        panels.push(panel);
        await panel.locator('[data-seq="2"]').click();
        await panel.getByTestId('event-details').waitFor();
        return panel;
      });
    } finally {
      for (const panel of panels) await panel.close();
    }
  });

  it('should hold a 360 px dock: no horizontal scroll, the live strip and the timeline on the first screen', async () => {
    const panel = await openPanel(360, 'light');
    try {
      const overflow = await panel.evaluate(() =>
        ['html', 'main.panel', '.panel-main', '.panel-side'].map((selector) => {
          const element = document.querySelector(selector)!;
          return element.scrollWidth - element.clientWidth;
        }),
      );
      const strip = (await panel.getByTestId('monitor-strip').boundingBox())!;
      const list = (await panel.getByRole('list', { name: 'Auth event timeline' }).boundingBox())!;

      expect(overflow, 'px of horizontal scroll: the page, the panel, its main pane, its side pane').toEqual([0, 0, 0, 0]);
      expect(strip.y + strip.height, 'the live strip on the first screen').toBeLessThan(700);
      expect(list.y, 'the timeline starts on the first screen').toBeLessThan(700 / 2);
    } finally {
      await panel.close();
    }
  });

  it('should show a failed login in the popup as the baseline does', async () => {
    await popup.page.bringToFront();
    await popupIn('light');

    await popup.loginWithUid('no-such-user');

    await popup.errorExplanation.waitFor();
    await popup.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await expectScreens('popup-error', popupIn);
  });

  it('should show the Apps view as the baseline does, its checkbox beside "include Auth Keys"', async () => {
    await popup.openApps();
    const checkbox = popup.page.getByLabel('include Auth Keys');
    await checkbox.waitFor();

    // From the checkbox's right edge to its words: a few pixels, not the popup's width.
    const gap = await checkbox.evaluate((box) => {
      const words = [...box.parentElement!.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim())!;
      const range = document.createRange();
      range.selectNode(words);
      return range.getBoundingClientRect().left - box.getBoundingClientRect().right;
    });
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(12);
    await expectScreens('popup-apps', popupIn);
  });

  it('should show the Sites view as the baseline does: the allowed site, and the app agreed for its origin', async () => {
    await popup.page.reload();
    await popup.page.getByRole('button', { name: 'Sites', exact: true }).click();
    await expect.poll(() => popup.page.locator('main').textContent()).toContain(`into ${VISUAL_PAGE_ORIGIN}`);
    await expectScreens('popup-sites', popupIn);
  });
});
