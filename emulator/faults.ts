/**
 * Switchable misbehaviour, so tests can show what the extension does when CometChat (or a proxy
 * in front of it) fails: a load balancer's HTML 502, a reply cut off mid-JSON, a hang, a reset.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { corsHeadersFor, sendRaw } from './http/messages';

/** How a faulty request misbehaves. */
export type FaultKind = 'html-502' | 'truncated-json' | 'delay' | 'drop' | 'huge-reply' | 'huge-reply-announced';

/** Requests whose path ends with `route` (and, if given, use `method`) get `kind` instead of a normal reply. */
export interface Fault {
  method?: string;
  route: string;
  kind: FaultKind;
  /** For 'delay': how long to wait before answering normally. */
  delayMs?: number;
}

/** Size of the 'huge-reply' fault's body. */
const HUGE_REPLY_BYTES = 10 * 1024 * 1024;

/** What CometChat's clients would wait on before giving up; long enough to look like a hang. */
const DEFAULT_FAULT_DELAY_MS = 30_000;

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

/** The faults in force for one emulator. */
export interface FaultList {
  set(fault: Fault): void;
  clear(): void;
  /** The fault for this request, if any. Preflights are spared unless a fault names OPTIONS, so the real call is the one that fails. */
  find(method: string, pathname: string): Fault | undefined;
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}

function safeDecode(path: string): string {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** Creates an empty fault list; setting a fault for the same method and route replaces it. */
export function createFaultList(): FaultList {
  let faults: Fault[] = [];
  const sameTarget = (a: Fault, b: Fault) =>
    trimSlashes(a.route) === trimSlashes(b.route) && (a.method ?? '').toUpperCase() === (b.method ?? '').toUpperCase();
  return {
    set(fault) {
      faults = [...faults.filter((existing) => !sameTarget(existing, fault)), fault];
    },
    clear() {
      faults = [];
    },
    find(method, pathname) {
      const path = `/${trimSlashes(safeDecode(pathname))}`;
      return faults.find((fault) => {
        const methodMatches = fault.method ? fault.method.toUpperCase() === method : method !== 'OPTIONS';
        return methodMatches && path.endsWith(`/${trimSlashes(fault.route)}`);
      });
    },
  };
}

/**
 * Acts out `fault`. Returns true when the request is finished (answered or dropped), false when
 * it should now be handled normally (a delay that ran out). `signal` cuts a delay short on close().
 */
export async function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<boolean> {
  switch (fault.kind) {
    case 'html-502':
      sendRaw(res, 502, BAD_GATEWAY_HTML, { 'Content-Type': 'text/html' });
      return true;
    case 'truncated-json':
      sendRaw(res, 200, '{"data":{"uid":', { 'Content-Type': 'application/json' });
      return true;
    case 'drop':
      req.socket.destroy();
      return true;
    case 'huge-reply':
      // 10 MB of valid JSON: a proxy gone wrong, or an endpoint that should not answer this much.
      // Sent chunked, without Content-Length: only a running count of the bytes read can refuse it.
      sendRaw(res, 200, `{"data":{"uid":"cometchat-uid-1","padding":"${'x'.repeat(HUGE_REPLY_BYTES)}"}}`, {
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
      });
      return true;
    case 'huge-reply-announced':
      // Content-Length says 10 MB but only the first bytes ever come: a client that trusts the header stops at once; one that reads on waits.
      res.writeHead(200, { ...corsHeadersFor(res), 'Content-Type': 'application/json', 'Content-Length': String(HUGE_REPLY_BYTES) });
      res.write('{"data":{"uid":"cometchat-uid-1","padding":"');
      if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return true;
    case 'delay':
      try {
        await sleep(fault.delayMs ?? DEFAULT_FAULT_DELAY_MS, undefined, { signal });
        return false;
      } catch {
        return true; // Aborted: the emulator is closing or the client left.
      }
  }
}
