import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { buildBundledApp, buildBundledPage, FIXTURE_APP, SDK_FILE } from './bundled-app';
import { buildSampleApp } from '@/emulator/sample-app/build';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export interface FixtureServer {
  /** e.g. `http://127.0.0.1:43210` */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the fixture web app and the official SDK (from node_modules) on 127.0.0.1, as a developer's
 * dev server would serve an app under test: at `/` the app with the SDK as the global `CometChat`, at `/bundled/` the
 * same app on CometChat's v3 SDK bundled with it (no global; see bundled-app.ts), and at `/uikit/` a chat app made with
 * CometChat's React UI Kit (`npm start`'s sample app, emulator/sample-app); each built on its first request (the UI Kit
 * app's build is cached on disk, see its build.ts).
 */
export async function startFixtureServer(): Promise<FixtureServer> {
  const built = new Map<string, Promise<unknown>>();
  const once = <T>(name: string, build: () => Promise<T>) => {
    if (!built.has(name)) built.set(name, build());
    return built.get(name) as Promise<T>;
  };
  const page = async () => ({ type: 'text/html', body: await once('page', buildBundledPage) });
  const uikitFile = async (name: string) => readFile(join((await once('uikit', buildSampleApp)).dir, name), 'utf8');
  const uikitPage = async () => ({ type: 'text/html', body: await uikitFile('index.html') });
  const bundled: Record<string, () => Promise<{ type: string; body: string }>> = {
    '/bundled/': page,
    '/bundled/index.html': page,
    '/bundled/app.js': async () => ({ type: 'text/javascript', body: await once('app', buildBundledApp) }),
    '/uikit/': uikitPage,
    '/uikit/index.html': uikitPage,
    '/uikit/app.js': async () => ({ type: 'text/javascript', body: await uikitFile('app.js') }),
    '/uikit/app.css': async () => ({ type: 'text/css', body: await uikitFile('app.css') }),
  };
  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const { pathname: path, search } = new URL(request.url ?? '/', 'http://x');
    if (path === '/bundled' || path === '/uikit') {
      response.writeHead(301, { location: `${path}/${search}` }).end();
      return;
    }
    const build = bundled[path];
    if (build) {
      try {
        const { type, body } = await build();
        response.writeHead(200, { 'content-type': type }).end(body);
      } catch (error) {
        response.writeHead(500).end(String(error));
      }
      return;
    }
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
  };
  // Every path of `serve` answers, a failure included: there is nothing left to reject.
  const server = createServer((request, response) => void serve(request, response));
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
