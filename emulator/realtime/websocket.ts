/**
 * CometChat's real-time socket (protocol doc §5): an auth frame with the jwt from `PUT /me`, pings answered with
 * pongs, a 1000 close when the token is logged out, and, once authenticated, the chat frames of chat-relay.ts.
 * It runs on the same port as the REST API, upgraded from any path.
 */
import type { Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { createChatRelay } from './chat-relay';
import type { ChatState } from '../state/chat-state';
import type { EmulatorState } from '../state/emulator-state';
import type { AuthSession } from '../state/tokens';

/** The SDK closes with this code and reason on logout; the emulator does the same when a token ends. */
const LOGOUT_CLOSE = { code: 1000, reason: 'User logged out' } as const;
/** Close code for a socket whose auth frame failed (4000–4999 is the application range). */
const AUTH_FAILED_CLOSE = { code: 4001, reason: 'Invalid auth' } as const;

const AUTH_TIMEOUT_MS = 10_000;

export interface RealtimeServer {
  /** Number of sockets that passed auth, for tests. */
  authenticatedCount(): number;
  /**
   * Drops the authenticated sockets of `uid` (every user's without one) the way a lost network does: no close frame,
   * so the client sees an abnormal close (1006) and the SDK reconnects. Returns how many were dropped.
   */
  dropSockets(uid?: string): number;
  close(): void;
}

/** What the socket serves. */
export interface RealtimeOptions {
  state: EmulatorState;
  chat: ChatState;
  appId: string;
  /**
   * When given, a browser page from any other origin is refused the upgrade (403), as a user who closed the
   * emulator to other pages wants; clients that send no Origin (Node, the SDK in Node) pass.
   */
  allowedOrigins?: readonly string[];
}

/** Serves CometChat's WebSocket on `server`'s upgrades. */
export function attachRealtimeServer(server: Server, { state, chat, appId, allowedOrigins }: RealtimeOptions): RealtimeServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const authenticated = new Map<WebSocket, AuthSession>();
  const relay = createChatRelay({
    state,
    chat,
    appId,
    sendToUser(uid, frame) {
      const text = JSON.stringify(frame);
      for (const [ws, session] of authenticated) if (session.uid === uid && ws.readyState === WebSocket.OPEN) ws.send(text);
    },
  });

  server.on('upgrade', (request, socket, head) => {
    const origin = request.headers.origin;
    if (allowedOrigins && origin !== undefined && !allowedOrigins.includes(origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws));
  });

  const stopListening = state.onRevoke((session) => {
    for (const [ws, held] of authenticated) {
      if (held.authToken === session.authToken) ws.close(LOGOUT_CLOSE.code, LOGOUT_CLOSE.reason);
    }
  });

  // Any web page can open a socket to the emulator: a frame that breaks the protocol or the size limit
  // (`ws` then closes that socket with 1002 or 1009) must end that socket only, never the process.
  wss.on('error', () => undefined);

  function onConnection(ws: WebSocket): void {
    ws.on('error', () => ws.terminate());
    const authTimer = setTimeout(() => ws.close(AUTH_FAILED_CLOSE.code, 'No auth frame'), AUTH_TIMEOUT_MS);
    ws.on('close', () => {
      clearTimeout(authTimer);
      authenticated.delete(ws);
    });
    ws.on('message', (data) => {
      // `ws` hands over a Buffer, or with another `binaryType` an ArrayBuffer or Buffer fragments.
      const frame = parseFrame((Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString());
      if (!frame) return;
      if (frame.action === 'ping') {
        ws.send(JSON.stringify({ action: 'pong', ack: frame.ack ?? 'true' }));
        return;
      }
      if (frame.type !== 'auth') {
        const session = authenticated.get(ws);
        if (session) relay.onClientFrame(session, frame);
        return;
      }
      clearTimeout(authTimer);
      const body = (frame.body ?? {}) as Record<string, unknown>;
      const session = typeof body.auth === 'string' ? state.findSessionByJwt(body.auth) : undefined;
      if (!session || frame.appId !== appId || (frame.sender !== undefined && frame.sender !== session.uid)) {
        ws.send(JSON.stringify({ type: 'auth', body: { code: '401', status: 'Unauthorized', message: 'The auth token is not valid.' } }));
        ws.close(AUTH_FAILED_CLOSE.code, AUTH_FAILED_CLOSE.reason);
        return;
      }
      authenticated.set(ws, session);
      ws.send(JSON.stringify({ type: 'auth', body: { code: '200', status: 'OK' } }));
    });
  }

  return {
    authenticatedCount: () => authenticated.size,
    dropSockets(uid) {
      const dropped = [...authenticated].filter(([, session]) => uid === undefined || session.uid === uid.toLowerCase());
      for (const [ws] of dropped) ws.terminate();
      return dropped.length;
    },
    close() {
      stopListening();
      relay.stop();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function parseFrame(text: string): Record<string, unknown> | null {
  try {
    const frame = JSON.parse(text) as unknown;
    return typeof frame === 'object' && frame !== null ? (frame as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
