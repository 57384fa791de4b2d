import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** `http://127.0.0.1:PORT` of a port that was just free and is closed again: nothing answers there. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
