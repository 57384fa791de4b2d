import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { bidiConnection, chromeScope } from './firefox-chrome';
import type { PanelElement } from './panel';
import { screenshotPath } from './paths';
import { waitFor } from './wait-for';

/**
 * Firefox's real DevTools, which neither WebDriver BiDi nor Puppeteer expose: with `--remote-allow-system-access`
 * Firefox lists its privileged (chrome) windows to BiDi, and scripts evaluated there reach the DevTools framework.
 * The panel itself runs in the extension process inside a remote `<browser>` of the toolbox, which BiDi does not
 * list, so it is read through a frame script on that browser's message manager (toolchain doc).
 * Every Firefox internal this suite leans on (devtools loader, toolbox, `webext-panels.xhtml`, message managers,
 * `drawSnapshot`) stays in this one file; reaching the chrome scope itself is `firefox-chrome.ts`'s.
 */

/** The toolbox's height in CSS pixels when docked at the bottom: tall enough to show the page-session card. */
const TOOLBOX_HEIGHT = 620;
/** The browser window a tester would have DevTools open in (headless Firefox starts at 1366×768). */
const WINDOW_SIZE = { width: 1366, height: 1080 };
/** Message names of the frame script below, prefixed so they cannot collide with Firefox's own. */
const REQUEST = 'cc-e2e:panel-request';
const REPLY = 'cc-e2e:panel-reply';

/**
 * Runs in the panel's process (a frame script; `content` is the panel's window, seen through Xrays).
 * It answers the few questions a tester asks of the panel: what does it say, and press this button.
 * Frame scripts of one message manager share `this`: loaded twice, it still listens once, so a button is
 * never pressed twice for one request.
 */
const PANEL_FRAME_SCRIPT = `
if (!this.ccE2ePanelListening) {
  this.ccE2ePanelListening = true;
  addMessageListener(${JSON.stringify(REQUEST)}, ({ data: { id, op, arg } }) => {
    const document = content.document;
    let value = null;
    if (op === 'text') {
      const element = document.querySelector(arg);
      value = element ? element.innerText : null;
    } else if (op === 'attribute') {
      const element = document.querySelector(arg.selector);
      value = element ? element.getAttribute(arg.name) : null;
    } else if (op === 'find' || op === 'click') {
      // Like a locator: a button's accessible name here is its aria-label, else its text; inside arg.within if given.
      const button = [...document.querySelectorAll((arg.within ? arg.within + ' ' : '') + 'button')].find(
        (candidate) => (candidate.getAttribute('aria-label') || candidate.textContent.trim()) === arg.name,
      );
      value = !button ? 'missing' : button.disabled ? 'disabled' : 'enabled';
      if (op === 'click' && value === 'enabled') {
        button.click();
        value = 'clicked';
      }
    } else if (op === 'select') {
      // Like a tester picking an option: the <select> labelled arg.label (its <label for>) inside arg.scope takes the
      // option whose text is arg.option, and the page hears the change.
      const scope = document.querySelector(arg.scope);
      const label = scope && [...scope.querySelectorAll('label')].find((candidate) => candidate.textContent.trim() === arg.label);
      const select = label && document.getElementById(label.htmlFor);
      const option = select && [...select.options].find((candidate) => candidate.text.trim() === arg.option);
      value = !select ? 'missing' : !option ? 'no such option' : select.disabled ? 'disabled' : 'selected';
      if (value === 'selected') {
        select.value = option.value;
        select.dispatchEvent(new content.Event('input', { bubbles: true }));
        select.dispatchEvent(new content.Event('change', { bubbles: true }));
      }
    } else if (op === 'all') {
      // Every element matching arg.selector: its rendered text, its data-* attributes, and the text of each named part.
      value = [...document.querySelectorAll(arg.selector)].map((element) => {
        const data = {};
        for (const name of element.getAttributeNames()) if (name.startsWith('data-')) data[name.slice(5)] = element.getAttribute(name);
        const parts = {};
        for (const [name, css] of Object.entries(arg.parts || {})) parts[name] = element.querySelector(css)?.textContent ?? null;
        return { text: element.innerText, data, parts };
      });
    } else if (op === 'state') {
      value = { url: String(content.location.href), readyState: document.readyState };
    }
    sendAsyncMessage(${JSON.stringify(REPLY)}, { id, value });
  });
}
`;

/**
 * Chrome-scope code shared by every call: finds the toolbox and the panel `<browser>` of the panel `panelKey` (a
 * parameter of every call: each opened panel, one per inspected tab, keeps its toolbox and tool id under its own key).
 */
