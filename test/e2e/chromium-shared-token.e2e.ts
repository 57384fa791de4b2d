import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { siteOf } from '@/lib/sites';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { FixtureApp } from './support/fixture-app';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { PanelPage } from './support/panel-page';
import { PopupPage } from './support/popup-page';
import { openPanelInspecting } from './support/stubbed-devtools';

/**
 * An app set up without an Auth Key: no token can be minted for a page, so switching the page to a held session asks
 * before page and extension share one token (the panel as a tab with a stand-in devtools API on a real SDK page).
 */
describe('a page of an app without an Auth Key in Chromium', () => {
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let browser: ChromiumWithExtension;
  let app: FixtureApp;
  let panel: PanelPage;
  let held: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    browser = await launchChromiumWithExtension({ acceptSelfSigned: true, allowedSites: [siteOf(fixtures.url)] });
    const popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url, authKey: '' });
    held = emulator.createAuthToken('cometchat-uid-2');
    await popup.loginWithAuthToken(held);
    await popup.currentUser.getByText('George Alan').waitFor();
    await popup.page.close();

    app = new FixtureApp(await browser.context.newPage());
    await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await app.login('cometchat-uid-1', emulator.authKey);
    const panelPage = await browser.context.newPage();
    await panelPage.setViewportSize({ width: 1000, height: 900 });
    await openPanelInspecting(panelPage, app.page, `chrome-extension://${browser.extensionId}/devtools-panel.html`);
    panel = new PanelPage(panelPage);
    await panel.pageUser.getByText('Andrew Joseph').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await emulator?.close();
  });

  it("should ask before giving the page the extension's own token, and switch it once the tester agrees", async () => {
    // One button per person: George's held session is on his button (marked, with the legend), not a second one.
    expect(await panel.pageSession.getByRole('button', { name: /George/ }).count()).toBe(1);
    expect(await panel.page.getByRole('button', { name: /^Switch the page to George Alan / }).getAttribute('aria-describedby')).toBe(
      'page-held-legend',
    );
    await panel.switchPageTo('George Alan');
    await panel.answerPageQuestion('Yes, write into this site');

    await expect.poll(() => panel.pageQuestion.textContent()).toContain('A logout in the page, or revoking its token, then ends the extension');
    expect(await app.loggedInUid()).toBe('cometchat-uid-1');
    await panel.answerPageQuestion('Share the token');

    await expect.poll(() => panel.pageStatus.textContent()).toContain('The page is now logged in as George Alan (cometchat-uid-2).');
    expect(await app.loggedInUid()).toBe('cometchat-uid-2');
    const pageToken = await app.page.evaluate(
      (key) => JSON.parse(JSON.parse(localStorage.getItem(key)!)).authToken as string,
      `${emulator.appId}:common_store/user`,
    );
    expect(pageToken).toBe(held);
    // No token was minted for the page: there is no Auth Key to mint one with.
    expect(emulator.requestLog.filter((entry) => entry.method === 'POST' && entry.route.endsWith('/auth_tokens'))).toEqual([
      expect.objectContaining({ method: 'POST', route: 'users/cometchat-uid-1/auth_tokens' }),
    ]);
  });
});
