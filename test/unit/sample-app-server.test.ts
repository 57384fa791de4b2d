import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleAppQuery, startSampleAppServer, type SampleAppServer } from '@/emulator/sample-app/serve';

describe("npm start's sample app server", () => {
  let dir: string;
  let server: SampleAppServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sample-app-test-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'app.css'), 'body{}');
    writeFileSync(join(dir, 'secret.txt'), 'not served');
    server = await startSampleAppServer(dir, 0);
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['/', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
    ['/index.html?appId=x', 'text/html; charset=utf-8', '<!doctype html><title>app</title>'],
    ['/app.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['/app.css', 'text/css; charset=utf-8', 'body{}'],
  ])('should serve %s as %s', async (path, type, body) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(await response.text()).toBe(body);
  });

  it.each(['/secret.txt', '/../package.json', '/%2e%2e/package.json', '/app.js/x'])('should serve nothing else: %s is 404', async (path) => {
    expect((await fetch(`${server.url}${path}`)).status).toBe(404);
  });

  it("should point the app at the emulator: its App ID, Auth Key, region and host, and the UI Kit's session mode when asked", () => {
    const target = { appId: 'emulator-app', authKey: 'key', hostAndPort: '127.0.0.1:7717' };
    expect(Object.fromEntries(new URLSearchParams(sampleAppQuery(target)))).toEqual({
      appId: 'emulator-app',
      authKey: 'key',
      region: 'eu',
      host: '127.0.0.1:7717',
    });
    expect(new URLSearchParams(sampleAppQuery(target, 'session')).get('storage')).toBe('session');
  });
});
