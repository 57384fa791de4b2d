import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { evaluateIn, type AnyPage } from './any-page';
import { launchChromiumWithExtension, type LaunchOptions } from './chromium';
import { launchFirefoxWithExtension, type FirefoxLaunchOptions } from './firefox';
import { allowSiteInFirefox } from './firefox-app-panel';
import { waitFor } from './wait-for';

/**
 * One e2e layer for both browsers: a scenario written once (`describe.each(BROWSERS)`) drives the built extension
 * through these interfaces, and each browser implements them with its own driver: Playwright over CDP in Chromium,
 * Puppeteer over WebDriver BiDi in Firefox. What only one browser can do stays in its own support file and its own
 * scenario, which says why.
 */
export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/** A page of the extension (popup.html, devtools-panel.html) in a tab of its own, used as a tester uses it. */
export interface ExtensionPage {
  /** The driver's own page, for what only that browser's scenario does. */
  readonly page: AnyPage;
  /** The rendered text (`innerText`) of the first element matching `selector` (the whole page by default), or ''. */
  text(selector?: string): Promise<string>;
  /** An attribute of the first element matching `selector`, or null (no such element or attribute). */
  attribute(selector: string, name: string): Promise<string | null>;
  /** How many buttons have the accessible name `name` (0 when none shows). */
  countButtons(name: string): Promise<number>;
  /** Clicks the button whose accessible name is `name`, once it is there and enabled. */
  click(name: string): Promise<void>;
  /** Clicks the button whose text (an avatar's initials aside) contains `text`, once it is there. */
  clickContaining(text: string): Promise<void>;
  /** Fills the field whose `<label>` reads `label` with `value`, in one input event (as a paste does). */
  fill(label: string, value: string): Promise<void>;
  /** Runs `fn(arg)` in the page and resolves to its (JSON-shaped) result. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Loads the page again, in its place behind the active tab. Firefox: only reading works afterwards (`text`,
   * `attribute`, `evaluate`), as Puppeteer's locators lose a reloaded moz-extension page; to click, open it again.
   */
  reloadForReading(): Promise<void>;
  close(): Promise<void>;
}

/** The built extension installed in a freshly launched browser. */
export interface ExtensionUnderTest {
  readonly name: BrowserName;
  /** What the browser calls the toolbar button's API in the extension's pages: `chrome.action` or `browser.browserAction`. */
  readonly actionApi: 'chrome.action' | 'browser.browserAction';
  /** Opens a web page's tab (blank): for a fixture app (`FixtureApp`). */
  newWebPage(): Promise<AnyPage>;
  /** Opens an extension page (e.g. `popup.html`) in a new tab and resolves once it has loaded. */
  openPage(path: string, viewport?: { width: number; height: number }): Promise<ExtensionPage>;
  /** Stops the background as the browser does when it is idle (Chromium's service worker, Firefox's event page). */
  stopBackground(): Promise<void>;
  /** What the extension's pages wrote to their consoles so far, for a failing step's report. */
  consoleMessages(): string[];
  /** Closes the browser; throws if any extension console call carried a secret. */
  close(): Promise<void>;
}

export interface ExtensionLaunchOptions {
  /**
   * Sites (`http://127.0.0.1`) allowed before the test starts, as a tester allows them: in Chromium through the build's
   * manifest (headless Chromium never shows the permission prompt), in Firefox with a click in the popup's Sites.
   */
  allowedSites?: string[];
  chromium?: LaunchOptions;
  firefox?: FirefoxLaunchOptions;
}

/** Launches `name` with the built extension (see `launchChromiumWithExtension` and `launchFirefoxWithExtension`). */
export async function launchExtension(name: BrowserName, options: ExtensionLaunchOptions = {}): Promise<ExtensionUnderTest> {
  const allowedSites = options.allowedSites ?? [];
  if (name === 'chromium') {
    const browser = await launchChromiumWithExtension({
      ...options.chromium,
      allowedSites: [...(options.chromium?.allowedSites ?? []), ...allowedSites],
    });
    return {
      name,
      actionApi: 'chrome.action',
      newWebPage: () => browser.context.newPage(),
      openPage: async (path, viewport) => playwrightPage(await browser.openPage(path, viewport)),
      stopBackground: () => browser.stopServiceWorker(),
      consoleMessages: () => browser.consoleMessages(),
      close: () => browser.close(),
    };
  }
  const firefox = await launchFirefoxWithExtension(options.firefox);
  try {
    for (const site of allowedSites) await allowSiteInFirefox(firefox, site);
  } catch (error) {
    await firefox.close();
    throw error;
  }
  return {
    name,
    actionApi: 'browser.browserAction',
    newWebPage: () => firefox.browser.newPage(),
    openPage: async (path, viewport) => puppeteerPage(await firefox.openPage(path, viewport)),
    async stopBackground() {
      await firefox.stopEventPage();
      if (await firefox.isEventPageRunning()) throw new Error('The event page still runs after it was terminated');
    },
    consoleMessages: () => firefox.consoleMessages,
    close: () => firefox.close(),
  };
}

