import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
const STORE_IMAGES = resolve(ROOT, 'docs/store/images');

/** An image of docs/images as a data: URL, to place on a store picture. */
const inline = (name: string) => `data:image/png;base64,${readFileSync(image(name)).toString('base64')}`;

/** The pictures the stores ask for (docs/store/README.md): a caption beside or above the product's own screenshots. */
const STORE_PICTURES = [
  {
    name: 'screenshot-1-popup',
    size: { width: 1280, height: 800 },
    caption: ['Who is this tab?', 'The popup leads with the tab: who it runs, pinned or shared. One click logs in a test user.'],
    images: ['popup-light', 'popup-dark'],
  },
  {
    name: 'screenshot-2-panel',
    size: { width: 1280, height: 800 },
    caption: ['Every login, live', "The DevTools panel: the page's session, its tabs, and a timeline of what the app and the extension did."],
    images: ['panel-light'],
  },
  {
    name: 'screenshot-3-devtools',
    size: { width: 1280, height: 800 },
    caption: ['Switch the page under test', 'Inside real DevTools: switch the inspected page to another user and see it verified.'],
    images: ['devtools-panel'],
  },
  {
    name: 'promo-small-440x280',
    size: { width: 440, height: 280 },
    caption: ['CometChat Session Inspector', 'See, switch and watch CometChat sessions while you develop and test.'],
    images: [],
  },
] as const;

/**
 * Regenerates the README's screenshots (`npm run screenshots`): the popup and the panel, light and dark,
 * and the panel inside real DevTools, all from the built extension against the emulator; then the stores' pictures
 * (docs/store/images) composed from them. The fonts are the visual checks' pinned ones, the same on any machine.
 */
describe('README and store screenshots', () => {
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  let app: FixtureApp;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    // The fixture's site allowed, as a tester would have it (the panel writes only on allowed sites).
    browser = await launchChromiumWithExtension({
      acceptSelfSigned: true,
      devtools: true,
      allowedSites: [siteOf(fixtures.url)],
      pinnedFonts: true,
    });
    // Tall enough for This tab and the whole main view: a screenshot that resizes the page (fullPage) would catch the
    // size overlay DevTools paints on a resize.
    popup = new PopupPage(await browser.openPage('popup.html', { width: 380, height: 760 }));
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

  it("should capture the popup on the app's tab, light and dark", async () => {
    // The app's tab opened after the popup's page: it is the active tab of the popup's window, so This tab is about it.
    await popup.page.reload();
    await popup.page.getByTestId('this-tab-user').getByText('Susan Marie').waitFor();
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

  it("should compose the stores' pictures at their sizes (1280×800 screenshots, the 440×280 promo tile)", async () => {
    mkdirSync(STORE_IMAGES, { recursive: true });
    const icon = `data:image/png;base64,${readFileSync(resolve(ROOT, 'public/icon/128.png')).toString('base64')}`;
    for (const { name, size, caption, images } of STORE_PICTURES) {
      const page = await browser.context.newPage();
      await page.setViewportSize(size);
      const tile = images.length === 0;
      await page.setContent(`<!doctype html><style>
        body { margin: 0; width: ${size.width}px; height: ${size.height}px; box-sizing: border-box; padding: ${tile ? 28 : 40}px;
          font-family: system-ui, sans-serif; background: linear-gradient(135deg, #3944bc, #1b1d24); color: #fff;
          display: flex; flex-direction: ${tile ? 'column' : 'row'}; gap: ${tile ? 12 : 40}px; align-items: ${tile ? 'flex-start' : 'center'}; }
        .caption { flex: 0 0 ${tile ? 'auto' : '300px'}; }
        h1 { font-size: ${tile ? 26 : 36}px; margin: 0 0 12px; line-height: 1.2; }
        p { font-size: ${tile ? 15 : 20}px; line-height: 1.45; margin: 0; color: #dfe2ff; }
        .shots { flex: 1; display: flex; gap: 24px; justify-content: center; align-items: center; min-width: 0; height: 100%; }
        .shots img { max-width: 100%; max-height: 100%; min-width: 0; border-radius: 10px; box-shadow: 0 12px 40px rgba(0, 0, 0, 0.45); }
      </style>
      ${tile ? `<img src="${icon}" width="72" height="72" alt="">` : ''}
      <div class="caption"><h1>${caption[0]}</h1><p>${caption[1]}</p></div>
      ${tile ? '' : `<div class="shots">${images.map((shot) => `<img src="${inline(shot)}" alt="">`).join('')}</div>`}`);
      await page.screenshot({ path: resolve(STORE_IMAGES, `${name}.png`) });
      await page.close();
    }
  });
});