const CHROME_PRELUDE = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const devtools = (window.__ccE2eDevtools ??= {});
  const e2e = ((devtools.panels ??= {})[panelKey] ??= {});
  const panelBrowser = () => {
    const toolbox = e2e.toolbox;
    const iframe = toolbox && toolbox.doc.getElementById('toolbox-panel-iframe-' + e2e.toolId);
    return (iframe && iframe.contentDocument && iframe.contentDocument.querySelector('browser')) || null;
  };
  // Frame scripts belong to a message manager and die with it (e.g. when the panel moves to the extension
  // process); an unanswered question also forgets the script, so the next one loads it afresh.
  const scripted = (devtools.scriptedManagers ??= new WeakSet());
  const askPanel = (op, arg, timeoutMs = 5000) => new Promise((resolve, reject) => {
    const browser = panelBrowser();
    const messageManager = browser && browser.messageManager;
    if (!messageManager) return reject(new Error('the panel <browser> is not there'));
    if (!scripted.has(messageManager)) {
      scripted.add(messageManager);
      messageManager.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(PANEL_FRAME_SCRIPT)}), false);
    }
    const id = Math.random();
    const onReply = ({ data }) => data.id === id && done(() => resolve(data.value));
    const timer = setTimeout(() => {
      scripted.delete(messageManager);
      done(() => reject(new Error('the panel did not answer "' + op + '" within ' + timeoutMs + ' ms')));
    }, timeoutMs);
    const done = (settle) => {
      clearTimeout(timer);
      messageManager.removeMessageListener(${JSON.stringify(REPLY)}, onReply);
      settle();
    };
    messageManager.addMessageListener(${JSON.stringify(REPLY)}, onReply);
    messageManager.sendAsyncMessage(${JSON.stringify(REQUEST)}, { id, op, arg });
  });
