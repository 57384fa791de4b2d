import { request } from 'node:https';
import { Agent } from 'node:https';
import type { Emulator } from '@/emulator';

/** Auth-token logins per second against the emulator over loopback: bounded (3 s, 16 in flight), then stops. */
export async function measureThroughput(emulator: Emulator, seconds = 3, concurrency = 16): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency, ca: emulator.tlsCertificate });
  const deadline = Date.now() + seconds * 1000;
  let completed = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        `${emulator.url}/v3.0/users/cometchat-uid-${(completed % 5) + 1}/auth_tokens`,
        { method: 'POST', agent, headers: { appid: emulator.appId, apikey: emulator.authKey, 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        await one();
        completed += 1;
      }
    }),
  );
  agent.destroy();
  return completed / ((Date.now() - started) / 1000);
}
