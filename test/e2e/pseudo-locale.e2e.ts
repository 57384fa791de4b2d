import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { siteOf } from '@/lib/sites';
import { BROWSERS, launchExtension, type ExtensionUnderTest } from './support/extension-driver';
import { FixtureApp } from './support/fixture-app';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { CHROME_BUILD, FIREFOX_BUILD, screenshotPath } from './support/paths';
import { Popup } from './support/popup';
import { waitFor } from './support/wait-for';
import { PSEUDO_CLOSE, PSEUDO_OPEN, pseudoLocalize, pseudoLocalizedBuild } from './support/pseudo-locale';

/** The parts of the popup whose words come from public/_locales so far (test/unit/localized-views.test.ts lists the rest). */
const LOCALIZED = [
  '[data-testid="this-tab"]',
  '.app-links',
  '.this-tab + button.wide',
  'main.popup > h2',
  '[data-testid="current-user"]',
  'section:has(> .user-grid)',
  'form:has(#uid-login)',
  'form:has(#token-login)',
  'form:has(#token-login) + p.hint',
];

// Innermost first: a message may hold another (a socket state in "WebSocket $1").
const MARKED = new RegExp(`${PSEUDO_OPEN}[^${PSEUDO_OPEN}${PSEUDO_CLOSE}]*${PSEUDO_CLOSE}`, 'gu');
const unmarked = (text: string): string => {
  const left = text.replace(MARKED, ' ');
  return left === text ? left : unmarked(left);
};

/** The words of `shown` that are neither pseudo-localized nor one of `data`. */
function hardCodedWords(shown: string, data: readonly string[]): string[] {
  let left = unmarked(shown);
  for (const value of data) left = left.replaceAll(value, ' ');
  return left.match(/\p{L}{2,}/gu) ?? [];
}

/**
 * The popup with every message pseudo-localized (pseudo-locale.ts: accented, 40% longer with an unbreakable run, marked
 * ⟦…⟧): the localized parts show only marked words and data (names, uids, origins), and nothing in the popup sticks
 * out of it.
 */
