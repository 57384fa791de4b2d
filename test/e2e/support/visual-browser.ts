import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { evaluateIn, type AnyPage } from './any-page';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './chromium';
import type { BrowserName } from './extension-driver';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './firefox';
import { openPanelInspecting } from './stubbed-devtools';
import { expectScreenToMatchBaseline } from './visual-baseline';
import {
  avatarsSettled,
  routeVisualNetwork,
  seedVisualDatabase,
  serveVisualPageToFirefox,
  VISUAL_NOW,
  VISUAL_PAGE_ORIGIN,
  visualSeed,
  waitForAvatars,
} from './visual-state';

export type Scheme = 'light' | 'dark';

/** A tab id for the app's own event in Firefox's panel screens: fixed, so the row's "tab 42" is the same on every run. */
const FIREFOX_PANEL_TAB_ID = 42;

/**
 * One browser as the visual checks use it, in one colour scheme: the popup as a page, the fixed content
 * (visual-state.ts), the panel, and the screenshot each browser's baselines were taken with. What differs between the
 * browsers is here; `visual.e2e.ts` says which screens each takes.
 */
interface VisualBrowserBase {
  readonly scheme: Scheme;
  /** popup.html in a tab 380 px wide (the popup is 360 px; the set-up form adds a 10 px margin each side). */
  readonly popup: AnyPage;
  /**
   * Writes the fixed content, with or without the held sessions, and loads the popup again. The background is stopped
   * first, so it reads the seed: a running one answers a view from the state it last read itself (only it writes the
   * database in use). Chromium's popup also has the shop's tab as its page agent left it (This tab: Susan Marie, the site's
   * shared session) and, logged in, the agent's report in the log; Firefox's popup in a tab shows no This tab.
   */
  showPopupWith(seed: { withSessions: boolean }): Promise<void>;
  /** Compares `page`'s whole screen (the popup by default) with the baseline `<screen>-<scheme>`, once its avatars have settled. */
  expectScreen(screen: string, page?: AnyPage): Promise<void>;
  /**
   * Opens the devtools panel `width` px wide showing the fixed log (6 events): in Chromium inspecting the shop's page
   * through a stand-in devtools API (DevTools' theme follows the scheme); in Firefox as a page of its own (outside
   * DevTools there is no inspected page: its side pane says so) with one of the app's own events from a tab it knows
   * as "Shop".
   */
  openPanel(width: number): Promise<AnyPage>;
  /** Clicks the first element matching `selector` in `page` (a timeline row). */
  clickElement(page: AnyPage, selector: string): Promise<void>;
  close(): Promise<void>;
}

export interface ChromiumVisual extends VisualBrowserBase {
  readonly name: 'chromium';
  readonly browser: ChromiumWithExtension;
  readonly popup: PlaywrightPage;
  /** The shop's page (`VISUAL_PAGE_ORIGIN`), the panel's inspected page and This tab's tab. */
  readonly inspected: PlaywrightPage;
  openPanel(width: number): Promise<PlaywrightPage>;
  /** The browser's id of the shop's tab. */
  shopTabId(): Promise<number>;
}

export interface FirefoxVisual extends VisualBrowserBase {
  readonly name: 'firefox';
  readonly firefox: FirefoxWithExtension;
  readonly popup: PuppeteerPage;
}

export type VisualBrowser = ChromiumVisual | FirefoxVisual;

export function launchVisualBrowser(name: BrowserName, scheme: Scheme): Promise<VisualBrowser> {
  return name === 'chromium' ? launchChromiumVisual(scheme) : launchFirefoxVisual(scheme);
}

