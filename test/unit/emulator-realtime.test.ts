import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmulator, type Emulator } from '@/emulator';

/** HTTPS and WSS as the official SDK uses them: TLS, the auth frame, pings, the logout close. */
describe('emulator over TLS with WebSocket', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tls: true });
  });
  afterAll(() => emulator.close());

  /** One JSON request over HTTPS, trusting the emulator's own certificate. */
  function call(method: string, path: string, headers: Record<string, string>): Promise<Record<string, any>> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${emulator.url}${path}`,
        { method, agent: false, ca: emulator.tlsCertificate, headers: { appid: emulator.appId, 'content-type': 'application/json', ...headers } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve(JSON.parse(text)));
        },
      );
      req.on('error', reject);
      // Like the SDK: a JSON body only where the method carries one.
      req.end(method === 'PUT' || method === 'POST' ? '{"sessionId":"s-1"}' : undefined);
    });
  }

  async function loginAs(uid: string) {
    const token = emulator.createAuthToken(uid);
    const me = await call('PUT', '/v3.0/me', { authtoken: token });
    return { token, jwt: me.data.jwt as string, settings: me.data.settings as Record<string, unknown> };
  }

  /** Opens a socket and collects frames and the close, as the SDK's connection helper sees them. */
  function connect() {
    const socket = new WebSocket(`wss://${emulator.hostAndPort}/`, { ca: emulator.tlsCertificate });
    const frames: Array<Record<string, unknown>> = [];
    // A text frame arrives as a Buffer (`ws`'s default binaryType).
    socket.on('message', (data) => frames.push(JSON.parse((data as Buffer).toString())));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    const opened = new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return { socket, frames, closed, opened };
  }

  const authFrame = (uid: string, jwt: string) =>
    JSON.stringify({
      appId: emulator.appId,
      deviceId: 'd1',
      type: 'auth',
      sender: uid,
      body: { auth: jwt, deviceId: 'd1', presenceSubscription: 'ALL_USERS' },
    });

  it('should serve the REST API over HTTPS with settings that point back at itself', async () => {
    const { settings } = await loginAs('cometchat-uid-2');

    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(settings).toMatchObject({
      CLIENT_API_HOST: emulator.hostAndPort,
      ADMIN_API_HOST: emulator.hostAndPort,
      CHAT_HOST: '127.0.0.1',
      CHAT_WSS_PORT: emulator.port,
    });
  });

  it('should accept the auth frame with a valid jwt and answer pings with pongs', async () => {
    const { jwt } = await loginAs('cometchat-uid-1');
    const ws = connect();
    await ws.opened;

    ws.socket.send(authFrame('cometchat-uid-1', jwt));
    ws.socket.send(JSON.stringify({ action: 'ping', ack: 'true' }));

    await expect
      .poll(() => ws.frames)
      .toEqual([
        { type: 'auth', body: { code: '200', status: 'OK' } },
        { action: 'pong', ack: 'true' },
      ]);
    ws.socket.close();
  });

  it.each([
    ['an unknown jwt', (jwt: string) => authFrame('cometchat-uid-1', `${jwt}x`)],
    ['another user as sender', (jwt: string) => authFrame('cometchat-uid-2', jwt)],
    ['another app', (jwt: string) => authFrame('cometchat-uid-1', jwt).replace(emulator.appId, 'other-app')],
  ])('should refuse an auth frame with %s and close the socket', async (_name, frameFor) => {
    const { jwt } = await loginAs('cometchat-uid-1');
    const ws = connect();
    await ws.opened;

    ws.socket.send(frameFor(jwt));

    expect(await ws.closed).toEqual({ code: 4001, reason: 'Invalid auth' });
    expect(ws.frames[0]).toMatchObject({ type: 'auth', body: { code: '401' } });
  });

  it.each([
    ['a 1 MB frame', (socket: WebSocket) => socket.send('x'.repeat(1024 * 1024))],
    // FIN with opcode 0x3, which RFC 6455 reserves; masked, empty.
    [
      'a malformed frame',
      (socket: WebSocket) => (socket as unknown as { _socket: { write(bytes: Buffer): void } })._socket.write(Buffer.from([0x83, 0x80, 1, 2, 3, 4])),
    ],
  ])('should drop only the socket that sent %s, and keep serving REST and new sockets', async (_name, misbehave) => {
    const bad = connect();
    await bad.opened;

    misbehave(bad.socket);
    await bad.closed;
    const { jwt } = await loginAs('cometchat-uid-5');
    const good = connect();
    await good.opened;
    good.socket.send(authFrame('cometchat-uid-5', jwt));

    await expect.poll(() => good.frames).toEqual([{ type: 'auth', body: { code: '200', status: 'OK' } }]);
    good.socket.close();
  });

  it('should close the socket with 1000 "User logged out" when its token logs out', async () => {
    const { token, jwt } = await loginAs('cometchat-uid-3');
    const ws = connect();
    await ws.opened;
    ws.socket.send(authFrame('cometchat-uid-3', jwt));
    await expect.poll(() => ws.frames.length).toBe(1);

    await call('DELETE', '/me', { authtoken: token });

    expect(await ws.closed).toEqual({ code: 1000, reason: 'User logged out' });
  });

  it("should drop a user's socket as a lost network would (no close frame), leave the others, and let it connect again", async () => {
    const first = await loginAs('cometchat-uid-1');
    const second = await loginAs('cometchat-uid-2');
    const dropped = connect();
    const kept = connect();
    await Promise.all([dropped.opened, kept.opened]);
    dropped.socket.send(authFrame('cometchat-uid-1', first.jwt));
    kept.socket.send(authFrame('cometchat-uid-2', second.jwt));
    await expect.poll(() => emulator.authenticatedSockets()).toBeGreaterThanOrEqual(2);

    expect(emulator.dropSockets('cometchat-uid-1')).toBe(1);

    expect((await dropped.closed).code).toBe(1006);
    expect(kept.socket.readyState).toBe(WebSocket.OPEN);
    const again = connect();
    await again.opened;
    again.socket.send(authFrame('cometchat-uid-1', first.jwt));
    await expect.poll(() => again.frames).toEqual([{ type: 'auth', body: { code: '200', status: 'OK' } }]);
    kept.socket.close();
    again.socket.close();
  });

  it('should echo the sessionId of POST user_sessions and serve GET settings', async () => {
    const { token } = await loginAs('cometchat-uid-4');

    const session = await call('POST', '/v3.0/user_sessions', { authtoken: token });
    const settings = await call('GET', '/v3.0/settings', { authtoken: token });

    expect(session).toEqual({ data: { sessionId: 's-1' } });
    expect(settings.data).toMatchObject({ CHAT_API_VERSION: 'v3.0', APP_VERSION: 4 });
  });

  it.each([
    ['open a socket from an allowed origin', 'http://localhost:5173', 'open'],
    ['refuse a socket from another origin with 403', 'https://evil.example', 'Unexpected server response: 403'],
  ])('should, with allowed origins, %s', async (_name, origin, outcome) => {
    const closed = await startEmulator({ port: 0, tls: true, allowedOrigins: ['http://localhost:5173'] });
    try {
      const socket = new WebSocket(`wss://${closed.hostAndPort}/`, { ca: closed.tlsCertificate, origin });
      const result = await new Promise<string>((resolve) => {
        socket.once('open', () => resolve('open'));
        socket.once('error', (error) => resolve(error.message));
      });
      socket.close();

      expect(result).toBe(outcome);
    } finally {
      await closed.close();
    }
  });
});
