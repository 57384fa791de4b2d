/**
 * The one place the emulator creates and binds its server: HTTP, or HTTPS when given TLS
 * credentials (the SDK forces https once it follows `settings` hosts, protocol doc §1).
 * WebSockets are upgraded on the same server.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TlsCredentials } from './tls';

/** A bound server plus a way to hang up on everyone connected to it. */
export interface Transport {
  server: Server;
  port: number;
  /** Stops listening and destroys every open connection, idle or mid-request. */
  close(): Promise<void>;
}

/** Creates a server and binds it to `host:port` (port 0 picks a free port). Rejects if the port is taken. */
export async function openTransport(host: string, port: number, tls?: TlsCredentials): Promise<Transport> {
  const server: Server = tls ? createTlsServer({ key: tls.key, cert: tls.cert }) : createServer();
  const sockets = new Set<Socket>();
  // Plain sockets connect before TLS runs over them, so this sees both kinds.
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  let closed: Promise<void> | undefined;
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        // The callback also runs (with an error) when the server was not listening; closing is done either way.
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
