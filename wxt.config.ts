import { copyFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Gecko id: Firefox needs a stable id for storage and for the e2e suite to address the add-on. */
export const GECKO_ID = 'cometchat-session-inspector@cometchat-tools.dev';

/** The views that open on a tester's click, each built on its own (see `hooks`). */
const VIEWS = new Set(['popup', 'devtools-panel']);

/** The sites a tester may allow, one at a time: any web page. */
const PAGE_SITES = ['http://*/*', 'https://*/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // No module preload: an extension's files are on disk, so the helper Vite wraps every lazy `import()` in (and its
  // link-preload code) only adds bytes to the popup and the panel.
  vite: () => ({ plugins: [preact()], build: { modulePreload: false } }),
  manifest: ({ browser }) => ({
    // Words a person reads live in public/_locales (the stores and the browser show them in the reader's language).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // IndexedDB needs no permission.
    // activeTab + scripting: "Apply to this tab" may touch only the tab the tester invoked the extension on.
    permissions: ['activeTab', 'scripting'],
    // CometChat's own API hosts, which the extension always talks to: with host access its requests do not
    // depend on how CometChat answers CORS for an extension's origin (chromium-cometchat-hosts.e2e.ts proves it
    // against an emulator with CORS off). A custom API host still relies on CORS, as the emulator answers it.
    // WXT lists these under `permissions` in Firefox's MV2 manifest.
    host_permissions: ['https://*.cometchat.io/*'],
    // Pages under test: nothing until the tester allows a site (Allowed sites, or "Allow access" in the panel),
    // one scheme and host at a time. Firefox's MV2 manifest lists origins under `optional_permissions`.
    ...(browser === 'firefox' ? { optional_permissions: PAGE_SITES } : { optional_host_permissions: PAGE_SITES }),
    commands: {
      // Opening the popup by keyboard also grants activeTab, like a click on the toolbar button.
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: { suggested_key: { default: 'Alt+Shift+K' } },
      'next-test-user': { suggested_key: { default: 'Alt+Shift+U' }, description: '__MSG_commandNextTestUser__' },
      'log-out': { suggested_key: { default: 'Alt+Shift+L' }, description: '__MSG_commandLogOut__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // The extension collects nothing; Firefox reads that from here since 142.
            gecko: { id: GECKO_ID, strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
  hooks: {
    // WXT builds every HTML page in one Vite build, so the code the popup and the panel share went into shared chunks:
    // the popup loaded 5 script files and the panel 10. An extension page waits for the browser process to hand over
    // each level of its module graph (~10 ms a level on a 2-core machine; docs/benchmark.md), so each view is built
    // on its own, every module it loads as it opens in its one file. Its lazy views import from that file.
    'entrypoints:grouped': (_wxt, groups) => {
      for (const group of [...groups]) {
        if (!Array.isArray(group)) continue;
        for (const view of group.filter((entry) => VIEWS.has(entry.name))) {
          group.splice(group.indexOf(view), 1);
          groups.push([view]);
        }
        if (group.length === 0) groups.splice(groups.indexOf(group), 1);
      }
    },
    'vite:build:extendConfig': (entrypoints, config) => {
      const [view] = entrypoints;
      if (entrypoints.length !== 1 || !VIEWS.has(view!.name)) return;
      // `$initial`: the modules the view imports statically. Left to itself, Rolldown put those its lazy views share
      // in chunks of their own (the popup still loaded 5 files).
      const output = (config.build!.rollupOptions!.output ??= {}) as Record<string, unknown>;
      output.codeSplitting = { groups: [{ name: view!.name, tags: ['$initial'] }] };
    },
    // Edge Add-ons takes the Chromium build as it is: `npm run zip` writes the Chrome zip a second time, named for Edge.
    'zip:extension:done': (wxt, zipPath) => {
      if (wxt.config.browser === 'chrome') copyFileSync(zipPath, zipPath.replace(/-chrome\.zip$/, '-edge.zip'));
    },
  },
  zip: {
    // Baseline screenshots (1.4 MB) only serve the visual tests; a reviewer rebuilding the add-on does not need them.
    excludeSources: ['test-results/**', '.output/**', 'node_modules/**', 'test/e2e/baselines/**'],
  },
});
