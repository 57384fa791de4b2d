import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURE_APP } from './bundled-app';

/**
 * The fixture app (test/fixtures/sdk-app/app.js) as a production app on CometChat's v3 SDK ships it:
 * `@cometchat-pro/chat` bundled with the app code by esbuild, as `import { CometChat } from '@cometchat-pro/chat'`
 * gives it. The v3 SDK is a UMD module that, inside a bundle, exports and never sets `window.CometChat`: the real
 * "no global" case (v4's `init` sets the global even inside a bundle).
 */
export async function buildV3App(): Promise<string> {
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
