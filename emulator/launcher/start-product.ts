/**
 * `npm start`: the product running against the local emulator. Starts the emulator on its default
 * port; with a display, opens Chromium with the built extension loaded and already set up for the
 * emulator; without one, says where the builds are and keeps the emulator serving until Ctrl+C.
 *
 * The launcher is a script that uses the emulator, not a part of it. It sits in emulator/launcher/ only because the
 * repository's top level is fixed: it reaches the emulator through its public entry, nothing in the emulator imports
 * it, and it imports no test helpers (tests may import its paths and Chromium flags, never the reverse).
 */
import { EMULATOR_DEFAULTS } from '../../lib/local-emulator';
import { startEmulator } from '../index';
import { CHROME_BUILD, FIREFOX_BUILD } from './build-paths';
import { launchChromiumWithExtension } from './launch-chromium';
import { setUpPopupForEmulator } from './set-up-popup';

const port = Number(process.env.EMULATOR_PORT ?? EMULATOR_DEFAULTS.port);
const emulator = await startEmulator({ port });
console.log(`CometChat emulator on ${emulator.url} (App ID ${emulator.appId}, region ${EMULATOR_DEFAULTS.region})`);

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
let stopBrowser: (() => Promise<void>) | undefined;

if (hasDisplay) {
  const browser = await launchChromiumWithExtension();
  stopBrowser = () => browser.close();
  browser.onClose(() => void shutDown());
  try {
    await setUpPopupForEmulator(await browser.openExtensionPage('popup.html'), emulator.url);
    console.log('Chromium is open with the extension set up for the emulator. Close it or press Ctrl+C to stop.');
  } catch (error) {
    // The browser is still useful: say what went wrong and how to finish by hand rather than closing it.
    console.error(`Chromium is open, but setting the popup up failed: ${(error as Error).message}`);
    console.error(`In the popup click "Use the local emulator", set the API host to ${emulator.url} and Save. Ctrl+C stops.`);
  }
} else {
  console.log(`No display found, so no browser was opened.
  Chrome/Chromium: chrome://extensions → Developer mode → "Load unpacked" → ${CHROME_BUILD}
  Firefox:         about:debugging#/runtime/this-firefox → "Load Temporary Add-on…" → ${FIREFOX_BUILD}/manifest.json
  Then in the popup click "Use the local emulator"${emulator.port === EMULATOR_DEFAULTS.port ? '' : `, set the API host to ${emulator.url},`} and Save.
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
