import { writeFileSync } from 'node:fs';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { evaluateIn } from './any-page';
import { createDevtoolsFrontend } from './devtools-frontend';
import type { ExtensionUnderTest } from './extension-driver';
import { openFirefoxDevtoolsPanel } from './firefox-devtools';
import type { DevtoolsPanel } from './panel';
import { screenshotPath } from './paths';
import { openPanelInspecting } from './stubbed-devtools';
import { waitFor } from './wait-for';

/**
 * The three ways a scenario reaches the panel in an app tab's DevTools (app-bed.ts picks one), each as a
 * `DevtoolsPanel`: Chromium's panel page with a stand-in devtools API, Chromium's real DevTools, Firefox's real DevTools.
 */

/** Runs in the panel: every element matching `selector`, read as `PanelElement`. */
const elementsOf = ({ selector, parts }: { selector: string; parts: Record<string, string> }) =>
  [...document.querySelectorAll<HTMLElement>(selector)].map((element) => ({
    text: element.innerText,
    data: Object.fromEntries(
      element
        .getAttributeNames()
        .filter((name) => name.startsWith('data-'))
        .map((name) => [name.slice('data-'.length), element.getAttribute(name) ?? '']),
    ),
    parts: Object.fromEntries(Object.entries(parts).map(([name, css]) => [name, element.querySelector(css)?.textContent ?? null])),
  }));

/** Runs in the panel: the button inside `within` whose accessible name (aria-label, else its text) is `name`. */
const buttonState = ({ name, within, click }: { name: string; within: string; click: boolean }) => {
  const button = [...document.querySelectorAll<HTMLButtonElement>(`${within} button`)].find(
    (candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent?.trim()) === name,
  );
  if (!button) return 'missing';
  if (button.disabled) return 'disabled';
  if (click) button.click();
  return click ? 'clicked' : 'enabled';
};

/** Runs in the panel: picks the option whose text is `option` in the select `<label>`led `label` inside `within`, as a tester's pick does. */
const pickOption = ({ label, option, within }: { label: string; option: string; within: string }) => {
  const labelled = [...document.querySelectorAll<HTMLLabelElement>(`${within} label`)].find((candidate) => candidate.textContent?.trim() === label);
  const select = labelled && document.getElementById(labelled.htmlFor);
  if (!(select instanceof HTMLSelectElement)) return 'missing';
  const wanted = [...select.options].find((candidate) => candidate.text.trim() === option);
  if (!wanted) return 'no such option';
  if (select.disabled) return 'disabled';
  select.value = wanted.value;
  select.dispatchEvent(new Event('input', { bubbles: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
  return 'selected';
};

/**
 * Chromium, headless: the panel page in a tab of its own whose devtools API is a stand-in wired to the app's tab
 * (stubbed-devtools.ts): the same panel code against the same page. Each press brings the tab to the front first:
 * Chromium pauses frames in background tabs.
 */
export async function openStubbedPanel(
  extension: ExtensionUnderTest,
  inspected: PlaywrightPage,
  viewport: { width: number; height: number },
): Promise<DevtoolsPanel> {
  const page = (await extension.newWebPage()) as PlaywrightPage;
  await page.setViewportSize(viewport);
  await openPanelInspecting(page, inspected, `${extension.extensionOrigin}/devtools-panel.html`);
  return {
    text: (selector = 'body') => evaluateIn(page, (css) => document.querySelector<HTMLElement>(css)?.innerText ?? '', selector),
    attribute: (selector, name) => page.evaluate(({ css, name }) => document.querySelector(css)?.getAttribute(name) ?? null, { css: selector, name }),
    elements: (selector, parts = {}) => evaluateIn(page, elementsOf, { selector, parts }),
    async click(name, { within } = {}) {
      await page.bringToFront();
      await (within ? page.locator(within) : page).getByRole('button', { name, exact: true }).click();
    },
    async select(label, option, { within }) {
      await page.bringToFront();
      await page.locator(within).getByRole('combobox', { name: label, exact: true }).selectOption({ label: option });
    },
    async screenshot(name) {
      await page.screenshot({ path: screenshotPath(name), fullPage: true });
    },
  };
}

/**
 * Chromium, headed with DevTools opened for every tab: the panel inside the real DevTools of the app's tab, which
 * Playwright hides, reached through raw CDP (devtools-frontend.ts): every read and press is a script run in the panel.
 */
export async function openRealChromiumPanel(extension: ExtensionUnderTest, inspected: PlaywrightPage): Promise<DevtoolsPanel> {
  const cdp = await inspected.context().browser()!.newBrowserCDPSession();
  const panel = await createDevtoolsFrontend(cdp).openExtensionPanel(new URL(extension.extensionOrigin).host, inspected.url());
  const run = <R, A>(fn: (arg: A) => R, arg: A) => panel.evaluate<R>(`(${fn.toString()})(${JSON.stringify(arg)})`);
  return {
    text: (selector = 'body') => run((css) => document.querySelector<HTMLElement>(css)?.innerText ?? '', selector),
    attribute: (selector, name) => run(({ css, name }) => document.querySelector(css)?.getAttribute(name) ?? null, { css: selector, name }),
    elements: (selector, parts = {}) => run(elementsOf, { selector, parts }),
    async click(name, { within = ':root' } = {}) {
      // As a locator does: once the button is there and enabled; pressed once.
      let found = 'missing';
      const isEnabled = async () => (found = await run(buttonState, { name, within, click: false })) === 'enabled';
      if (!(await waitFor(`the panel button "${name}"`, isEnabled, 10_000, 50).catch(() => false))) {
        throw new Error(`Could not press the panel button "${name}": it stayed ${found}`);
      }
      const clicked = await run(buttonState, { name, within, click: true });
      if (clicked !== 'clicked') throw new Error(`Could not press the panel button "${name}": it was ${clicked}`);
    },
    async select(label, option, { within }) {
      // As a locator does: once the select shows the option, enabled; nothing is picked before that.
      let outcome = 'never asked';
      const pick = async () => (outcome = await run(pickOption, { label, option, within })) === 'selected';
      if (!(await waitFor(`the panel's "${label}" select`, pick, 10_000, 50).catch(() => false))) {
        throw new Error(`Could not pick "${option}" in the panel's "${label}" select: ${outcome}`);
      }
    },
    async screenshot(name) {
      // The whole DevTools window with the panel shown.
      writeFileSync(screenshotPath(name), await panel.screenshot());
    },
  };
}

/** Firefox: the panel inside the real DevTools of the app's tab, docked at the bottom (firefox-devtools.ts). */
export async function openRealFirefoxPanel(inspected: PuppeteerPage): Promise<DevtoolsPanel> {
  const panel = await openFirefoxDevtoolsPanel(inspected.browser(), inspected, 'CometChat');
  return {
    text: (selector = 'body') => panel.text(selector),
    attribute: (selector, name) => panel.attribute(selector, name),
    elements: (selector, parts) => panel.all(selector, parts),
    click: (name, { within } = {}) => panel.clickButton(name, within),
    select: (label, option, { within }) => panel.select(within, label, option),
    async screenshot(name) {
      // The window as a tester sees it: the app's tab in front, its DevTools docked below.
      await inspected.bringToFront();
      await panel.screenshot(name);
    },
  };
}
