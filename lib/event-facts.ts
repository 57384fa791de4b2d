/**
 * What one timeline event means, in the words the panel shows (the caller's `Words`): who failed, which auth type an
 * app's own activity amounts to, how long it took (only when measured), where it came from, and its JSON for the
 * clipboard.
 */
import type { PageActivity } from './page/reports';
import type { AuthEvent, AuthEventType } from './protocol';
import { maskSecretsInText } from './redact';
import type { MessageKey, Words } from './words';

const AUTH_TYPES: ReadonlySet<string> = new Set<AuthEventType>(['loginSuccess', 'loginFailure', 'logoutSuccess', 'logoutFailure']);

/** An HTTP status that means the call failed: 0 (no reply: network, CORS, abort) or 4xx/5xx. */
const isFailedStatus = (status: number) => status === 0 || status >= 400;

/**
 * The auth event an app's own activity amounts to, so the type filters find it: its storage write (login or logout),
 * its SDK's LoginListener, or a failed login/logout call. The SDK logs in with `POST users/{uid}/auth_tokens` then
 * `PUT me`, and logs out with `DELETE me`; a successful call is already told by the storage write that follows it.
 * Null for activity that is no login or logout (a page load, a socket, other REST calls).
 */
function authTypeOfActivity(activity: PageActivity): AuthEventType | null {
  switch (activity.kind) {
    case 'storage':
      return activity.uid === null ? 'logoutSuccess' : 'loginSuccess';
    case 'listener':
      return activity.listener === 'login' && AUTH_TYPES.has(activity.event) ? (activity.event as AuthEventType) : null;
    case 'rest': {
      if (!isFailedStatus(activity.status)) return null;
      const method = activity.method.toUpperCase();
      if ((method === 'POST' && /(^|\/)auth_tokens$/.test(activity.endpoint)) || (method === 'PUT' && activity.endpoint === 'me'))
        return 'loginFailure';
      if (method === 'DELETE' && activity.endpoint === 'me') return 'logoutFailure';
      return null;
    }
    default:
      return null;
  }
}

/** Whether a type filter keeps the event: its own type, or for an app's activity the auth event it amounts to. */
export function hasType(event: AuthEvent, types: ReadonlySet<string>): boolean {
  if (types.has(event.type)) return true;
  const authType = event.activity ? authTypeOfActivity(event.activity) : null;
  return authType !== null && types.has(authType);
}

/**
 * Whether the event is a failure, whoever failed: the extension's or the page's failed login or logout, or the app's
 * own failed call (a 404, no reply), refused WebSocket, error code or failure listener.
 */
export function isFailure(event: AuthEvent): boolean {
  if (event.type === 'loginFailure' || event.type === 'logoutFailure' || event.error) return true;
  const activity = event.activity;
  if (!activity) return false;
  switch (activity.kind) {
    case 'rest':
      return isFailedStatus(activity.status) || Boolean(activity.code);
    case 'socket':
      return activity.state === 'refused' || Boolean(activity.code);
    case 'listener':
      return /Failure$/.test(activity.event) || Boolean(activity.code);
    default:
      return false;
  }
}

/**
 * How long the event took, in ms, when something measured it: the extension's and the page's operations, and an app's
 * REST call (the agent times it). Null for the rest of an app's activity, which the agent sees as a moment.
 */
export function measuredDuration(event: AuthEvent): number | null {
  if (event.type !== 'pageActivity') return event.durationMs;
  return event.activity?.kind === 'rest' ? event.activity.durationMs : null;
}

/** The view names the background stamps as an event's `source`, as messages. */
const EXTENSION_SOURCES: Readonly<Record<string, MessageKey>> = {
  popup: 'sourcePopup',
  'devtools-panel': 'sourceDevtoolsPanel',
  keyboard: 'sourceKeyboard',
};

/**
 * Who did it, in plain `words`: "the page" for what an app did by itself, "the extension (popup)" for the tester's
 * own; a view this version does not know by name is named as the background stamped it.
 */
export function sourceWords(event: AuthEvent, words: Words): string {
  if (event.source === 'page-agent' || event.target === 'app') return words('sourcePage');
  const known = Object.hasOwn(EXTENSION_SOURCES, event.source) ? EXTENSION_SOURCES[event.source] : undefined;
  return known ? words(known) : words('sourceOtherView', event.source);
}

/** What the browser says of a tab, as far as a row needs it. */
export interface TabNaming {
  title: string;
  origin: string | null;
}

/** A tab id in a short form a tester can tell apart, in `words`: its last four digits ("tab …0218"). */
function shortTabId(tabId: number, words: Words): string {
  const digits = String(tabId);
  return digits.length > 4 ? words('tabIdEnding', digits.slice(-4)) : words('tabIdWhole', digits);
}

/** The tab an event came from, as its row names it: "Shop" and "tab …0218" (apart, so a view can style the id). */
export interface TabLabel {
  /** The tab's title, else its origin; null when neither is known. */
  name: string | null;
  /** The tab id's short form; null for a page event that carries only its origin. */
  shortId: string | null;
}

/** The tab an event came from, for its row (its id in `words`); null for an event from no tab (the extension's own session). */
export function tabLabel(event: AuthEvent, tab: TabNaming | undefined, words: Words): TabLabel | null {
  if (event.tabId === undefined) return event.pageOrigin ? { name: event.pageOrigin, shortId: null } : null;
  return { name: tab?.title || tab?.origin || event.pageOrigin || null, shortId: shortTabId(event.tabId, words) };
}

/**
 * The tab an event came from, for its details: "Shop (http://127.0.0.1:5173)", a tab without a title by its id in
 * `words`; null for an event from no tab.
 */
export function tabDescription(event: AuthEvent, tab: TabNaming | undefined, words: Words): string | null {
  if (event.tabId === undefined) return null;
  const origin = tab?.origin ?? event.pageOrigin;
  const title = tab?.title || shortTabId(event.tabId, words);
  return origin ? `${title} (${origin})` : title;
}

/** The method a row and its details name: the HTTP method of an app's REST call, else how the extension logged in. */
export function methodOf(event: AuthEvent): string | null {
  if (event.activity?.kind === 'rest') return event.activity.method;
  return event.method ?? null;
}

/**
 * The event as indented JSON for the clipboard, with anything shaped like a token or a JWT masked as the panel shows
 * it: what is copied goes to chats and bug reports.
 */
export function eventAsJson(event: AuthEvent): string {
  return maskSecretsInText(JSON.stringify(event, null, 2));
}
