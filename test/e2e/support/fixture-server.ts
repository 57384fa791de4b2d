import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { ROOT } from './paths';

const FIXTURE_APP = join(ROOT, 'test/fixtures/sdk-app');
const SDK_FILE = join(ROOT, 'node_modules/@cometchat/chat-sdk-javascript/CometChat.js');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

export interface FixtureServer {
  /** e.g. `http://127.0.0.1:43210` */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the fixture web app and the official SDK (from node_modules) on 127.0.0.1, as a developer's
 * dev server would serve an app under test.
 */
export async function startFixtureServer(): Promise<FixtureServer> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = path === '/sdk/CometChat.js' ? SDK_FILE : join(FIXTURE_APP, normalize(path === '/' ? '/index.html' : path));
    if (!file.startsWith(FIXTURE_APP) && file !== SDK_FILE) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
