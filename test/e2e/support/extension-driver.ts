import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { ElementHandle, KeyInput, Page as PuppeteerPage } from 'puppeteer-core';
import { evaluateIn, type AnyPage } from './any-page';
import { launchChromiumWithExtension, type LaunchOptions } from './chromium';
import { launchFirefoxWithExtension, type FirefoxLaunchOptions } from './firefox';
import { allowSiteInFirefox } from './firefox-app-panel';
import { waitFor } from './wait-for';
import { bidiConnection } from './firefox-chrome';
import { screenshotPath } from './paths';

/**
 * One e2e layer for both browsers: a scenario written once (`describe.each(BROWSERS)`) drives the built extension
 * through these interfaces, and each browser implements them with its own driver: Playwright over CDP in Chromium,
 * Puppeteer over WebDriver BiDi in Firefox. What only one browser can do stays in its own support file and its own
 * scenario, which says why.
 */
export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

/** Where a control is looked for: inside the element(s) matching the CSS selector `within`, or the whole page. */
export interface Scope {
  within?: string;
}

/** A page of the extension (popup.html, devtools-panel.html) in a tab of its own, used as a tester uses it. */
export interface ExtensionPage {
  /** The driver's own page, for what only that browser's scenario does. */
  readonly page: AnyPage;
  /** The rendered text (`innerText`) of the first element matching `selector` (the whole page by default), or ''. */
  text(selector?: string): Promise<string>;
  /** An attribute of the first element matching `selector`, or null (no such element or attribute). */
  attribute(selector: string, name: string): Promise<string | null>;
  /** How many elements match the CSS selector `selector` (shown or not). */
  count(selector: string): Promise<number>;
  /** Resolves once an element matching `selector` shows, its text containing `text` if given (10 s at most). */
  waitFor(selector: string, text?: string): Promise<void>;
  /** How many buttons have the accessible name `name` (0 when none shows). */
  countButtons(name: string): Promise<number>;
  /** Clicks the button whose accessible name is `name` (inside `scope.within` if given), once it is there and enabled. */
  click(name: string, scope?: Scope): Promise<void>;
  /** Clicks the `<summary>` whose text is `text` (inside `scope.within` if given): opens or closes its `<details>`. */
  clickSummary(text: string, scope?: Scope): Promise<void>;
  /** Clicks the button whose text (an avatar's initials aside) contains `text`, once it is there. */
  clickContaining(text: string): Promise<void>;
  /** Ticks (`checked` true) or clears the checkbox whose accessible name is `label`, clicking it only if it is not so already. */
  setChecked(label: string, checked: boolean): Promise<void>;
  /** Presses `key` (e.g. "3") in the field whose `<label>` reads `label`, or with no element focused when none is given. */
  press(key: string, label?: string): Promise<void>;
  /** Chooses the option whose text is `option` in the select whose accessible name is `name`, as a tester's pick does. */
  select(name: string, option: string): Promise<void>;
  /** Gives the file input matching `selector` a file named `name` holding `text`, as a tester's pick in the file dialog does. */
  upload(selector: string, file: { name: string; text: string }): Promise<void>;
  /** Clicks the button whose accessible name is `name` and resolves to the text of the file the browser downloads. */
  download(name: string): Promise<string>;
  /** Clicks the first element matching the CSS selector `selector` once it is there: for a control no name singles out (a timeline row). */
  clickElement(selector: string): Promise<void>;
  /** Focuses the first element matching `selector` and presses `key` there (e.g. "Enter", "Space"), as a keyboard user does. */
  pressOn(selector: string, key: string): Promise<void>;
  /** Presses `key` wherever the focus is now (e.g. Tab to the next control), as a keyboard user moving on does. */
  pressKey(key: string): Promise<void>;
  /** Resizes the page's viewport, e.g. a narrower or a wider DevTools dock. */
  setViewport(size: { width: number; height: number }): Promise<void>;
  /** Makes the page prefer `scheme`: Chromium emulates it for this page alone, Firefox switches its pref for every page. */
  preferColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /** Fills the field whose `<label>` reads `label` (inside `scope.within` if given) with `value`, in one input event (as a paste does). */
  fill(label: string, value: string, scope?: Scope): Promise<void>;
  /** Runs `fn(arg)` in the page and resolves to its (JSON-shaped) result. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /**
   * Loads the page again, in its place behind the active tab. Firefox: only reading works afterwards (`text`,
   * `attribute`, `evaluate`), as Puppeteer's locators lose a reloaded moz-extension page; to click, open it again.
   */
  reloadForReading(): Promise<void>;
  /** Writes `text` at `level` to the background's own console (Chromium's service worker, Firefox's event page), as its code would. */
  logInBackground(level: 'log' | 'warn' | 'error', text: string): Promise<void>;
  /** Saves the whole page as test-results/screenshots/`name`.png, for a person to look at. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** The built extension installed in a freshly launched browser. */
export interface ExtensionUnderTest {
  readonly name: BrowserName;
  /** What the browser calls the toolbar button's API in the extension's pages: `chrome.action` or `browser.browserAction`. */
  readonly actionApi: 'chrome.action' | 'browser.browserAction';
  /** Opens a web page's tab (blank): for a fixture app (`FixtureApp`). */
  newWebPage(): Promise<AnyPage>;
  /** Every tab open now, web pages and the extension's alike: to find one the extension opened. */
  openTabs(): Promise<AnyPage[]>;
  /**
   * Opens an extension page (e.g. `popup.html`) in a new tab and resolves once it has loaded. With `newWindow`, for views
   * a tester sees at once: Firefox opens it in a window of its own (a tab behind another is hidden, and Firefox throttles
   * its timers and frames to about one a second); Chromium keeps it a tab, as its launch flags keep a tab behind
   * another from being throttled.
   */
  openPage(path: string, viewport?: { width: number; height: number }, options?: { newWindow?: boolean }): Promise<ExtensionPage>;
  /** Stops the background as the browser does when it is idle (Chromium's service worker, Firefox's event page). */
  stopBackground(): Promise<void>;
  /**
   * Prepares a stop of the background ahead of time, so `stop()` lands within milliseconds of the call: for stopping
   * it while a request known to be short is in flight. (Chromium opens the worker's CDP session now; Firefox's
   * termination is one call to its chrome scope, nothing to prepare.)
   */
  armBackgroundStop(): Promise<{ stop(): Promise<void>; dispose(): Promise<void> }>;
  /** Whether the background runs now (Chromium's service worker, Firefox's event page). */
  isBackgroundRunning(): Promise<boolean>;
  /** The X window class of the browser's windows (`chromium`, `firefox-esr`), for keys typed on a virtual display. */
  readonly windowClass: 'chromium' | 'firefox-esr';
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`: where the extension's documents live. */
  readonly extensionOrigin: string;
  /** What the extension's pages wrote to their consoles so far, for a failing step's report. */
  consoleMessages(): string[];
  /** Every console call of the extension's pages and background so far, as "document URL: [level] text": what `close()` checks. */
  extensionConsole(): Promise<string[]>;
  /** Closes the browser; throws if any extension console call carried a secret. */
  close(): Promise<void>;
}

/**
 * For a scenario's `afterEach`: on a failed step, prints what the extension's pages and background wrote to their
 * consoles (a failing step says what the user saw; the consoles say why).
 */
export function reportConsoleOnFailure(extension: () => ExtensionUnderTest | undefined) {
  return ({ task }: { task: { result?: { state: string } } }) => {
    if (task.result?.state === 'fail') console.error(`Console:\n${extension()?.consoleMessages().join('\n')}`);
  };
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
      openTabs: async () => browser.context.pages(),
      extensionOrigin: `chrome-extension://${browser.extensionId}`,
      openPage: async (path, viewport) => playwrightPage(await browser.openPage(path, viewport)),
      stopBackground: () => browser.stopServiceWorker(),
      armBackgroundStop: () => browser.armServiceWorkerStop(),
      isBackgroundRunning: () => browser.isServiceWorkerRunning(),
      windowClass: 'chromium',
      consoleMessages: () => browser.consoleMessages(),
      extensionConsole: async () => browser.consoleMessages(),
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
  // Resolves once Firefox has torn the event page down (DebugUtils.terminateBackgroundScript). Whether it runs right
  // after is not asked: an open view's port reconnects at once and wakes it again, as it should (a fresh-clone run under
  // load saw exactly that in pinned-tabs).
  const stopBackground = () => firefox.stopEventPage();
  // Files handed to a page (upload) and read from a download, kept until the browser closes: a page reads an
  // uploaded file after the input's change event.
  let files: string | undefined;
  const filesDir = () => (files ??= mkdtempSync(join(tmpdir(), 'cc-e2e-files-')));
  return {
    name,
    actionApi: 'browser.browserAction',
    extensionOrigin: firefox.extensionOrigin,
    newWebPage: () => firefox.browser.newPage(),
    openTabs: () => firefox.browser.pages(),
    openPage: async (path, viewport, options) =>
      puppeteerPage(await firefox.openPage(path, viewport, options), filesDir, (scheme) => firefox.setColorScheme(scheme)),
    stopBackground,
    armBackgroundStop: async () => ({ stop: stopBackground, dispose: async () => undefined }),
    isBackgroundRunning: () => firefox.isEventPageRunning(),
    windowClass: 'firefox-esr',
    consoleMessages: () => firefox.consoleMessages,
    extensionConsole: () => firefox.extensionConsole(),
    async close() {
      try {
        await firefox.close();
      } finally {
        if (files) rmSync(files, { recursive: true, force: true });
      }
    },
  };
}

/** Runs in the page: the text of an element as a tester reads it. */
const textOf = (selector: string) => document.querySelector<HTMLElement>(selector)?.innerText ?? '';
/** Runs in the page: the id of the field the `<label>` reading `label` names (its `for`, or the field inside it). */
const fieldIdOf = ({ label, within }: { label: string; within: string }) => {
  const found = [...document.querySelectorAll<HTMLLabelElement>(`${within} label`)].find((candidate) => candidate.textContent?.trim() === label);
  return found?.htmlFor || found?.querySelector('input, select, textarea')?.id || null;
};

/** Runs in the page: whether an element matching `css` is rendered with `text` in its text. */
const shows = ({ css, text }: { css: string; text: string }) =>
  [...document.querySelectorAll<HTMLElement>(css)].some((element) => element.checkVisibility() && element.innerText.includes(text));
/** Runs in the page: the `<summary>` inside `within` whose text is `text`, or null. */
const summaryOf = ({ text, within }: { text: string; within: string }) =>
  [...document.querySelectorAll<HTMLElement>(`${within} summary`)].find((summary) => summary.textContent?.trim() === text) ?? null;

function common(page: AnyPage): Pick<ExtensionPage, 'page' | 'text' | 'attribute' | 'count' | 'evaluate' | 'screenshot'> {
  return {
    page,
    text: (selector = 'body') => evaluateIn(page, textOf, selector),
    count: (selector) => evaluateIn(page, (css) => document.querySelectorAll(css).length, selector),
    screenshot: async (name) => {
      await (page as unknown as { screenshot(options: { path: string; fullPage: boolean }): Promise<unknown> }).screenshot({
        path: screenshotPath(name),
        fullPage: true,
      });
    },
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
  // Waited for, as Playwright's locators wait: a view that loads lazily (Apps, the app form) renders after the click.
  const field = async (label: string, within: string) => {
    const id = await page
      .waitForFunction(fieldIdOf, { label, within }, { timeout: 10_000, polling: 50 })
      .catch((error: unknown) => Promise.reject(new Error(`No field labelled "${label}" within 10 s (${String(error)})`)));
    return page.locator(`[id="${String(await id.jsonValue())}"]`);
  };
  return {
    ...common(page),
    waitFor: async (selector, text = '') => {
      // Polled on a timer: animation frames (the default) stop in a background tab.
      await page.waitForFunction(shows, { css: selector, text }, { timeout: 10_000, polling: 50 });
    },
    countButtons: (name) => page.getByRole('button', { name, exact: true }).count(),
    async click(name, { within } = {}) {
      await page.bringToFront();
      await (within ? page.locator(within) : page).getByRole('button', { name, exact: true }).click();
    },
    async clickSummary(text, { within = ':root' } = {}) {
      await page.bringToFront();
      await page
        .locator(within)
        .locator('summary')
        .filter({ hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) })
        .click();
    },
    async clickContaining(text) {
      await page.bringToFront();
      await page.locator('button', { hasText: text }).first().click();
    },
    async setChecked(label, checked) {
      await page.bringToFront();
      await page.getByRole('checkbox', { name: label, exact: true }).setChecked(checked);
    },
    async press(key, label) {
      await page.bringToFront();
      if (label) return (await field(label, ':root')).press(key);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press(key);
    },
    async select(name, option) {
      await page.bringToFront();
      await page.getByRole('combobox', { name, exact: true }).selectOption({ label: option });
    },
    async upload(selector, { name, text }) {
      await page.locator(selector).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    },
    async download(name) {
      await page.bringToFront();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name, exact: true }).click();
      return readFile(await (await download).path(), 'utf8');
    },
    async fill(label, value, { within = ':root' } = {}) {
      await page.bringToFront();
      await (await field(label, within)).fill(value);
    },
    async clickElement(selector) {
      await page.bringToFront();
      await page.locator(selector).first().click();
    },
    async pressOn(selector, key) {
      await page.bringToFront();
      await page.locator(selector).first().press(key);
    },
    async pressKey(key) {
      await page.bringToFront();
      await page.keyboard.press(key);
    },
    setViewport: (size) => page.setViewportSize(size),
    preferColorScheme: (scheme) => page.emulateMedia({ colorScheme: scheme }),
    async logInBackground(level, text) {
      const { protocol, host } = new URL(page.url()); // (`origin` is "null" for a chrome-extension: URL)
      const origin = `${protocol}//${host}`;
      const worker = page
        .context()
        .serviceWorkers()
        .find((candidate) => candidate.url().startsWith(`${origin}/`));
      if (!worker) throw new Error('The extension has no running service worker');
      await worker.evaluate(({ level, text }) => console[level](text), { level, text });
    },
    async reloadForReading() {
      await page.reload();
    },
    close: () => page.close(),
  };
}

