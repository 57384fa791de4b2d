/**
 * Scripts that read and write a page's CometChat session the way the SDK stores it (protocol doc §6):
 * `{appId}:common_store/user` and `…/app_settings` in localStorage or sessionStorage, as double JSON.
 * Each function returns a script body for `InspectedWindow.run`; values go in through `JSON.stringify`,
 * so nothing from a page or a server is ever spliced into code unquoted.
 */
import type { CometChatUser } from '../cometchat/user';

export type StorageArea = 'localStorage' | 'sessionStorage';

/** One app's session slot in one storage area of the page. */
export interface SessionSlot {
  storage: StorageArea;
  appId: string;
}

export interface PageSession extends SessionSlot {
  user: (CometChatUser & { authToken?: string; jwt?: string }) | null;
  /** `CLIENT_API_HOST` and `ADMIN_API_HOST` from the stored app settings. */
  hosts: { client?: string; admin?: string };
}

export interface PageInspection {
  origin: string;
  /** `window.CometChat` exists: the SDK is loaded in the page. */
  hasSdk: boolean;
  /** Every app the page has CometChat keys for, with or without a logged-in user. */
  sessions: PageSession[];
}

/** The raw strings of a slot's keys, to put back exactly as they were. */
export interface RawSlot {
  user: string | null;
  appSettings: string | null;
}

const USER_SUFFIX = ':common_store/user';
const SETTINGS_SUFFIX = ':common_store/app_settings';
const APP_ID_SUFFIX = ':common_store/appId';

/** Finds every CometChat app in both storages and decodes its user and hosts. */
export function readSessionsScript(): string {
  return `
    const decode = (raw) => { try { const once = JSON.parse(raw); return typeof once === 'string' ? JSON.parse(once) : once; } catch (e) { return null; } };
    const sessions = [];
    for (const storage of ['localStorage', 'sessionStorage']) {
      const area = window[storage];
      const appIds = new Set();
      for (let i = 0; i < area.length; i++) {
        const key = area.key(i);
        for (const suffix of ${JSON.stringify([USER_SUFFIX, SETTINGS_SUFFIX, APP_ID_SUFFIX])}) {
          if (key && key.endsWith(suffix)) appIds.add(key.slice(0, -suffix.length));
        }
      }
      for (const appId of appIds) {
        const user = decode(area.getItem(appId + ${JSON.stringify(USER_SUFFIX)}));
        const settings = decode(area.getItem(appId + ${JSON.stringify(SETTINGS_SUFFIX)})) || {};
        sessions.push({
          storage, appId,
          user: user && typeof user === 'object' && typeof user.uid === 'string' ? user : null,
          hosts: { client: settings.CLIENT_API_HOST, admin: settings.ADMIN_API_HOST },
        });
      }
    }
    return { origin: location.origin, hasSdk: typeof window.CometChat !== 'undefined', sessions };
  `;
}

export function readRawSlotScript({ storage, appId }: SessionSlot): string {
  return `
    const area = window[${JSON.stringify(storage)}];
    return { user: area.getItem(${JSON.stringify(appId + USER_SUFFIX)}), appSettings: area.getItem(${JSON.stringify(appId + SETTINGS_SUFFIX)}) };
  `;
}

/** Puts a slot's raw strings back; `null` removes the key. */
export function writeRawSlotScript({ storage, appId }: SessionSlot, raw: RawSlot): string {
  return `
    const area = window[${JSON.stringify(storage)}];
    const put = (key, value) => (value === null ? area.removeItem(key) : area.setItem(key, value));
    put(${JSON.stringify(appId + USER_SUFFIX)}, ${JSON.stringify(raw.user)});
    put(${JSON.stringify(appId + SETTINGS_SUFFIX)}, ${JSON.stringify(raw.appSettings)});
    return true;
  `;
}

/** Double JSON, as the SDK writes its store (protocol doc §6). */
function encode(value: unknown): string {
  return JSON.stringify(JSON.stringify(value));
}

/**
 * Writes a user (with `authToken`, `jwt`, `wsChannel`) as the SDK would, keeping the page's app
 * settings; `settings` are written only where the page has none yet.
 */
export function writeSessionScript(slot: SessionSlot, user: Record<string, unknown>, settings?: Record<string, unknown>): string {
  const area = `window[${JSON.stringify(slot.storage)}]`;
  const settingsKey = JSON.stringify(slot.appId + SETTINGS_SUFFIX);
  return `
    const area = ${area};
    area.setItem(${JSON.stringify(slot.appId + USER_SUFFIX)}, ${JSON.stringify(encode(user))});
    if (area.getItem(${JSON.stringify(slot.appId + APP_ID_SUFFIX)}) === null) area.setItem(${JSON.stringify(slot.appId + APP_ID_SUFFIX)}, ${JSON.stringify(encode(slot.appId))});
    ${settings ? `if (area.getItem(${settingsKey}) === null) area.setItem(${settingsKey}, ${JSON.stringify(encode(settings))});` : ''}
    return true;
  `;
}

/** A local logout: the SDK finds no user and no settings after the reload (protocol doc §6). */
export function removeSessionScript(slot: SessionSlot): string {
  return writeRawSlotScript(slot, { user: null, appSettings: null });
}

/** Tags the current document so the panel can tell when a reload has replaced it. */
export function markDocumentScript(marker: string): string {
  return `window.__cometchatInspectorMarker = ${JSON.stringify(marker)}; return true;`;
}

/** Whether the document tagged with `marker` has been replaced and the new one has loaded. */
export function reloadStateScript(marker: string): string {
  return `return { replaced: window.__cometchatInspectorMarker !== ${JSON.stringify(marker)}, complete: document.readyState === 'complete' };`;
}
