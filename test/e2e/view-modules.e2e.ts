import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_REGISTRY } from '@/lib/cometchat/error-codes';
import { pageFiles } from './support/page-files';
import { CHROME_BUILD, FIREFOX_BUILD } from './support/paths';

/**
 * An extension page waits for the browser process to hand over each level of its module graph (~10 ms a level on a
 * 2-core machine): the popup loaded 5 script files and the panel 10 when WXT built every page in one Vite build, and
 * each opened 0.25–0.7× its shell slower for it (docs/benchmark.md). wxt.config.ts builds each view on its own, its
 * modules in one file; a lazy view imports from it.
 */
describe.each([
  ['chromium', CHROME_BUILD],
  ['firefox', FIREFOX_BUILD],
])('the views of the %s build', (_name, build) => {
  it.each(['popup.html', 'devtools-panel.html'])('should load %s with one script file, its lazy views after', (page) => {
    const scripts = pageFiles(build, page).filter((file) => file.endsWith('.js'));

    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(new RegExp(`^chunks/${page.replace('.html', '')}-[\\w-]+\\.js$`));
  });

  // The views call the browser's own API (lib/transport/view-browser.ts); the panel's DevTools adapter importing
  // `wxt/browser` once brought the polyfill's 10 kB into the panel's one file (88 kB → 78 kB without it).
  it("should leave webextension-polyfill to the background: no view's file holds it", () => {
    const holds = (file: string) => readFileSync(resolve(build, file), 'utf8').includes('webextension-polyfill');
    const viewFiles = readdirSync(resolve(build, 'chunks')).map((file) => `chunks/${file}`);

    expect(holds('background.js'), 'the mark the polyfill leaves in a file').toBe(true);
    expect(viewFiles.filter(holds)).toEqual([]);
  });

  // Views name codes (lib/cometchat/error-code-names.ts) and take the messages of the few they raise themselves from
  // lib/cometchat/view-error-messages.ts: the registry's messages were 6.8 kB of the panel's one file.
  it("should leave the error registry's messages to the background and the error explanations", () => {
    const registryMessage = ERROR_REGISTRY.AUTH_ERR_EMPTY_APPID.message;
    const holds = (file: string) => readFileSync(resolve(build, file), 'utf8').includes(registryMessage);
    const viewFiles = ['popup.html', 'devtools-panel.html'].flatMap((page) => pageFiles(build, page)).filter((file) => file.endsWith('.js'));

    expect(holds('background.js'), 'a message of the registry').toBe(true);
    expect(viewFiles.filter(holds)).toEqual([]);
  });
});