/**
 * Firefox: Puppeteer's ARIA queries over BiDi. No reload: the extension page's document is swapped for one in the
 * extension process, and Puppeteer's locators lose it; open the page again instead. As in Chromium, each action
 * brings its tab to the front first: Firefox throttles a background tab's frames, and Puppeteer's locators wait for one.
 */
function puppeteerPage(page: PuppeteerPage, filesDir: () => string, setColorScheme: (scheme: 'light' | 'dark') => Promise<void>): ExtensionPage {
  const button = (name: string, within?: string) =>
    page.locator(`${within ? `${within} ` : ''}::-p-aria([name=${JSON.stringify(name)}][role="button"])`);
  const fieldId = async (label: string, within: string) =>
    String(await (await page.waitForFunction(fieldIdOf, { timeout: 10_000 }, { label, within })).jsonValue());
  return {
    ...common(page),
    async countButtons(name) {
      return (await page.$$(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`)).length;
    },
    waitFor: async (selector, text = '') => {
      // Polled on a timer: animation frames (the default) stop in a background tab.
      await page.waitForFunction(shows, { timeout: 10_000, polling: 50 }, { css: selector, text });
    },
    async click(name, { within } = {}) {
      await page.bringToFront();
      await button(name, within).click();
    },
    async clickSummary(text, { within = ':root' } = {}) {
      await page.bringToFront();
      const found = await page.waitForFunction(summaryOf, { timeout: 10_000 }, { text, within });
      await (found as unknown as { click(): Promise<void> }).click();
    },
    async clickContaining(text) {
      await page.bringToFront();
      const found = await page.waitForFunction(
        (wanted: string) =>
          [...document.querySelectorAll('button')].find((candidate) => (candidate.textContent ?? '').replace(/\s+/g, ' ').includes(wanted)),
        { timeout: 10_000 },
        text,
      );
      await (found as unknown as { click(): Promise<void> }).click();
    },
    async setChecked(label, checked) {
      await page.bringToFront();
      const box = await page.locator(`::-p-aria([name=${JSON.stringify(label)}][role="checkbox"])`).waitHandle();
      try {
        const isChecked = () => box.evaluate((element) => (element as HTMLInputElement).checked);
        if ((await isChecked()) !== checked) await box.click();
        if ((await isChecked()) !== checked) throw new Error(`The checkbox "${label}" did not turn ${checked ? 'on' : 'off'}`);
      } finally {
        await box.dispose();
      }
    },
    async fill(label, value, { within = ':root' } = {}) {
      await page.bringToFront();
      // In one input event: Puppeteer would otherwise type key by key, and a render in between can put the field's
      // previous text back in front of the keys typed after it.
      await page.locator(`[id="${await fieldId(label, within)}"]`).fill(value, { typingThreshold: 0 });
    },
    async clickElement(selector) {
      await page.bringToFront();
      await page.locator(selector).click();
    },
    async pressOn(selector, key) {
      await page.bringToFront();
      await (await page.waitForSelector(selector, { timeout: 10_000 }))?.dispose();
      await page.focus(selector);
      // Keys reach only a focused document: wait until it holds the window's focus and the element is the one focused.
      await page.waitForFunction(
        (css: string) => document.hasFocus() && document.activeElement === document.querySelector(css),
        { timeout: 10_000, polling: 50 },
        selector,
      );
      // WebDriver BiDi names the space bar by its character (Puppeteer's "Space" is CDP's key name).
      await page.keyboard.press((key === 'Space' ? ' ' : key) as KeyInput);
    },
    async pressKey(key) {
      await page.bringToFront();
      await page.keyboard.press((key === 'Space' ? ' ' : key) as KeyInput);
    },
    setViewport: (size) => page.setViewport(size),
    // Puppeteer's emulateMediaFeatures is CDP-only (it throws over BiDi): Firefox's pref, which every page follows.
    preferColorScheme: setColorScheme,
    async press(key, label) {
      await page.bringToFront();
      if (label) await page.focus(`[id="${await fieldId(label, ':root')}"]`);
      else await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press(key as KeyInput);
    },
    async select(name, option) {
      await page.bringToFront();
      const select = await page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="combobox"])`).waitHandle();
      try {
        const value = await select.evaluate(
          (element, wanted) => [...(element as HTMLSelectElement).options].find((candidate) => candidate.text === wanted)?.value,
          option,
        );
        if (value === undefined) throw new Error(`The select "${name}" has no option "${option}"`);
        // ElementHandle.select picks by value and fires input + change, as a tester's choice would.
        await select.select(value);
      } finally {
        await select.dispose();
      }
    },
    async upload(selector, { name, text }) {
      const path = join(mkdtempSync(join(filesDir(), 'upload-')), name);
      writeFileSync(path, text);
      const input = (await page.waitForSelector(selector, { timeout: 10_000 })) as ElementHandle<HTMLInputElement>;
      try {
        await input.uploadFile(path);
      } finally {
        await input.dispose();
      }
    },
    async download(name) {
      // Saved into a folder of this call's own (WebDriver BiDi's download behaviour), read once Firefox has moved its
      // finished ".part" file into place (the file it names first stays empty until then).
      const folder = mkdtempSync(join(filesDir(), 'download-'));
      const bidi = bidiConnection(page.browser());
      await bidi.send('browser.setDownloadBehavior', { downloadBehavior: { type: 'allowed', destinationFolder: folder } });
      try {
        await page.bringToFront();
        await button(name).click();
        const deadline = Date.now() + 10_000;
        for (;;) {
          const entries = readdirSync(folder);
          const done = entries.find((entry) => !entry.endsWith('.part') && statSync(join(folder, entry)).size > 0);
          if (done && !entries.some((entry) => entry.endsWith('.part'))) return await readFile(join(folder, done), 'utf8');
          if (Date.now() > deadline) throw new Error(`No download finished within 10 s (saw: ${entries.join(', ') || 'nothing'})`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await bidi.send('browser.setDownloadBehavior', { downloadBehavior: null });
      }
    },
    async logInBackground(level, text) {
      // The call runs in the event page's window, through its console (getBackgroundPage wakes a stopped one).
      await page.evaluate(
        async ({ level, text }) => {
          const background = await (globalThis as any).browser.runtime.getBackgroundPage();
          background.console[level](text);
        },
        { level, text },
      );
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