async function launchChromiumVisual(scheme: Scheme): Promise<ChromiumVisual> {
  const browser = await launchChromiumWithExtension({
    locale: 'en-US',
    timezoneId: 'UTC',
    allowedSites: [VISUAL_PAGE_ORIGIN],
    // A pane scrolled into view shows an overlay scrollbar that fades out in about a second: no screen may catch it.
    extraArgs: ['--hide-scrollbars'],
    pinnedFonts: true,
  });
  try {
    await routeVisualNetwork(browser.context);
    // The panel shows a token's age ("N days old"): the pages' clock stands still five days after the fixed tokens.
    await browser.context.clock.setFixedTime(VISUAL_NOW);
    const popup = await browser.openPage('popup.html', { width: 380, height: 200 });
    // The popup page alone prefers the scheme; the panel follows DevTools' theme (`openPanel`), as in real DevTools.
    await popup.emulateMedia({ colorScheme: scheme });
    const inspected = await browser.context.newPage();
    await inspected.goto(`${VISUAL_PAGE_ORIGIN}/`);
    const shopTabId = () =>
      popup.evaluate(
        async (url) => ((await (globalThis as any).chrome.tabs.query({})) as Array<{ id: number; url?: string }>).find((tab) => tab.url === url)!.id,
        inspected.url(),
      );
    return {
      name: 'chromium',
      scheme,
      browser,
      popup,
      inspected,
      shopTabId,
      async showPopupWith({ withSessions }) {
        await popup.evaluate(seedVisualDatabase, visualSeed(withSessions, await shopTabId()));
        await browser.stopServiceWorker();
        await popup.reload();
      },
      async expectScreen(screen, page = popup) {
        const shown = page as PlaywrightPage;
        await waitForAvatars(shown);
        // A tab's id is the browser's, new on every run: the rows' short form of it is left unpainted (in place, so a
        // row scrolled out of the list stays clipped, as a mask would not).
        const png = await shown.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide', style: '.tab-id { visibility: hidden; }' });
        expectScreenToMatchBaseline('chromium', `${screen}-${scheme}`, png);
      },
      async openPanel(width) {
        const panel = await browser.context.newPage();
        await panel.setViewportSize({ width, height: 700 });
        await openPanelInspecting(
          panel,
          inspected,
          `chrome-extension://${browser.extensionId}/devtools-panel.html`,
          scheme === 'dark' ? 'dark' : 'default',
        );
        await panel.getByTestId('page-user').getByText('Susan Marie').waitFor();
        await panel.waitForFunction(() => document.querySelector('[data-testid="event-count"]')?.textContent === '6 events', undefined, {
          timeout: 10_000,
        });
        return panel;
      },
      clickElement: (page, selector) => (page as PlaywrightPage).locator(selector).first().click(),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** One launch per scheme: Firefox takes it as a pref at start-up, and the real toolbar popup follows the browser's theme. */
async function launchFirefoxVisual(scheme: Scheme): Promise<FirefoxVisual> {
  const shopServer = await serveVisualPageToFirefox();
  let firefox: FirefoxWithExtension;
  try {
    firefox = await launchFirefoxWithExtension({ colorScheme: scheme, pinnedFonts: true, prefs: shopServer.prefs });
  } catch (error) {
    await shopServer.close();
    throw error;
  }
  const close = async () => {
    try {
      await firefox.close();
    } finally {
      await shopServer.close();
    }
  };
  try {
    const popup = await firefox.openPage('popup.html', { width: 380, height: 200 });
    return {
      name: 'firefox',
      scheme,
      firefox,
      popup,
      async showPopupWith({ withSessions }) {
        await popup.evaluate(seedVisualDatabase, visualSeed(withSessions));
        await firefox.stopEventPage();
        // Firefox's reload resolves late, as its first load does: the new document is watched for.
        popup.reload().catch(() => undefined);
        await popup.waitForFunction(() => document.readyState === 'complete' && document.querySelector('[data-testid="current-user"]') !== null, {
          timeout: 10_000,
        });
      },
      async expectScreen(screen, page = popup) {
        const shown = page as PuppeteerPage;
        // Offline, a test user's picture fails to load and the tile shows initials; wait until each one has settled.
        await shown.waitForFunction(avatarsSettled, { timeout: 10_000 });
        expectScreenToMatchBaseline('firefox', `${screen}-${scheme}`, Buffer.from(await shown.screenshot({ fullPage: true })));
      },
      async openPanel(width) {
        await popup.evaluate(seedVisualDatabase, visualSeed(true, FIREFOX_PANEL_TAB_ID));
        // The event page keeps what it knows in memory (the shop's tab, from the toolbar popup's screens): it reads the seed anew.
        await firefox.stopEventPage();
        const panel = await firefox.openPage('devtools-panel.html', { width, height: 700 });
        await panel.waitForFunction(() => document.querySelector('[data-testid="event-count"]')?.textContent === '6 events', { timeout: 10_000 });
        // "N days old" counts from today, and Firefox's clock cannot be stood still as Chromium's is: left unpainted.
        await panel.addStyleTag({ content: '[data-testid="token-age"] { visibility: hidden; }' });
        return panel;
      },
      clickElement: (page, selector) => (page as PuppeteerPage).click(selector),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The rendered text of the first element matching `selector` in `page`, or ''. */
export function shownText(page: AnyPage, selector: string): Promise<string> {
  return evaluateIn(page, (css) => document.querySelector<HTMLElement>(css)?.innerText ?? '', selector);
}
