/**
 * Builds the sample app (./main.jsx, ./index.html) from the npm packages as an app's own bundler would: React, the UI
 * Kit and the official SDK in one script, the UI Kit's styles in one sheet, its icons and fonts inlined. Built once and
 * cached: `npm start` and the e2e suite's workers share the build until the app's source or the lockfile changes.
 *
 * Like the launcher, the sample app is no part of the emulator: it sits in emulator/ because the repository's top
 * level is fixed, and it imports nothing of the emulator's (only where the launcher keeps the repository's root).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ROOT } from '../launcher/build-paths';

const HERE = import.meta.dirname;
/** Where the build is kept: removed with node_modules, as a tool's cache is. */
const CACHE = join(ROOT, 'node_modules/.cache/cometchat-sample-app');
/** Everything the build depends on: the app, this builder, and the exact packages (the lockfile). */
const INPUTS = [join(HERE, 'main.jsx'), join(HERE, 'index.html'), fileURLToPath(import.meta.url), join(ROOT, 'package-lock.json')];

/** The built app: a folder with `index.html`, `app.js` and `app.css`, to serve as static files. */
export interface SampleAppBuild {
  dir: string;
  /** Whether this call built it (false: it came from the cache). */
  built: boolean;
}

/** The sample app's build folder, built first when the cache holds none for these inputs. */
export async function buildSampleApp(): Promise<SampleAppBuild> {
  const stamp = createHash('sha256');
  for (const input of INPUTS) stamp.update(readFileSync(input));
  const dir = join(CACHE, stamp.digest('hex').slice(0, 16));
  if (existsSync(join(dir, 'app.js'))) return { dir, built: false };

  // Built beside the cache entry and moved in whole, so two builds at once (two test workers) never mix their files.
  const staging = `${dir}.${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  try {
    await build({
      entryPoints: { app: join(HERE, 'main.jsx') },
      bundle: true,
      outdir: staging,
      format: 'esm',
      target: 'es2022',
      jsx: 'automatic',
      // React's JSX, not the project's Preact (its tsconfig would otherwise say so).
      jsxImportSource: 'react',
      tsconfigRaw: {},
      minify: true,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
      loader: Object.fromEntries(['.svg', '.png', '.gif', '.wav', '.mp3', '.woff2', '.woff', '.ttf'].map((type) => [type, 'dataurl'])),
    });
    writeFileSync(join(staging, 'index.html'), readFileSync(join(HERE, 'index.html')));
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another build of the same inputs moved its folder in first: that one serves.
      if (!existsSync(join(dir, 'app.js'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return { dir, built: true };
}
