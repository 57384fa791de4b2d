import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** Gecko id: Firefox needs a stable id for storage and for the e2e suite to address the add-on. */
export const GECKO_ID = 'cometchat-session-inspector@cometchat-tools.dev';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'CometChat Session Inspector',
    description: 'See, switch and watch CometChat sessions while you develop and test.',
    // IndexedDB needs no permission, and CometChat's hosts (and the emulator) answer CORS with `*`.
    // activeTab + scripting: "Apply to this tab" may touch only the tab the tester invoked the extension on.
    permissions: ['activeTab', 'scripting'],
    commands: {
      // Opening the popup by keyboard also grants activeTab, like a click on the toolbar button.
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: { suggested_key: { default: 'Alt+Shift+K' } },
      'next-test-user': { suggested_key: { default: 'Alt+Shift+U' }, description: 'Log in as the next test user (cometchat-uid-1 … 5)' },
      'log-out': { suggested_key: { default: 'Alt+Shift+L' }, description: 'Log out of CometChat' },
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
  zip: {
    // Baseline screenshots (1.4 MB) only serve the visual tests; a reviewer rebuilding the add-on does not need them.
    excludeSources: ['test-results/**', '.output/**', 'node_modules/**', 'test/e2e/baselines/**'],
  },
});
