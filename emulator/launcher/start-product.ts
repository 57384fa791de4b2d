/**
 * `npm start`: the product running against the local emulator. Starts the emulator on its default port; with a
 * display, serves the sample app (CometChat's React UI Kit, emulator/sample-app) beside it and opens Chromium with the
 * built extension set up for the emulator, the app's site allowed and the app in a tab, logged in as
 * `cometchat-uid-1`; without one, says where the builds are and keeps the emulator serving until Ctrl+C.
 *
 * The launcher is a script that uses the emulator, not a part of it. It sits in emulator/launcher/ only because the
 * repository's top level is fixed: it reaches the emulator through its public entry, nothing in the emulator imports
 * it, and it imports no test helpers (tests may import its paths and Chromium flags, never the reverse).
 */
import { EMULATOR_DEFAULTS } from '../../lib/local-emulator';
import { CHROME_BUILD, FIREFOX_BUILD } from './build-paths';
import { FIRST_USER, startProduct } from './product';

const port = Number(process.env.EMULATOR_PORT ?? EMULATOR_DEFAULTS.port);
const appPort = process.env.SAMPLE_APP_PORT === undefined ? undefined : Number(process.env.SAMPLE_APP_PORT);
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (hasDisplay) console.log('Starting the emulator, the sample app and Chromium…');
const product = await startProduct({ port, appPort, browser: hasDisplay });
const { emulator } = product;
console.log(`CometChat emulator on ${emulator.url} (App ID ${emulator.appId}, region ${EMULATOR_DEFAULTS.region})`);

if (product.browser) {
  product.browser.onClose(() => void shutDown());
  console.log(`Sample app (CometChat's React UI Kit${product.appBuilt ? ', just built' : ''}) on ${product.appUrl}`);
  if (product.setUpError) {
    // The browser is still useful: say what went wrong and how to finish by hand rather than closing it.
    console.error(`Chromium is open, but setting it up failed: ${product.setUpError.message}`);
    console.error(`In the popup click "Use the local emulator", set the API host to ${emulator.url} and Save; in the sample app's tab,
log in as ${FIRST_USER.name}. Ctrl+C stops.`);
  } else {
    console.log(`Chromium is open: the sample app logged in as ${FIRST_USER.name} (${FIRST_USER.uid}), its site allowed, the extension
set up for the emulator. Switch the tab to another user, pin it, open a second tab as someone else and chat between the
two. Close Chromium or press Ctrl+C to stop.`);
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
  await product.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutDown());
process.on('SIGTERM', () => void shutDown());