`;

/** How many panels this test process has opened: names each one's state in the chrome scope. */
let panelsOpened = 0;

/** An extension's panel shown in the Firefox DevTools of one tab. */
export interface FirefoxDevtoolsPanel {
  /** The DevTools tool id Firefox gave the panel, e.g. `webext-devtools-panel-…`. */
  toolId: string;
  /** The rendered text (`innerText`) of the first element matching `selector` in the panel, or '' when none does. */
  text(selector: string): Promise<string>;
  /** An attribute of the first element matching `selector` in the panel, or null (no such element or attribute). */
  attribute(selector: string, name: string): Promise<string | null>;
  /**
   * Presses the panel's button whose accessible name (aria-label, else text) is `name` (inside the elements matching
   * `within` if given), once it is there and enabled; fails after 10 s, saying whether it was missing or stayed disabled.
   */
  clickButton(name: string, within?: string): Promise<void>;
  /**
   * Every element matching `selector`, as a tester reads it: its rendered text (`innerText`), its `data-*` attributes
   * (without the `data-` prefix), and the text of the first element matching each of `parts` inside it (null if none).
   */
  all(selector: string, parts?: Record<string, string>): Promise<PanelElement[]>;
  /**
   * Picks the option whose text is `option` in the `<select>` labelled `label` inside `scope`, firing `input` and
   * `change` as a tester's choice would; fails if the select or the option is not there, or the select is disabled.
   */
  select(scope: string, label: string, option: string): Promise<void>;
  /**
   * Saves a PNG of the whole browser window as a tester sees it: the inspected page above, DevTools docked below
   * with the panel selected. Returns the file's path.
   */
  screenshot(name: string): Promise<string>;
}

/**
 * Opens Firefox DevTools for `page`'s tab (docked at the bottom), selects the extension panel titled `title`,
 * and waits until the panel's document has loaded. Needs Firefox launched with `--remote-allow-system-access`.
 * Call it again for another tab to inspect two tabs at once: each returned panel reads and presses its own.
 */
export async function openFirefoxDevtoolsPanel(browser: Browser, page: Page, title: string): Promise<FirefoxDevtoolsPanel> {
  const chrome = await chromeScope(bidiConnection(browser));
  // Each call opens another tab's toolbox (a tester may inspect two tabs at once): its own key in the chrome scope.
  const panelKey = `panel-${++panelsOpened}`;
  // Puppeteer gives every new page an 800×600 viewport override, which pins the page's <browser> at that size
  // and paints it over the docked toolbox; drop it so the page and DevTools share the window as they would.
  await page.setViewport(null);

  // The toolbox opens for the selected tab: select the page's, and check it really is the one.
  await page.bringToFront();
  const selectedUrl = await chrome.call<string>(`() => gBrowser.selectedBrowser.currentURI.spec`);
  if (selectedUrl !== page.url()) throw new Error(`The selected tab shows ${selectedUrl}, not the page to inspect (${page.url()})`);

  await chrome.call(
    `async (panelKey, size, toolboxHeight) => {
      ${CHROME_PRELUDE}
      window.resizeTo(size.width, size.height);
      Services.prefs.setIntPref('devtools.toolbox.footer.height', toolboxHeight);
      e2e.toolbox = await gDevTools.showToolboxForTab(gBrowser.selectedTab, { hostType: 'bottom' });
    }`,
    panelKey,
    WINDOW_SIZE,
    TOOLBOX_HEIGHT,
  );
  // Extension panels join the toolbox once the extension's devtools page has run `devtools.panels.create`.
  const toolId = await waitFor(`a DevTools panel titled "${title}"`, () =>
    chrome.call<string | null>(
      `(panelKey, title) => {
        ${CHROME_PRELUDE}
        const tool = e2e.toolbox.getAdditionalTools().find((candidate) => candidate.label === title);
        return tool ? tool.id : null;
      }`,
      panelKey,
      title,
    ),
  );
  await chrome.call(
    `async (panelKey, toolId) => {
      ${CHROME_PRELUDE}
      e2e.toolId = toolId;
      await e2e.toolbox.selectTool(toolId);
    }`,
    panelKey,
    toolId,
  );
  // The panel <browser> starts at about:blank, then loads the extension page in the extension process: wait for
  // that from the chrome side, then until the panel's document says it has loaded. Questions asked while the
  // browser changes process can go unanswered, so these ones give up quickly and are asked again.
  await waitFor('the panel document to load', async () => {
    const state = await chrome
      .call<{ url: string; readyState: string } | null>(
        `(panelKey) => {
          ${CHROME_PRELUDE}
          const browser = panelBrowser();
          return browser && browser.currentURI.spec.startsWith('moz-extension://') ? askPanel('state', null, 1000) : null;
        }`,
        panelKey,
      )
      .catch(() => null);
    return state?.url.startsWith('moz-extension://') && state.readyState === 'complete';
  });

  const askPanel = <T>(op: 'text' | 'attribute' | 'find' | 'click' | 'select' | 'all', arg: unknown) =>
    chrome.call<T>(`(panelKey, op, arg) => { ${CHROME_PRELUDE} return askPanel(op, arg); }`, panelKey, op, arg);

  return {
    toolId,
    async text(selector) {
      return (await askPanel<string | null>('text', selector)) ?? '';
    },
    async all(selector, parts = {}) {
      return (await askPanel<PanelElement[] | null>('all', { selector, parts })) ?? [];
    },
    async select(scope, label, option) {
      // As a locator does: once the select shows the option, enabled (the Tabs card renders after the tab states
      // arrive); nothing is picked before that, so asking again picks once.
      let outcome = 'never asked';
      const pick = async () =>
        (outcome = await askPanel<string>('select', { scope, label, option }).catch((error: Error) => `unreadable (${error.message})`)) ===
        'selected';
      const picked = await waitFor(`the panel's "${label}" select`, pick, 10_000).catch(() => false);
      if (!picked) throw new Error(`Could not pick "${option}" in the panel's "${label}" select: ${outcome}`);
    },
    attribute(selector, name) {
      return askPanel<string | null>('attribute', { selector, name });
    },
    async clickButton(name, within) {
      let found = 'never checked';
      const isEnabled = async () => {
        found = await askPanel<string>('find', { name, within }).catch((error: Error) => `unreadable (${error.message})`);
        return found === 'enabled';
      };
      const enabled = await waitFor(`the panel button "${name}"`, isEnabled, 10_000).catch(() => false);
      if (!enabled) throw new Error(`Could not press the panel button "${name}": it stayed ${found}`);
      // Pressed once: asking again after an unanswered click could start the action twice.
      const clicked = await askPanel<string>('click', { name, within });
      if (clicked !== 'clicked') throw new Error(`Could not press the panel button "${name}": it was ${clicked}`);
    },
    async screenshot(name) {
      const dataUrl = await chrome.call<string>(
        `async () => {
          // drawSnapshot composites the chrome window with its remote frames (page and panel) as painted.
          const bitmap = await window.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, 'white');
          const canvas = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas');
          canvas.width = bitmap.width;
          canvas.height = bitmap.height;
          canvas.getContext('2d').drawImage(bitmap, 0, 0);
          return canvas.toDataURL('image/png');
        }`,
      );
      const path = screenshotPath(name);
      writeFileSync(path, Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
      return path;
    },
  };
}
