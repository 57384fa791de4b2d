/**
 * `npm start`: the product running against the local emulator. Starts the emulator on its default
 * port; with a display, opens Chromium with the built extension loaded and already set up for the
 * emulator; without one, says where the builds are and keeps the emulator serving until Ctrl+C.
 */
import { EMULATOR_DEFAULTS } from '../lib/local-emulator';
import { startEmulator } from './index';
import { launchChromiumWithExtension } from '../test/e2e/support/chromium';
import { CHROME_BUILD, FIREFOX_BUILD } from '../test/e2e/support/paths';
import { PopupPage } from '../test/e2e/support/popup-page';

const port = Number(process.env.EMULATOR_PORT ?? EMULATOR_DEFAULTS.port);
const emulator = await startEmulator({ port });
console.log(`CometChat emulator on ${emulator.url} (App ID ${emulator.appId}, region ${EMULATOR_DEFAULTS.region})`);

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
let stopBrowser: (() => Promise<void>) | undefined;

if (hasDisplay) {
  const browser = await launchChromiumWithExtension({ headless: false });
  const popup = new PopupPage(await browser.openPage('popup.html'));
  await popup.setUpWithEmulator({ apiHost: emulator.url });
  console.log('Chromium is open with the extension set up for the emulator. Close it or press Ctrl+C to stop.');
  browser.context.on('close', () => void shutDown());
  stopBrowser = () => browser.close();
} else {
  console.log(`No display found, so no browser was opened.
  Chrome/Chromium: chrome://extensions → Developer mode → "Load unpacked" → ${CHROME_BUILD}
  Firefox:         about:debugging#/runtime/this-firefox → "Load Temporary Add-on…" → ${FIREFOX_BUILD}/manifest.json
  Then in the popup click "Use the local emulator" and Save.
The emulator keeps serving until Ctrl+C.`);
}

let stopping = false;
async function shutDown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stopBrowser?.().catch(() => undefined);
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutDown());
process.on('SIGTERM', () => void shutDown());
