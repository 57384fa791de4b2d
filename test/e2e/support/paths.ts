import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from '../../../emulator/launcher/build-paths';

// The builds are the ones `npm start` loads, so their paths are the launcher's; tests keep importing them from here.
export { CHROME_BUILD, FIREFOX_BUILD, ROOT } from '../../../emulator/launcher/build-paths';
const SCREENSHOTS = resolve(ROOT, 'test-results/screenshots');

/** Where a screenshot named `name` goes; the folder is made on first use. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return resolve(SCREENSHOTS, `${name}.png`);
}
