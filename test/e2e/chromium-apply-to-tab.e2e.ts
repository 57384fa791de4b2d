import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { FixtureApp } from './support/fixture-app';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { createHiddenTargets } from './support/hidden-targets';
import { PopupPage } from './support/popup-page';
import { startVirtualDisplay, type VirtualDisplay } from './support/virtual-display';

/**
 * "Apply to this tab" from the real toolbar popup. The popup is opened with its keyboard shortcut
 * (a user gesture, which is what grants `activeTab`), on a headed Chromium on a virtual display.
 */
describe('apply to this tab from the real popup in Chromium', () => {
  let display: VirtualDisplay;
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let browser: ChromiumWithExtension;
  let app: FixtureApp;

  /** Opens the real popup over the active tab, as Alt+Shift+K does for a tester. */
  async function openRealPopup() {
    const hidden = createHiddenTargets(browser.cdp);
    await app.page.bringToFront();
    display.pressKeys('alt+shift+k');
    const target = await hidden.waitFor('the toolbar popup', async () =>
      (await hidden.targets()).find((candidate) => candidate.url === `chrome-extension://${browser.extensionId}/popup.html`),
    );
    const popup = hidden.handle(await hidden.attach(target.targetId));
    // A popup that is still loading cannot be read yet: that is "not yet", not a failure.
    await hidden.waitFor('the popup to show the user', async () => (await popup.text().catch(() => '')).includes('Apply '));
    return popup;
  }

  beforeAll(async () => {
    display = await startVirtualDisplay();
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    browser = await launchChromiumWithExtension({ headless: false, display: display.display, acceptSelfSigned: true });
    const setup = new PopupPage(await browser.openPage('popup.html'));
    await setup.setUpWithEmulator({ apiHost: emulator.url });
    await setup.loginAsTestUser('George Alan');
    await setup.currentUser.getByText('George Alan').waitFor();
    await setup.page.close();

    app = new FixtureApp(await browser.context.newPage());
    await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await app.login('cometchat-uid-1', emulator.authKey);
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await emulator?.close();
    display?.close();
  });

  it("should switch the tab's page to the extension's user, as the page's own SDK then reports", async () => {
    const popup = await openRealPopup();

    await popup.click('Apply George Alan to this tab');

    await expect.poll(() => popup.text()).toContain("This tab's page is now logged in as George Alan (cometchat-uid-2).");
    expect(await app.loggedInUid()).toBe('cometchat-uid-2');
    expect(await app.getUser('cometchat-uid-3')).toEqual({ name: 'Nancy Grace' });
  });

  it('should say so when the tab has no CometChat', async () => {
    await app.page.goto(`${emulator.url}/not-an-app`);
    const popup = await openRealPopup();

    await popup.click('Apply George Alan to this tab');

    await expect.poll(() => popup.text()).toContain('ERR_PAGE_NO_COMETCHAT');
    expect(await popup.text()).toContain('This page has no CometChat');
  });
});
