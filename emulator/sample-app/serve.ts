/**
 * Serves the built sample app (./build.ts) as a developer's dev server serves an app: `index.html`, `app.js` and
 * `app.css` of the build folder, on 127.0.0.1, nothing else.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { EMULATOR_DEFAULTS } from '../../lib/local-emulator';

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

/** The CometChat app the sample app runs against: its App ID and Auth Key, and the emulator's `host:port`. */
export interface SampleAppTarget {
  appId: string;
  authKey: string;
  /** `host:port` of an emulator serving TLS (the SDK takes the host and speaks https and wss to it). */
  hostAndPort: string;
}

/**
 * The query string that points the sample app at `target` (see main.jsx), in `local` or `session` storage mode; the
 * region is the emulator's (the SDK asks the host it is given, whatever the region).
 */
export function sampleAppQuery(target: SampleAppTarget, storage: 'local' | 'session' = 'local'): string {
  const query = new URLSearchParams({ appId: target.appId, region: EMULATOR_DEFAULTS.region, authKey: target.authKey, host: target.hostAndPort });
  if (storage === 'session') query.set('storage', 'session');
  return `?${query}`;
}

export interface SampleAppServer {
  /** e.g. `http://127.0.0.1:7718` */
  url: string;
  close(): Promise<void>;
}

/** Serves the build folder `dir` on `port` (0 picks a free one). */
export async function startSampleAppServer(dir: string, port: number): Promise<SampleAppServer> {
  const server = createServer((request, response) => {
    const entry = FILES[new URL(request.url ?? '/', 'http://x').pathname];
    if (!entry) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    readFile(join(dir, entry.file)).then(
      (body) => response.writeHead(200, { 'content-type': entry.type, 'cache-control': 'no-cache' }).end(body),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('the sample app build is missing a file'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
