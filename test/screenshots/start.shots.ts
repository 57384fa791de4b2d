import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { FIRST_USER, startProduct, type RunningProduct } from '@/emulator/launcher/product';
import { ROOT } from '../e2e/support/paths';
import { pinnedFontconfigFile } from '../e2e/support/pinned-fonts';
import { UikitApp } from '../e2e/support/uikit-app';
import { startVirtualDisplay, type VirtualDisplay } from '../e2e/support/virtual-display';

const IMAGE = resolve(ROOT, 'docs/images/npm-start.png');
const APP_SIZE = { width: 1000, height: 640 };
const POPUP_SIZE = { width: 380, height: 640 };

/**
 * The README's first picture (`npm run screenshots`): what `npm start` opens, started by the same function on a
 * virtual display with the visual checks' pinned fonts — the UI Kit sample app logged in as cometchat-uid-1, a chat
 * with George Alan open, and beside it the extension's popup on that tab.
 */
describe('npm start picture', () => {
  let display: VirtualDisplay;
  let product: RunningProduct;
  const fontconfig = process.env.FONTCONFIG_FILE;

  beforeAll(async () => {
    display = await startVirtualDisplay();
    process.env.FONTCONFIG_FILE = pinnedFontconfigFile();
    product = await startProduct({ port: 0, browser: true, display: display.display });
    if (product.setUpError) throw product.setUpError;
  });

  afterAll(async () => {
    await product?.close();
    display?.close();
    if (fontconfig === undefined) delete process.env.FONTCONFIG_FILE;
    else process.env.FONTCONFIG_FILE = fontconfig;
  });

  it('should capture the sample app and the popup on its tab, side by side', async () => {
    const { context, extensionId } = product.browser!;
    const pages = context.pages();
    const appPage = pages.find((page) => page.url() === product.appUrl)!;
    const popupPage = pages.find((page) => page.url().startsWith(`chrome-extension://${extensionId}/popup.html`))!;
    await appPage.setViewportSize(APP_SIZE);
    const app = new UikitApp(appPage);
    await app.openChatWith('George Alan');
    await app.send('Hi George! Andrew here, from the sample app.');
    await appPage.getByText('Hi George! Andrew here').first().waitFor();
    // The popup's tab was opened before the app's: the app's is the active tab of its window, so This tab is about it.
    await popupPage.setViewportSize(POPUP_SIZE);
    await popupPage.reload();
    await popupPage.getByTestId('this-tab-user').getByText(FIRST_USER.name).waitFor();

    const shot = async (page: typeof appPage) => `data:image/png;base64,${(await page.screenshot()).toString('base64')}`;
    const [appShot, popupShot] = [await shot(appPage), await shot(popupPage)];
    const canvas = await context.newPage();
    await canvas.setViewportSize({ width: APP_SIZE.width + POPUP_SIZE.width + 72, height: APP_SIZE.height + 48 });
    await canvas.setContent(`<!doctype html><style>
      body { margin: 0; padding: 24px; display: flex; gap: 24px; background: #eef0f6; }
      img { border-radius: 8px; box-shadow: 0 6px 24px rgba(20, 24, 40, 0.25); }
    </style><img src="${appShot}" alt=""><img src="${popupShot}" alt="">`);
    await canvas.screenshot({ path: IMAGE });
    await canvas.close();
  });
});
