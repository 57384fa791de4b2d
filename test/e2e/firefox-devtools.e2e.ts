import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { siteOf } from '@/lib/sites';
import { startEmulator, type Emulator } from '@/emulator';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { openFirefoxDevtoolsPanel, type FirefoxDevtoolsPanel } from './support/firefox-devtools';
import { FirefoxPopupPage } from './support/firefox-popup-page';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';

const PAGE_USER = '[data-testid="page-user"]';
/** The outcome line of the last page action in the page-session section. */
const PAGE_STATUS = '[data-testid="page-session"] [role="status"]';

/**
 * The panel inside Firefox's real DevTools (the MV2 build), reading and switching the session of a web app
 * that uses the official SDK against the TLS emulator, through Firefox's `devtools.inspectedWindow`.
 */
describe('devtools panel in real Firefox DevTools', () => {
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let firefox: FirefoxWithExtension;
  let app: Page;
  let panel: FirefoxDevtoolsPanel;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    // The page's SDK and the extension's event page both talk https to the emulator's self-signed certificate.
    firefox = await launchFirefoxWithExtension({ acceptInsecureCerts: true });
    // Switching the page needs the extension set up: its event page mints the session it writes into the page.
    const popup = new FirefoxPopupPage(await firefox.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    // The card reads "No user logged in." once the event page has stored the settings.
    await popup.page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="current-user"]')?.innerText.includes('No user logged in.'),
      { timeout: 10_000 },
    );
    await popup.page.close();

    app = await firefox.browser.newPage();
    await openFixtureApp(app, `${fixtures.url}/?appId=${emulator.appId}&region=eu&host=${emulator.hostAndPort}`);
    await app.evaluate(([uid, authKey]) => (window as any).CometChat.login(uid, authKey), ['cometchat-uid-1', emulator.authKey] as const);

    panel = await openFirefoxDevtoolsPanel(firefox.browser, app, 'CometChat');
  });

  afterEach(async ({ task }) => {
    // A failing step says what the user saw; the panel's whole text and the popup's console say why.
    if (task.result?.state !== 'fail') return;
    const panelText = await panel?.text('body').catch((error) => `(unreadable: ${error})`);
    console.error(`Panel text:\n${panelText ?? '(the panel never opened)'}\nPopup console:\n${firefox?.consoleMessages.join('\n')}`);
  });

  afterAll(async () => {
    await firefox?.close();
    await fixtures?.close();
    await emulator?.close();
  });

  it("should show the page's own session of cometchat-uid-1 in the CometChat panel, with its app and hosts", async () => {
    expect(await loggedInUid(app)).toBe('cometchat-uid-1');

    await expect.poll(() => panel.text(PAGE_USER)).toContain('Andrew Joseph');
    const pageUser = await panel.text(PAGE_USER);
    expect(pageUser).toContain('cometchat-uid-1');
    expect(pageUser).toContain(emulator.appId);
    expect(pageUser).toMatch(new RegExp(`Client API\\s+${emulator.hostAndPort}`));
    expect(pageUser).toMatch(new RegExp(`Admin API\\s+${emulator.hostAndPort}`));
    await panel.screenshot('firefox-devtools-panel');
  });

  it('should read a page of a site not allowed through DevTools, and send the tester to a tab that asks for access', async () => {
    const site = siteOf(fixtures.url);
    await expect.poll(() => panel.text('[data-testid="page-access"]')).toContain(`To switch or log out this page, allow the extension on ${site}.`);
    // Firefox's DevTools panels have no `permissions` API: the panel links to the popup's Allowed sites in a tab.
    expect(await panel.text('[data-testid="page-access"]')).toContain(`Allow access to ${site} (opens a tab)`);

    const access = await firefox.openPage(`popup.html#allow=${encodeURIComponent(fixtures.url)}`);
    await access.locator(`::-p-aria(Allow access to ${site})`).click();
    await access.waitForFunction((wanted) => document.body.innerText.includes(`${wanted} is allowed.`), { timeout: 10_000 }, site);
    // The app's tab loaded before the grant: Sites names it under "Reload to start watching".
    await access.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="sites-reload"]')?.innerText.includes('Reload to start watching.'),
      {
        timeout: 10_000,
      },
    );
    await access.close();

    await panel.clickButton('Refresh');
    await expect.poll(() => panel.text('[data-testid="page-session"]')).not.toContain('Read through DevTools');
  });

  it('should say "Reload to start watching" in the panel once the site is allowed, and start watching the tab after its Reload', async () => {
    await expect.poll(() => panel.text('[data-testid="page-session"]')).toContain('Reload to start watching.');
    const loadedBefore = await app.evaluate(() => performance.timeOrigin);

    await panel.clickButton('Reload');

    await expect.poll(() => panel.text('[data-testid="page-session"]'), { timeout: 10_000 }).not.toContain('Reload to start watching.');
    expect(await app.evaluate(() => performance.timeOrigin)).toBeGreaterThan(loadedBefore);
    await expect.poll(() => panel.text(PAGE_USER)).toContain('Andrew Joseph');
  });

  it("should switch the page to cometchat-uid-4 from the panel after one yes for the site, verified by the page's own SDK after its reload", async () => {
    await panel.clickButton('Switch the page to Susan Marie (cometchat-uid-4)');
    await expect.poll(() => panel.text('[data-testid="page-write-question"]')).toContain(`Site: ${fixtures.url}`);
    // The question names the switch that asked for it.
    expect(await panel.text('[data-testid="page-write-question"]')).toContain('Switch the page to Susan Marie (cometchat-uid-4)?');
    await panel.clickButton('Yes, write into this site');
    await expect.poll(() => panel.text(PAGE_STATUS)).toContain('The page is now logged in as Susan Marie (cometchat-uid-4).');
    expect(await panel.text(PAGE_STATUS)).toContain("Verified by the page's own CometChat SDK.");
    await expect.poll(() => loggedInUid(app)).toBe('cometchat-uid-4');
    await expect.poll(() => panel.text(PAGE_USER)).toContain('Susan Marie');
    expect(emulator.requestLog).toContainEqual({ method: 'POST', route: 'users/cometchat-uid-4/auth_tokens' });
  });

  it('should list the allowed site with the app agreed for its origin, and read-only again once the site is removed', async () => {
    const site = siteOf(fixtures.url);
    const sites = await firefox.openPage('popup.html#allow=' + encodeURIComponent(fixtures.url));
    await sites.waitForFunction((wanted) => document.body.innerText.includes(`into ${wanted}`), { timeout: 10_000 }, fixtures.url);
    expect(await sites.evaluate(() => document.body.innerText)).toContain('Access granted (every port)');

    await sites.locator(`::-p-aria(Remove ${site})`).click();
    await sites.waitForFunction(() => document.body.innerText.includes('No site allowed yet.'), { timeout: 10_000 });
    await sites.close();

    await panel.clickButton('Refresh');
    await expect.poll(() => panel.text('[data-testid="page-access"]')).toContain(`To switch or log out this page, allow the extension on ${site}.`);
  });

  it('should allow a site typed into Sites, opened as a tab, and refuse a typed wildcard by the field', async () => {
    const site = siteOf(fixtures.url);
    const sites = await firefox.openPage('popup.html');
    await sites.locator('::-p-aria([name="Sites"][role="button"])').click();
    await sites.waitForFunction(() => document.body.innerText.includes('No site allowed yet.'), { timeout: 10_000 });
    const field = sites.locator('::-p-aria([name="Site to allow"][role="textbox"])');

    await field.fill('https://*');
    await sites.keyboard.press('Enter');
    await sites.waitForFunction(() => document.querySelector('#add-site-error')?.textContent?.includes('is not one.'), { timeout: 10_000 });
    expect(await sites.$eval('#add-site-error', (error) => error.getAttribute('data-code'))).toBe('ERR_INVALID_SITE');

    await field.fill(fixtures.url);
    await sites.locator('::-p-aria([name="Allow site"][role="button"])').click();

    await sites.waitForFunction((wanted) => document.body.innerText.includes(`${wanted} is allowed.`), { timeout: 10_000 }, site);
    await sites.waitForFunction(() => document.body.innerText.includes('Access granted (every port)'), { timeout: 10_000 });
    await sites.close();
  });
});

/** Opens the fixture app (official SDK) and waits until its `CometChat.init` has settled. */
async function openFixtureApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await fixtureReady(page);
}

/** Waits for the current document's `fixture.ready` (a new one after every reload). */
async function fixtureReady(page: Page): Promise<void> {
  // waitForFunction awaits a returned promise and tests what it resolves to, so test for the promise itself.
  await page.waitForFunction(() => Boolean((window as any).fixture?.ready));
  await page.evaluate(() => (window as any).fixture.ready);
}

/** The uid the page's own SDK reports once initialised (null when logged out). */
async function loggedInUid(page: Page): Promise<string | null> {
  await fixtureReady(page);
  return page.evaluate(async () => (await (window as any).CometChat.getLoggedinUser())?.getUid() ?? null);
}
