import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@/emulator';
import { siteOf } from '@/lib/sites';
import { evaluateIn, type AnyPage } from './support/any-page';
import { reportPanelOnFailure, startAppBed, type AppBed } from './support/app-bed';
import { BROWSERS, type ExtensionPage } from './support/extension-driver';
import type { FixtureApp } from './support/fixture-app';
import type { FixtureServer } from './support/fixture-server';
import type { Panel } from './support/panel';
import { Popup } from './support/popup';

const SWITCH_TO_SUSAN = '[aria-label^="Switch the page to Susan Marie"]';

/** Runs in an extension page: the text of every list item that mentions `text` (the Sites list's entries). */
const listItemsWith = (text: string) =>
  [...document.querySelectorAll('li')].map((item) => item.textContent ?? '').filter((itemText) => itemText.includes(text));

/**
 * The panel inside the browser's real DevTools, inspecting a real app that uses the official SDK against the TLS
 * emulator, on a site the extension is not allowed on at first: it reads the page through DevTools, the tester allows
 * the site (Chromium: the panel asks, and its real prompt is answered on a virtual display; Firefox: the panel's
 * DevTools have no `permissions` API, so it sends the tester to the popup's Sites in a tab), reloads, switches the
 * page's user, and manages the allowed sites.
 */