/** Runs in the page: the text of an element as a tester reads it. */
const textOf = (selector: string) => document.querySelector<HTMLElement>(selector)?.innerText ?? '';
/** Runs in the page: the id of the field the `<label>` reading `label` names (its `for`, or the field inside it). */
const fieldIdOf = (label: string) => {
  const found = [...document.querySelectorAll('label')].find((candidate) => candidate.textContent?.trim() === label);
  return found?.htmlFor || found?.querySelector('input, select, textarea')?.id || null;
};

function common(page: AnyPage): Pick<ExtensionPage, 'page' | 'text' | 'attribute' | 'evaluate'> {
  return {
    page,
    text: (selector = 'body') => evaluateIn(page, textOf, selector),
    attribute: (selector, name) =>
      evaluateIn(page, ({ css, attribute }: { css: string; attribute: string }) => document.querySelector(css)?.getAttribute(attribute) ?? null, {
        css: selector,
        attribute: name,
      }),
    evaluate: (fn, arg) => evaluateIn(page, fn, arg),
  };
}

/** Chromium: Playwright's locators, the tab brought to the front first (Chromium pauses frames in background tabs). */
function playwrightPage(page: PlaywrightPage): ExtensionPage {
  const field = async (label: string) => {
    const id = await page.evaluate(fieldIdOf, label);
    if (!id) throw new Error(`No field labelled "${label}"`);
    return page.locator(`[id="${id}"]`);
  };
  return {
    ...common(page),
    countButtons: (name) => page.getByRole('button', { name, exact: true }).count(),
    async click(name) {
      await page.bringToFront();
      await page.getByRole('button', { name, exact: true }).click();
    },
    async clickContaining(text) {
      await page.bringToFront();
      await page.locator('button', { hasText: text }).first().click();
    },
    async fill(label, value) {
      await page.bringToFront();
      await (await field(label)).fill(value);
    },
    async reloadForReading() {
      await page.reload();
    },
    close: () => page.close(),
  };
}

/**
 * Firefox: Puppeteer's ARIA queries over BiDi. No reload: the extension page's document is swapped for one in the
 * extension process, and Puppeteer's locators lose it; open the page again instead.
 */
function puppeteerPage(page: PuppeteerPage): ExtensionPage {
  const button = (name: string) => page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`);
  return {
    ...common(page),
    async countButtons(name) {
      return (await page.$$(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`)).length;
    },
    async click(name) {
      await button(name).click();
    },
    async clickContaining(text) {
      const found = await page.waitForFunction(
        (wanted: string) =>
          [...document.querySelectorAll('button')].find((candidate) => (candidate.textContent ?? '').replace(/\s+/g, ' ').includes(wanted)),
        { timeout: 10_000 },
        text,
      );
      await (found as unknown as { click(): Promise<void> }).click();
    },
    async fill(label, value) {
      const id = await page.waitForFunction(fieldIdOf, { timeout: 10_000 }, label);
      // In one input event: Puppeteer would otherwise type key by key, and a render in between can put the field's
      // previous text back in front of the keys typed after it.
      await page.locator(`[id="${String(await id.jsonValue())}"]`).fill(value, { typingThreshold: 0 });
    },
    async reloadForReading() {
      // The old document is marked, so the wait is for the new one; a question that reaches the tab while its document
      // is swapped fails inside Firefox's BiDi (see firefox.ts's openPage), which means "not yet".
      await page.evaluate(() => void ((window as unknown as { e2eOld?: boolean }).e2eOld = true));
      page.reload().catch(() => undefined);
      await waitFor(
        'the page to load again',
        () => page.evaluate(() => !(window as unknown as { e2eOld?: boolean }).e2eOld && document.readyState === 'complete').catch(() => false),
        10_000,
        25,
      );
    },
    close: () => page.close(),
  };
}