describe.each(BROWSERS)('the popup in a pseudo-locale, words 40%% longer, in %s', (name) => {
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let build: ReturnType<typeof pseudoLocalizedBuild>;
  let extension: ExtensionUnderTest;
  let popup: Popup;

  beforeAll(async () => {
    // TLS: the app's own SDK speaks https and wss only.
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    build = pseudoLocalizedBuild(name === 'chromium' ? CHROME_BUILD : FIREFOX_BUILD);
    extension = await launchExtension(name, {
      allowedSites: [siteOf(fixtures.url)],
      chromium: { extensionDir: build.dir, acceptSelfSigned: true },
      firefox: { extensionDir: build.dir, acceptInsecureCerts: true },
    });
    popup = new Popup(await extension.openPage('popup.html'));
    // The set-up form as Popup.setUpWithEmulator fills it, in its pseudo-localized words.
    await popup.tab.click(pseudoLocalize('Use the local emulator'));
    await popup.tab.fill(pseudoLocalize('API host (optional)'), emulator.url);
    await popup.tab.click(pseudoLocalize('Save'));
    // The tile's words around the user are pseudo-localized: found by the user alone.
    await popup.tab.clickContaining('Nancy Grace (cometchat-uid-3)');
    await waitFor('the extension to log in as Nancy Grace', async () => (await popup.currentUser()).includes('cometchat-uid-3'), 10_000);
    // The app's tab opens after the popup's page, so it is the active tab of the popup's window: This tab is about it.
    const app = new FixtureApp(await extension.newWebPage());
    await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await app.login('cometchat-uid-1', emulator.authKey);
    await popup.tab.reloadForReading();
    await waitFor(
      "This tab to name the app's user",
      async () => (await popup.tab.text('[data-testid="this-tab-user"]')).includes('Andrew Joseph (cometchat-uid-1)'),
      10_000,
    );
  });

  afterAll(async () => {
    await extension?.close();
    build?.remove();
    await fixtures?.close();
    await emulator?.close();
  });

  it('should show only pseudo-localized words and data in the localized parts', async () => {
    writeFileSync(
      screenshotPath(`${name}-popup-pseudo-locale`),
      await (popup.tab.page as { screenshot(options: object): Promise<Uint8Array> }).screenshot({ fullPage: true }),
    );
    const data = [
      'Andrew Joseph (cometchat-uid-1)',
      'Nancy Grace',
      'cometchat-uid-1',
      'cometchat-uid-3',
      fixtures.url,
      // The test users' avatar initials; in the user card, CometChat's own status and role, and the masked token.
      'AJ',
      'GA',
      'NG',
      'SM',
      'JP',
      'online',
      'default',
      await popup.tab.text('[data-testid="current-user"] .token code'),
    ];
    for (const region of LOCALIZED) {
      const shown = await popup.tab.text(region);
      expect(shown, `${region} is on screen`).not.toBe('');
      expect(shown, `${region} shows localized words`).toContain(PSEUDO_OPEN);
      expect(hardCodedWords(shown, data), `hard-coded words in ${region}`).toEqual([]);
    }
  });

  it('should keep every part of the popup inside it, the 40% longer words wrapped or cut', async () => {
    const outside = await popup.tab.evaluate(() => {
      const popupBox = document.querySelector('main.popup')!.getBoundingClientRect();
      // Words for screen readers only (.sr-only) live in a 1 px box by design.
      return [...document.querySelectorAll('main.popup *:not(.sr-only)')]
        .filter((element) => {
          // Cut by design (the masked token, a long name): its overflow hidden behind an ellipsis, inside its box.
          const style = getComputedStyle(element);
          const isCut = style.textOverflow === 'ellipsis' && style.overflowX === 'hidden';
          return element.getBoundingClientRect().right > popupBox.right + 0.5 || (!isCut && element.scrollWidth > element.clientWidth + 1);
        })
        .filter((element) => getComputedStyle(element).display !== 'inline')
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}: ${(element as HTMLElement).innerText.slice(0, 40)}`);
    });

    expect(outside, 'elements wider than the popup or their own box').toEqual([]);
    // The masked token keeps its last characters in sight (its copy button moves under it rather than crush it).
    expect(
      await popup.tab.evaluate(() => {
        const token = document.querySelector('[data-testid="current-user"] .token code')!;
        return token.scrollWidth - token.clientWidth;
      }),
      'px of the masked token cut off',
    ).toBe(0);
  });
  /** The toolbar button's tooltip, the toolbar's own or `url`'s tab's, read through the extension API as the browser draws it. */
  const toolbarTitle = (url?: string) =>
    popup.tab.evaluate(
      async ({ api, url }) => {
        const [namespace, key] = api.split('.') as [string, string];
        const scope = (globalThis as any)[namespace];
        const tab = url ? (await scope.tabs.query({})).find((each: { url?: string }) => each.url?.startsWith(url)) : undefined;
        return (await scope[key].getTitle(tab ? { tabId: tab.id } : {})) as string;
      },
      { api: extension.actionApi, url },
    );

  it("should title the toolbar button, and the app's tab's, in pseudo-localized words and data", async () => {
    const data = ['Nancy Grace', 'cometchat-uid-3', 'Andrew Joseph', 'cometchat-uid-1', emulator.appId, new URL(fixtures.url).origin];

    const title = await toolbarTitle();
    const tabTitle = await toolbarTitle(fixtures.url);

    expect(title, "the toolbar's tooltip names the user").toContain('Nancy Grace');
    expect(title).toContain(PSEUDO_OPEN);
    expect(hardCodedWords(title, data), "hard-coded words in the toolbar's tooltip").toEqual([]);
    expect(tabTitle, "the app's tab's tooltip names the app's user").toContain('Andrew Joseph');
    expect(tabTitle).toContain(PSEUDO_OPEN);
    expect(hardCodedWords(tabTitle, data), "hard-coded words in the app's tab's tooltip").toEqual([]);
  });

  it("should explain a failed login, and name it in the toolbar's tooltip, in pseudo-localized words", async () => {
    await popup.tab.fill(pseudoLocalize('UID'), 'ghost-user', { within: 'form:has(#uid-login)' });
    await popup.tab.click(pseudoLocalize('Log in'), { within: 'form:has(#uid-login)' });
    await waitFor('the failed login to be explained', async () => (await popup.tab.count('[data-testid="error"] .error-explanation')) > 0, 10_000);
    // The code, CometChat's own message and its details are data.
    const data = [
      await popup.tab.text('[data-testid="error"] .error-code'),
      await popup.tab.text('[data-testid="error"] .error-message'),
      ...((await popup.tab.count('[data-testid="error"] .error-details')) > 0 ? [await popup.tab.text('[data-testid="error"] .error-details')] : []),
    ];

    const explanation = await popup.tab.text('[data-testid="error"] .error-explanation');
    await waitFor("the toolbar's tooltip to name the failure", async () => (await toolbarTitle()).includes('ERR_UID_NOT_FOUND'), 10_000);
    const title = await toolbarTitle();

    expect(data[0]).toBe('ERR_UID_NOT_FOUND');
    expect(hardCodedWords(explanation, data), 'hard-coded words in the explanation').toEqual([]);
    expect(
      hardCodedWords(title, ['Nancy Grace', 'cometchat-uid-3', emulator.appId, 'ERR_UID_NOT_FOUND']),
      "hard-coded words in the toolbar's tooltip",
    ).toEqual([]);
  });
});
