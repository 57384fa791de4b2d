import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** CometChat's error envelope body (protocol doc §3); `details` may be an object or, as CometChat sometimes sends it, a sentence. */
export interface ErrorReply {
  code: string;
  message: string;
  details: unknown;
}

export interface ErrorReplyServer {
  /** e.g. `http://127.0.0.1:43210`, to use as a profile's API host. */
  url: string;
  /** What was asked, oldest first, as "METHOD /path" (CORS preflights left out). */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A CometChat stand-in that answers every call with one error, for reply shapes the emulator (a faithful
 * server that always sends object details) never produces. CORS is open, as CometChat's is.
 */
export async function startErrorReplyServer(reply: ErrorReply): Promise<ErrorReplyServer> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('access-control-allow-headers', '*');
    response.setHeader('access-control-allow-methods', 'GET,POST,PUT,DELETE,PATCH,OPTIONS');
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    requests.push(`${request.method} ${request.url}`);
    request.resume();
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: reply }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
