import type { AgentStatus, PageActivity, PageReport, SocketState } from '../../page/reports';
import { maskSecretsInText } from '../../redact';

/** A report's JSON larger than this is dropped unread; every value inside is cut to its own bound below. */
export const MAX_REPORT_CHARS = 32_768;

const SOCKET_STATES: readonly SocketState[] = ['connecting', 'open', 'authenticated', 'refused', 'closed'];
const LISTENER_EVENTS = /^(loginSuccess|loginFailure|logoutSuccess|logoutFailure|onConnected|inConnecting|onDisconnected)$/;

/** Text cut to `max` characters (with `…`), token-shaped parts masked; anything else is undefined. */
function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const masked = maskSecretsInText(value.length > max * 4 ? value.slice(0, max * 4) : value);
  return masked.length > max ? `${masked.slice(0, max - 1)}…` : masked;
}

const whole = (value: unknown, max: number) =>
  typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(0, Math.round(value))) : undefined;
/** An error code's shape, token-shaped text masked: a whole auth token fits the shape, and a page can send one as its code. */
const code = (value: unknown) => (typeof value === 'string' && /^[A-Za-z0-9_.-]{1,80}$/.test(value) ? maskSecretsInText(value) : undefined);
const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

function boundActivity(raw: Record<string, unknown>): PageActivity | null {
  switch (raw.kind) {
    case 'start':
      return { kind: 'start' };
    case 'status':
      return { kind: 'status' };
    case 'storage': {
      const appId = text(raw.appId, 100);
      return appId ? { kind: 'storage', appId, uid: raw.uid === null ? null : (text(raw.uid, 100) ?? null) } : null;
    }
    case 'rest': {
      const method = typeof raw.method === 'string' && /^[A-Za-z]{1,10}$/.test(raw.method) ? raw.method.toUpperCase() : undefined;
      const endpoint = text(raw.endpoint, 200);
      if (!method || endpoint === undefined) return null;
      return {
        kind: 'rest',
        method,
        endpoint,
        status: whole(raw.status, 999) ?? 0,
        ...optional('code', code(raw.code)),
        durationMs: whole(raw.durationMs, 600_000) ?? 0,
      };
    }
    case 'socket': {
      const state = SOCKET_STATES.find((candidate) => candidate === raw.state);
      return state ? { kind: 'socket', state, ...optional('closeCode', whole(raw.closeCode, 9999)), ...optional('code', code(raw.code)) } : null;
    }
    case 'listener': {
      const listener = raw.listener === 'login' || raw.listener === 'connection' ? raw.listener : undefined;
      const event = typeof raw.event === 'string' && LISTENER_EVENTS.test(raw.event) ? raw.event : undefined;
      if (!listener || !event) return null;
      return { kind: 'listener', listener, event, ...optional('uid', text(raw.uid, 100)), ...optional('code', code(raw.code)) };
    }
    default:
      return null;
  }
}

/** An agent's status as the background keeps it: known fields only, every string bounded. */
function boundStatus(raw: Record<string, unknown>): AgentStatus {
  const socket = isRecord(raw.socket) ? raw.socket : null;
  const socketState = SOCKET_STATES.find((candidate) => candidate === socket?.state);
  const pin = isRecord(raw.pin) ? raw.pin : null;
  const pinUid = text(pin?.uid, 100);
  return {
    sdkVersion: text(raw.sdkVersion, 40) ?? null,
    hasGlobalSdk: raw.hasGlobalSdk === true,
    users: boundUsers(raw.users),
    stored: boundUsers(raw.stored),
    sessionStorageApps: (Array.isArray(raw.sessionStorageApps) ? raw.sessionStorageApps : []).slice(0, 20).flatMap((appId) => text(appId, 100) ?? []),
    socket: socketState
      ? { state: socketState, since: whole(socket?.since, Number.MAX_SAFE_INTEGER) ?? 0, ...optional('closeCode', whole(socket?.closeCode, 9999)) }
      : null,
    pin: pinUid ? { uid: pinUid, pinnedAt: whole(pin?.pinnedAt, Number.MAX_SAFE_INTEGER) ?? 0 } : null,
  };
}

/** At most 20 apps' users, each app ID and uid cut to 100 characters. */
function boundUsers(raw: unknown): AgentStatus['users'] {
  return (Array.isArray(raw) ? raw : [])
    .slice(0, 20)
    .filter(isRecord)
    .map((user) => ({ appId: text(user.appId, 100) ?? '', uid: text(user.uid, 100) ?? null }))
    .filter((user) => user.appId !== '');
}

/**
 * A page agent's report as the background keeps it: parsed from the relay's JSON, only known kinds and fields,
 * every string cut to a bound and token-shaped text masked. A page can forge reports (the agent runs in its world),
 * so a report is information to show, never a command; null for anything that is not a report.
 */
export function boundReport(json: unknown): PageReport | null {
  if (typeof json !== 'string' || json.length > MAX_REPORT_CHARS) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(raw) || !isRecord(raw.activity) || !isRecord(raw.status)) return null;
  const activity = boundActivity(raw.activity);
  return activity ? { activity, status: boundStatus(raw.status) } : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
