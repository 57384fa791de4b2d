import { writeFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { GECKO_ID } from '@/wxt.config';
import type { FirefoxWithExtension } from './firefox';
import { screenshotPath } from './paths';
import { waitFor } from './wait-for';

/**
 * The real toolbar popup of Firefox (the MV2 build's browser action), which neither WebDriver BiDi nor Puppeteer
 * reach: it opens in a panel of the browser window, in a remote `<browser>` of the extension process. It is opened
 * from the chrome scope by the `<key>` Firefox built for the extension's Alt+Shift+K shortcut (its command runs the
 * same `triggerAction` as the keystroke, which grants `activeTab` for the selected tab), and read and pressed through
 * a frame script on that `<browser>`'s message manager, as `firefox-devtools.ts` reads the DevTools panel.
 * Every Firefox internal this leans on (`makeWidgetId`, the shortcut keyset, `ViewPopup`, `drawSnapshot`) stays here.
 */

/** Message names of the frame script below, prefixed so they cannot collide with Firefox's own. */
const REQUEST = 'cc-e2e:popup-request';
const REPLY = 'cc-e2e:popup-reply';

/**
 * Runs in the popup's process (`content` is the popup's window, seen through Xrays). Loaded twice on one message
 * manager it still listens once, so a button is never pressed twice for one request.
 */
const POPUP_FRAME_SCRIPT = `
if (!this.ccE2ePopupListening) {
  this.ccE2ePopupListening = true;
  addMessageListener(${JSON.stringify(REQUEST)}, ({ data: { id, op, arg } }) => {
    const document = content.document;
    let value = null;
    if (op === 'text') {
      const element = document.querySelector(arg);
      value = element ? element.innerText : null;
    } else if (op === 'find' || op === 'click') {
      // Like a locator: a button's accessible name here is its aria-label, else its text.
      const button = [...document.querySelectorAll('button')].find(
        (candidate) => (candidate.getAttribute('aria-label') || candidate.textContent.trim()) === arg,
      );
      value = !button ? 'missing' : button.disabled ? 'disabled' : 'enabled';
      if (op === 'click' && value === 'enabled') {
        button.click();
        value = 'clicked';
      }
    } else if (op === 'overflow') {
      const root = document.documentElement;
      value = { horizontal: root.scrollWidth - root.clientWidth, vertical: root.scrollHeight - root.clientHeight };
    } else if (op === 'avatars-settled') {
      // As visual-state.ts's avatarsSettled: no picture still loading (shown, or failed: initials).
      value = document.querySelector('.avatar[data-picture="loading"]') === null;
    } else if (op === 'background') {
      value = content.getComputedStyle(document.body).backgroundColor;
    } else if (op === 'state') {
      value = { url: String(content.location.href), readyState: document.readyState };
    }
    sendAsyncMessage(${JSON.stringify(REPLY)}, { id, value });
  });
}
`;

/** Chrome-scope code shared by every call: the extension's open popup, and a question asked of its document. */
const CHROME_PRELUDE = `
  const extension = WebExtensionPolicy.getByID(addonId).extension;
  const { ViewPopup } = ChromeUtils.importESModule('resource:///modules/ExtensionPopups.sys.mjs');
  const popupBrowser = () => {
    const popup = ViewPopup.for(extension, window);
    return (popup && popup.browser) || null;
  };
  const e2e = (window.__ccE2ePopup ??= { scripted: new WeakSet() });
  const askPopup = (op, arg, timeoutMs = 5000) => new Promise((resolve, reject) => {
    const messageManager = popupBrowser()?.messageManager;
    if (!messageManager) return reject(new Error('the popup <browser> is not there'));
    if (!e2e.scripted.has(messageManager)) {
      e2e.scripted.add(messageManager);
      messageManager.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(POPUP_FRAME_SCRIPT)}), false);
    }
    const id = Math.random();
    const onReply = ({ data }) => data.id === id && done(() => resolve(data.value));
    // An unanswered question (the browser changed process while loading) forgets the script: the next loads it afresh.
    const timer = setTimeout(() => {
      e2e.scripted.delete(messageManager);
      done(() => reject(new Error('the popup did not answer "' + op + '" within ' + timeoutMs + ' ms')));
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

/** The toolbar popup, open over one tab, as a tester reads and presses it. */
export interface FirefoxToolbarPopup {
  /** The rendered text (`innerText`) of the first element matching `selector` (the whole popup by default), or ''. */
  text(selector?: string): Promise<string>;
  /** Presses the button whose accessible name (aria-label, else text) is `name`, once it is there and enabled (10 s). */
  clickButton(name: string): Promise<void>;
  /** Px the popup's document overflows its panel by, sideways and downwards (what scrollbars there are for). */
  overflow(): Promise<{ horizontal: number; vertical: number }>;
  /** Saves a PNG of the popup's document as painted, once its avatars have settled, and returns the file's path. */
  screenshot(name: string): Promise<string>;
  /** Closes the popup, as Escape or a click elsewhere does, and waits until it is gone. */
  close(): Promise<void>;
}

/**
 * Opens the real toolbar popup over `page`'s tab with the extension's Alt+Shift+K command (selecting the tab first,
 * as a tester looks at it), and waits until the popup's document has loaded and shows `readyText`. Needs Firefox
 * launched with `--remote-allow-system-access` (as `launchFirefoxWithExtension` does).
 */
export async function openFirefoxToolbarPopup(firefox: FirefoxWithExtension, page: Page, readyText: string): Promise<FirefoxToolbarPopup> {
  const { chrome } = firefox;
  const call = <T>(body: string, ...args: unknown[]) =>
    chrome.call<T>(`async (addonId, ...args) => { ${CHROME_PRELUDE} ${body} }`, GECKO_ID, ...args);

  await page.bringToFront();
  const selectedUrl = await chrome.call<string>(`() => gBrowser.selectedBrowser.currentURI.spec`);
  if (selectedUrl !== page.url()) throw new Error(`The selected tab shows ${selectedUrl}, not the page to open the popup over (${page.url()})`);

  await call(
    `if (popupBrowser()) throw new Error('a popup is already open');
     // Firefox opens an action's popup only in the focused window (BrowserAction.openPopup).
     window.focus();
     const { makeWidgetId } = ChromeUtils.importESModule('resource://gre/modules/ExtensionCommon.sys.mjs').ExtensionCommon;
     const keys = [...document.querySelectorAll('keyset#ext-keyset-id-' + makeWidgetId(addonId) + ' key')];
     const key = keys.find((candidate) => candidate.getAttribute('modifiers') === 'alt,shift' && candidate.getAttribute('key') === 'K');
     if (!key) throw new Error('no Alt+Shift+K key for the extension in this window');
     key.doCommand();`,
  );
  // The popup's <browser> starts empty, then loads popup.html in the extension process: questions asked meanwhile
  // can go unanswered, so these give up quickly and are asked again.
  await waitFor(
    'the toolbar popup to load',
    async () => {
      const state = await call<{ url: string; readyState: string } | null>(
        `const browser = popupBrowser();
         return browser && browser.currentURI.spec.startsWith('moz-extension://') ? askPopup('state', null, 1000) : null;`,
      ).catch(() => null);
      return state?.url.startsWith(firefox.extensionOrigin) && state.readyState === 'complete';
    },
    10_000,
  );

  const ask = <T>(op: 'text' | 'find' | 'click' | 'overflow' | 'background' | 'avatars-settled', arg: unknown) =>
    call<T>(`return askPopup(...args);`, op, arg);
  const popup: FirefoxToolbarPopup = {
    async text(selector = 'body') {
      return (await ask<string | null>('text', selector)) ?? '';
    },
    async clickButton(name) {
      let found = 'never checked';
      const isEnabled = async () => {
        found = await ask<string>('find', name).catch((error: Error) => `unreadable (${error.message})`);
        return found === 'enabled';
      };
      const enabled = await waitFor(`the popup button "${name}"`, isEnabled, 10_000).catch(() => false);
      if (!enabled) throw new Error(`Could not press the popup button "${name}": it stayed ${found}`);
      // Pressed once: asking again after an unanswered click could start the action twice.
      const clicked = await ask<string>('click', name);
      if (clicked !== 'clicked') throw new Error(`Could not press the popup button "${name}": it was ${clicked}`);
    },
    overflow: () => ask<{ horizontal: number; vertical: number }>('overflow', null),
    async screenshot(name) {
      await waitFor("the popup's avatars to settle", () => ask<boolean>('avatars-settled', null), 10_000);
      // The snapshot leaves out the scrollbar: its place is painted in the page's own background, not white.
      const background = await ask<string>('background', null);
      const dataUrl = await call<string>(
        `const bitmap = await popupBrowser().browsingContext.currentWindowGlobal.drawSnapshot(null, 1, args[0]);
         const canvas = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas');
         canvas.width = bitmap.width;
         canvas.height = bitmap.height;
         canvas.getContext('2d').drawImage(bitmap, 0, 0);
         return canvas.toDataURL('image/png');`,
        background,
      );
      const path = screenshotPath(name);
      writeFileSync(path, Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
      return path;
    },
    async close() {
      await call(`ViewPopup.for(extension, window)?.closePopup();`);
      await waitFor('the toolbar popup to close', () => call<boolean>(`return !ViewPopup.for(extension, window);`), 10_000);
    },
  };
  await waitFor(`the popup to show "${readyText}"`, async () => (await popup.text().catch(() => '')).includes(readyText), 10_000);
  return popup;
}
