import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './paths';

export const FIXTURE_APP = join(ROOT, 'test/fixtures/sdk-app');
export const SDK_FILE = join(ROOT, 'node_modules/@cometchat/chat-sdk-javascript/CometChat.js');

const SDK_TAG = /\s*<script src="\/sdk\/CometChat\.js"><\/script>/;

/**
 * The fixture app as a real app ships it: the official SDK bundled with the app code, so the page never has a
 * `window.CometChat`. One script: the SDK's source and `app.js`, each in a function whose `window`, `self` and
 * `globalThis` are the shadow window of `shadow-window.js` (a Proxy that keeps the SDK's globals private); `app.js`
 * gets the SDK's `CometChat` as a binding, as `import { CometChat } from '@cometchat/chat-sdk-javascript'` would give it.
 * Nothing is declared at the top level, so the page's only new global is the app's `window.fixture`.
 */
export async function buildBundledApp(): Promise<string> {
  const [shadow, sdk, app] = await Promise.all(
    [join(FIXTURE_APP, 'shadow-window.js'), SDK_FILE, join(FIXTURE_APP, 'app.js')].map((file) => readFile(file, 'utf8')),
  );
  // Sloppy mode on purpose around the SDK (its webpack runtime relies on it): no 'use strict' outside createShadowWindow.
  return [
    '// The fixture app with the official CometChat SDK bundled privately: built by test/e2e/support/bundled-app.ts.',
    '(function () {',
    shadow,
    'var scope = createShadowWindow(window);',
    '(function (window, self, globalThis) {',
    sdk,
    '}).call(scope.window, scope.window, scope.window, scope.window);',
    'scope.endCollecting();',
    '(function (window, self, globalThis, CometChat) {',
    app,
    '}).call(scope.window, scope.window, scope.window, scope.window, scope.exports.CometChat);',
    '})();',
    '',
  ].join('\n');
}

/** The fixture's page without the SDK's <script> tag: its relative `app.js` is then the bundle. */
export async function buildBundledPage(): Promise<string> {
  const html = await readFile(join(FIXTURE_APP, 'index.html'), 'utf8');
  if (!SDK_TAG.test(html)) throw new Error('index.html no longer loads the SDK from /sdk/CometChat.js');
  return html.replace(SDK_TAG, '').replace('<title>', '<title>(bundled) ');
}
