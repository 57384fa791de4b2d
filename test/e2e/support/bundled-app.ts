import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './paths';

export const FIXTURE_APP = join(ROOT, 'test/fixtures/sdk-app');
export const SDK_FILE = join(ROOT, 'node_modules/@cometchat/chat-sdk-javascript/CometChat.js');

const SDK_TAG = /\s*<script src="\/sdk\/CometChat\.js"><\/script>/;

/**
 * The fixture app (test/fixtures/sdk-app/app.js) as a production app on CometChat's v3 SDK ships it:
 * `@cometchat-pro/chat` bundled with the app code by esbuild, as `import { CometChat } from '@cometchat-pro/chat'`
 * gives it. The v3 SDK is a UMD module that, inside a bundle, exports and never sets `window.CometChat`: the real
 * "no global" case (v4's `init` sets the global even inside a bundle).
 */
export async function buildBundledApp(): Promise<string> {
  const app = await readFile(join(FIXTURE_APP, 'app.js'), 'utf8');
  const result = await build({
    stdin: { contents: `import { CometChat } from '@cometchat-pro/chat';\n${app}`, resolveDir: FIXTURE_APP, sourcefile: 'app.js' },
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** The fixture's page without the SDK's <script> tag: its relative `app.js` is then the bundle. */
export async function buildBundledPage(): Promise<string> {
  const html = await readFile(join(FIXTURE_APP, 'index.html'), 'utf8');
  if (!SDK_TAG.test(html)) throw new Error('index.html no longer loads the SDK from /sdk/CometChat.js');
  return html.replace(SDK_TAG, '').replace('<title>', '<title>(bundled, SDK v3) ');
}