describe.each(BROWSERS)('devtools panel in real %s DevTools', (name) => {
  let bed: AppBed;
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let app: FixtureApp<AnyPage>;
  let panel: Panel;
  let site: string;

  /** The panel's switch to Susan Marie: disabled (read-only page) or not. */
  const switchDisabled = async () => (await panel.view.attribute(SWITCH_TO_SUSAN, 'disabled')) !== null;

  beforeAll(async () => {
    bed = await startAppBed(name, { allowSite: false, realDevtools: true });
    ({ emulator, fixtures } = bed);
    site = siteOf(fixtures.url);
    app = await bed.openApp();
    await app.login('cometchat-uid-1', emulator.authKey);
    await app.page.reload();
    await app.ready();
    panel = await bed.openPanel(app);
  });

  afterEach(
    reportPanelOnFailure(
      () => bed,
      () => panel,
    ),
  );

  afterAll(async () => {
    await bed?.close();
  });

  it("should register a CometChat panel that shows the page's own session of cometchat-uid-1, with its app and hosts", async () => {
    expect(await app.loggedInUid()).toBe('cometchat-uid-1');

    await expect.poll(() => panel.pageUser()).toContain('Andrew Joseph');
    const pageUser = await panel.pageUser();
    expect(pageUser).toContain('cometchat-uid-1');
    expect(pageUser).toContain(emulator.appId);
    expect(pageUser).toMatch(new RegExp(`Client API\\s+${emulator.hostAndPort}`));
    expect(pageUser).toMatch(new RegExp(`Admin API\\s+${emulator.hostAndPort}`));
    expect(await panel.shown()).toContain('No user logged in.');
  });

  it("should show the extension's user and auth events live", async () => {
    const popup = new Popup(await bed.extension.openPage('popup.html'));
    await popup.loginAsTestUser('John Paul', 'cometchat-uid-5');

    await expect.poll(() => panel.eventTypes()).toEqual(['loginSuccess cometchat-uid-5']);
    expect(await panel.activities()).toEqual([]);
    expect(await panel.shown()).toContain('John Paul');
    await popup.tab.close();
  });

  it('should name the site DevTools reports, not the one a page forges through its own JSON.stringify', async () => {
    // The page makes every page function answer that it is on `*://*` (once read as "every http and https site").
    await evaluateIn(app.page, () => {
      const forged = JSON.stringify({ ok: true, value: { origin: '*://*', hasSdk: true, sessions: [] } });
      JSON.stringify = () => forged;
    });
    try {
      await panel.view.click('Refresh');

      await expect.poll(() => panel.shown()).toContain('CometChat is loaded, but the page stores no session');
      expect(await panel.shown()).toContain(`Allow access to ${site}`);
      expect(await panel.shown()).not.toContain('*://*');
    } finally {
      // The page's own JSON back, for the tests that follow.
      await app.page.reload();
      await app.ready();
    }
    await expect.poll(() => panel.shown()).toContain('Andrew Joseph');
  });

  it('should read a page of a site not allowed through DevTools, and write only once the tester allowed the site', async () => {
    await expect.poll(() => panel.pageAccess()).toContain(`To switch or log out this page, allow the extension on ${site}.`);
    expect(await switchDisabled()).toBe(true);
    await panel.view.screenshot(`${name}-devtools-panel-read-only`);

    if (name === 'chromium') {
      // The panel asks for the site itself, and Chrome shows its own prompt.
      await panel.view.click(`Allow access to ${site}`);
      await bed.allowInPrompt();
    } else {
      // Firefox's DevTools panels have no `permissions` API: the panel links to the popup's Allowed sites in a tab.
      expect(await panel.pageAccess()).toContain(`Allow access to ${site} (opens a tab)`);
      const access = await bed.extension.openPage(`popup.html#allow=${encodeURIComponent(fixtures.url)}`);
      await access.click(`Allow access to ${site}`);
      await access.waitFor('body', `${site} is allowed.`);
      // The app's tab loaded before the grant: Sites names it under "Reload to start watching".
      await access.waitFor('[data-testid="sites-reload"]', 'Reload to start watching.');
      await access.close();
      await panel.view.click('Refresh');
    }

    await expect.poll(() => panel.shown()).not.toContain('Read through DevTools');
    expect(await switchDisabled()).toBe(false);
  });

  it('should say "Reload to start watching" once the site is allowed, and start watching the tab after its Reload', async () => {
    await expect.poll(() => panel.reloadNotice()).toContain('Reload to start watching.');
    expect(await panel.reloadNotice()).toContain(`The extension may now read and write ${site}`);
    expect(await panel.pageSession()).toContain('Reload to start watching.');
    const pageLoadsBefore = await evaluateIn(app.page, () => performance.timeOrigin);

    await panel.view.click('Reload');

    // The agent starts with the reloaded page and reports: the notice goes, the page was really reloaded.
    await expect.poll(() => panel.reloadNotice(), { timeout: 10_000 }).toBe('');
    expect(await panel.pageSession()).not.toContain('Reload to start watching.');
    expect(await evaluateIn(app.page, () => performance.timeOrigin)).toBeGreaterThan(pageLoadsBefore);
    expect(await panel.shown()).toContain('Andrew Joseph');
    await expect.poll(() => panel.pageUser()).toContain('Andrew Joseph');
  });

  it("should switch the page to cometchat-uid-4 after one yes for the site, as the page's own SDK then reports", async () => {
    await panel.view.click('Switch the page to Susan Marie (cometchat-uid-4)');
    await expect.poll(() => panel.pageQuestion()).toContain(`Site: ${fixtures.url}`);
    // The question names the switch that asked for it.
    expect(await panel.pageQuestion()).toContain('Switch the page to Susan Marie (cometchat-uid-4)?');
    expect(await panel.view.attribute('[data-testid="page-write-question"]', 'aria-labelledby')).toBe('page-write-question-title');
    await panel.answerPageQuestion('Yes, write into this site');
    // While it runs, the card says what it does.
    await expect.poll(() => panel.actionProgress(), { interval: 20 }).toContain('Switching the page to Susan Marie (cometchat-uid-4)');
    expect(await panel.view.attribute('[data-testid="page-session"]', 'aria-busy')).toBe('true');

    await expect.poll(() => panel.pageStatus()).toContain('The page is now logged in as Susan Marie (cometchat-uid-4).');
    expect(await panel.pageStatus()).toContain("Verified by the page's own CometChat SDK.");
    expect(await app.loggedInUid()).toBe('cometchat-uid-4');
    expect(await app.getUser('cometchat-uid-1')).toEqual({ name: 'Andrew Joseph' });
    await expect.poll(() => panel.pageUser()).toContain('Susan Marie');
    expect(emulator.requestLog).toContainEqual(expect.objectContaining({ method: 'POST', route: 'users/cometchat-uid-4/auth_tokens' }));
    await panel.view.screenshot(`${name}-devtools-panel`);
  });

  it('should list a wildcard grant under Sites, offer no access to a forged wildcard origin, and remove the grant', async () => {
    // A grant of every https site, as an older version (or the browser's own settings) may have left: asked for from
    // an extension page by a click (the only way the browser lets it ask), and allowed.
    const asking = await bed.extension.openPage('popup.html');
    await asking.evaluate(() => {
      const button = Object.assign(document.createElement('button'), { textContent: 'Ask for every https site' });
      const api = (globalThis as any).browser ?? (globalThis as any).chrome;
      button.onclick = () =>
        void api.permissions.request({ origins: ['https://*/*'] }).then((granted: boolean) => (document.body.dataset.granted = String(granted)));
      document.body.prepend(button);
    });
    await asking.click('Ask for every https site');
    await bed.allowInPrompt();
    await expect.poll(() => asking.attribute('body', 'data-granted')).toBe('true');
    await asking.close();

    // As the Firefox panel links here for a page's origin: a forged `*://*` gets no offer.
    const sites = await bed.extension.openPage(`popup.html#allow=${encodeURIComponent('*://*')}`);
    await expect
      .poll(() => sites.evaluate(() => document.querySelector('main')?.textContent))
      .toContain('https://*/*Access to every site this pattern matches');
    expect(
      await sites.evaluate(() => [...document.querySelectorAll('button')].filter((button) => button.textContent?.startsWith('Allow access')).length),
    ).toBe(0);
    await sites.click('Remove https://*/*');

    await expect.poll(() => sites.text('[role="status"]')).toContain('https://*/* is no longer allowed.');
    expect(await sites.evaluate(listItemsWith, 'https://*/*')).toEqual([]);
    const origins = await grantedOrigins(sites);
    expect(origins).not.toContain('https://*/*');
    expect(origins).toContain(`${site}/*`);
    await sites.close();
  });

  it('should list the allowed site with the app agreed for its origin, and read-only again once the site is removed', async () => {
    const sites = await bed.extension.openPage(`popup.html#allow=${encodeURIComponent(fixtures.url)}`);
    await sites.waitFor('body', `into ${fixtures.url}`);
    expect(await sites.text()).toContain('Access granted (every port)');

    await sites.click(`Remove ${site}`);

    await expect.poll(() => sites.text('[role="status"]')).toContain(`${site} is no longer allowed.`);
    await sites.waitFor('body', 'No site allowed yet.');
    await sites.close();
    await panel.view.click('Refresh');
    await expect.poll(() => panel.pageAccess()).toContain(`To switch or log out this page, allow the extension on ${site}.`);
  });

  it('should allow a site typed into Sites, opened as a tab, and refuse a typed wildcard by the field', async () => {
    const sites = await bed.extension.openPage('popup.html');
    await sites.click('Sites');
    await sites.waitFor('body', 'No site allowed yet.');

    await sites.fill('Site to allow', 'https://*');
    await sites.press('Enter', 'Site to allow');

    await expect.poll(() => sites.text('#add-site-error')).toContain('is not one.');
    expect(await sites.attribute('#add-site-error', 'data-code')).toBe('ERR_INVALID_SITE');
    expect(await sites.attribute('[aria-describedby="add-site-error"]', 'aria-invalid')).toBe('true');

    await sites.fill('Site to allow', fixtures.url);
    await sites.click('Allow site');
    // Chrome may give a site it granted before back without a prompt: keys go to the prompt only if it asked (sent
    // to the page, they would press the site's new Remove button).
    await bed.allowInPrompt({ unlessAnswered: async () => (await sites.text('[role="status"]')).includes(`${site} is allowed.`) });

    await expect.poll(() => sites.text('[role="status"]')).toContain(`${site} is allowed.`);
    expect(await sites.evaluate(listItemsWith, site)).toEqual([expect.stringContaining('Access granted (every port)')]);
    await sites.close();
  });
});

/** The origins the extension holds now (the browser's own list, not the Sites view's). */
function grantedOrigins(page: ExtensionPage): Promise<string[]> {
  return page.evaluate(async () => {
    const api = (globalThis as any).browser ?? (globalThis as any).chrome;
    return ((await api.permissions.getAll()) as { origins: string[] }).origins;
  });
}
