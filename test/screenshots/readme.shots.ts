import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from '../e2e/support/chromium';
import { createDevtoolsFrontend } from '../e2e/support/devtools-frontend';
import { FixtureApp } from '../e2e/support/fixture-app';
import { startFixtureServer, type FixtureServer } from '../e2e/support/fixture-server';
import { ROOT } from '../e2e/support/paths';
import { PopupPage } from '../e2e/support/popup-page';
import { openPanelInspecting } from '../e2e/support/stubbed-devtools';
import { siteOf } from '@/lib/sites';
import { waitFor } from '../e2e/support/wait-for';

const IMAGES = resolve(ROOT, 'docs/images');
const image = (name: string) => resolve(IMAGES, `${name}.png`);

/**
 * Regenerates the README's screenshots (`npm run screenshots`): the popup and the panel, light and dark,
 * and the panel inside real DevTools, all from the built extension against the emulator.
 */
describe('README screenshots', () => {
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  let app: FixtureApp;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    // The fixture's site allowed, as a tester would have it (the panel writes only on allowed sites).
    browser = await launchChromiumWithExtension({ acceptSelfSigned: true, devtools: true, allowedSites: [siteOf(fixtures.url)] });
    popup = new PopupPage(await browser.openPage('popup.html', { width: 380, height: 560 }));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.loginAsTestUser('Andrew Joseph');
    await popup.loginAsTestUser('Nancy Grace');
    await popup.currentUser.getByText('Nancy Grace').waitFor();
    app = new FixtureApp(await browser.context.newPage());
    await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await app.login('cometchat-uid-4', emulator.authKey);
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await emulator?.close();
  });

  it('should capture the popup, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await popup.page.emulateMedia({ colorScheme: scheme });
      await popup.page.screenshot({ path: image(`popup-${scheme}`) });
    }
  });

  it('should capture the panel with a page session, light and dark', async () => {
    for (const theme of ['default', 'dark'] as const) {
      const panel = await browser.context.newPage();
      await panel.setViewportSize({ width: 1100, height: 760 });
      await openPanelInspecting(panel, app.page, `chrome-extension://${browser.extensionId}/devtools-panel.html`, theme);
      await panel.getByTestId('page-user').getByText('Susan Marie').waitFor();
      await panel.locator('[data-seq]').first().waitFor();
      await panel.screenshot({ path: image(`panel-${theme === 'dark' ? 'dark' : 'light'}`) });
      await panel.close();
    }
  });

  it('should capture the panel inside real Chromium DevTools', async () => {
    await app.page.reload();
    const panel = await createDevtoolsFrontend(browser.cdp).openExtensionPanel(browser.extensionId, fixtures.url);
    // The panel page exists before it has read the page's session and drawn its buttons: on a busy machine, clicking
    // at once found no button. Wait for the page's user first.
    await waitFor('the panel to show the page user', async () => (await panel.text()).includes('Susan Marie'));
    await panel.click('Switch the page to George Alan (cometchat-uid-2)');
    // The first write into the fixture's origin asks once.
    await waitFor('the question for this site', async () => (await panel.text()).includes('Yes, write into this site'));
    await panel.click('Yes, write into this site');
    await waitFor('the page switched to George Alan', async () => (await panel.text()).includes('now logged in as George Alan'));
    writeFileSync(image('devtools-panel'), await panel.screenshot());
  });
});
