import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_USER, startProduct, type RunningProduct } from '@/emulator/launcher/product';
import { buildSampleApp } from '@/emulator/sample-app/build';
import type { Page } from 'playwright-core';
import { openPanelInspecting } from './support/stubbed-devtools';
import { UikitApp } from './support/uikit-app';
import { startVirtualDisplay, type VirtualDisplay } from './support/virtual-display';

/**
 * What `npm start` opens, started by the same function (emulator/launcher/product.ts) on a virtual display: the sample
 * app in the front tab, logged in, its site allowed, the extension set up for the emulator. Chromium only: `npm start`
 * opens Chromium (Firefox is loaded by hand, as the launcher says without a display).
 */
describe('npm start: the sample app in the Chromium it opens', () => {
  let display: VirtualDisplay;
  let product: RunningProduct;
  let app: Page;

  beforeAll(async () => {
    display = await startVirtualDisplay();
    product = await startProduct({ port: 0, browser: true, display: display.display });
  });

  afterAll(async () => {
    await product?.close();
    display?.close();
  });

  it(`should open the UI Kit sample app in the front tab, logged in as ${FIRST_USER.name} by its own login screen`, async () => {
    expect(product.setUpError).toBeUndefined();
    const tabs = product.browser!.context.pages();
    app = tabs.find((tab) => tab.url() === product.appUrl)!;
    expect(app, `a tab at ${product.appUrl} among ${tabs.map((tab) => tab.url()).join(', ')}`).toBeDefined();
    expect(await new UikitApp(app).signedInAs()).toBe(FIRST_USER.name);
    expect(await app.evaluate(() => document.visibilityState)).toBe('visible');
  });

  it("should have set the extension up for the emulator, the app's site allowed: the panel shows the app's user and its live socket", async () => {
    const panel = await product.browser!.context.newPage();
    await openPanelInspecting(panel, app, `chrome-extension://${product.browser!.extensionId}/devtools-panel.html`);
    await expect.poll(() => panel.getByTestId('page-user').innerText()).toContain(FIRST_USER.name);
    await expect.poll(() => panel.getByTestId('monitor-strip').innerText()).toContain('WebSocket connected');
    await panel.close();
  });

  it('should switch the app to George Alan from the panel, the UI Kit showing him after the reload', async () => {
    const panel = await product.browser!.context.newPage();
    await openPanelInspecting(panel, app, `chrome-extension://${product.browser!.extensionId}/devtools-panel.html`);
    await panel.getByTestId('page-user').getByText(FIRST_USER.name).waitFor();
    await panel.getByRole('button', { name: 'Switch the page to George Alan (cometchat-uid-2)' }).click();
    // The first write into a site asks once.
    await panel.getByRole('button', { name: 'Yes, write into this site' }).click();
    await panel.getByText('now logged in as George Alan').waitFor();
    await expect.poll(() => new UikitApp(app).signedInAs(), { timeout: 20_000 }).toBe('George Alan');
    await panel.close();
  });

  it('should keep the sample app built: the next start serves it from the cache', async () => {
    expect(await buildSampleApp()).toEqual({ dir: expect.any(String), built: false });
  });
});
