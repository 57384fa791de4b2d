/** Where `npm run build` puts the two extension builds (WXT's defaults), for the launcher and for tests that load them. */
import { resolve } from 'node:path';

/** The repository's root folder. */
export const ROOT = resolve(import.meta.dirname, '../..');
/** The Chrome / Chromium build (Manifest V3): load it unpacked. */
export const CHROME_BUILD = resolve(ROOT, '.output/chrome-mv3');
/** The Firefox build (Manifest V2): load its manifest.json as a temporary add-on. */
export const FIREFOX_BUILD = resolve(ROOT, '.output/firefox-mv2');
