/**
 * Switchable faults, and shutting down while requests are in flight: what a test needs to show
 * how the extension behaves when CometChat or the network misbehaves.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterEach(async () => {
  await emulator.close();
});

function login(path = '/v3.0/users/cometchat-uid-1/auth_tokens'): Promise<Response> {
  return fetch(`${emulator.url}${path}`, { method: 'POST', headers: { appid: emulator.appId, apikey: emulator.authKey } });
}

async function waitForRequests(count: number): Promise<void> {
  while (emulator.requestLog.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('faults', () => {
  it('should answer an HTML 502, with CORS so a browser can read it, for html-502', async () => {
    emulator.setFault({ route: 'users/cometchat-uid-1/auth_tokens', kind: 'html-502' });

    const response = await login();

    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('should answer 200 with JSON cut off mid-object for truncated-json', async () => {
    emulator.setFault({ route: 'auth_tokens', kind: 'truncated-json' });

    const response = await login();

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"data":{"uid":');
  });

  it('should hang up without a reply for drop', async () => {
    emulator.setFault({ method: 'POST', route: 'auth_tokens', kind: 'drop' });

    await expect(login()).rejects.toThrow(TypeError);
  });

  it('should answer normally after delayMs for delay', async () => {
    emulator.setFault({ route: 'auth_tokens', kind: 'delay', delayMs: 150 });
    const started = Date.now();

    const response = await login();

    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await response.json()).data.uid).toBe('cometchat-uid-1');
  });

  it.each([
    ['another route', { route: 'me', kind: 'html-502' as const }],
    ['another method', { method: 'GET', route: 'auth_tokens', kind: 'html-502' as const }],
  ])('should leave requests to %s alone', async (_, fault) => {
    emulator.setFault(fault);

    expect((await login()).status).toBe(200);
  });

  it('should match the route on the end of the path under any prefix', async () => {
    emulator.setFault({ route: 'users/cometchat-uid-1/auth_tokens', kind: 'html-502' });

    expect((await login('/some/proxy/users/cometchat-uid-1/auth_tokens')).status).toBe(502);
  });

  it('should spare CORS preflights unless the fault names OPTIONS', async () => {
    emulator.setFault({ route: 'auth_tokens', kind: 'html-502' });

    const preflight = await fetch(`${emulator.url}/v3.0/users/cometchat-uid-1/auth_tokens`, { method: 'OPTIONS' });

    expect(preflight.status).toBe(204);
  });

  it('should behave normally again after clearFaults', async () => {
    emulator.setFault({ route: 'auth_tokens', kind: 'html-502' });

    emulator.clearFaults();

    expect((await login()).status).toBe(200);
  });

  it('should replace a fault set again for the same method and route', async () => {
    emulator.setFault({ route: 'auth_tokens', kind: 'html-502' });

    emulator.setFault({ route: 'auth_tokens', kind: 'truncated-json' });

    expect(await (await login()).text()).toBe('{"data":{"uid":');
  });

  it('should still log faulty requests', async () => {
    emulator.setFault({ route: 'auth_tokens', kind: 'html-502' });

    await login();

    expect(emulator.requestLog).toEqual([{ method: 'POST', route: 'users/cometchat-uid-1/auth_tokens', origin: null }]);
  });
});

describe('close()', () => {
  it('should finish promptly and fail a request held by the default 30 s delay', async () => {
    emulator.setFault({ route: 'auth_tokens', kind: 'delay' });
    const pending = login().then(
      () => 'answered',
      () => 'failed',
    );
    await waitForRequests(1);
    const started = Date.now();

    await emulator.close();

    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });

  it('should close idle keep-alive connections and refuse new ones', async () => {
    await login();

    await emulator.close();

    await expect(login()).rejects.toThrow(TypeError);
  });

  it('should be safe to call twice', async () => {
    await emulator.close();

    await expect(emulator.close()).resolves.toBeUndefined();
  });
});

describe('startEmulator', () => {
  it('should reject when the port is taken', async () => {
    await expect(startEmulator({ port: emulator.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('should use the given App ID and keys', async () => {
    const custom = await startEmulator({ port: 0, appId: 'my-app', authKey: 'my-auth', restApiKey: 'my-rest' });
    try {
      const response = await fetch(`${custom.url}/users/cometchat-uid-1/auth_tokens`, {
        method: 'POST',
        headers: { appid: 'my-app', apikey: 'my-auth' },
      });

      expect(custom).toMatchObject({ appId: 'my-app', authKey: 'my-auth', restApiKey: 'my-rest' });
      expect(custom.url).toBe(`http://127.0.0.1:${custom.port}`);
      expect(response.status).toBe(200);
    } finally {
      await custom.close();
    }
  });
});
