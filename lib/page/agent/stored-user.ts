import { PINNED_PREFIX } from '../reports';

/** The uid the agent reports when the app stored a user it cannot read: a user is there, but not one the agent can name. */
export const UNREADABLE_UID = '?';

/** `{appId}:common_store/user`, where the SDK keeps the user it runs (cometchat-protocol §6). */
const USER_KEY = /^(.+):common_store\/user$/;

/** The app of a `{appId}:common_store/user` key, or null for any other key (the agent's own pinned copies included). */
export function userKeyAppId(key: string): string | null {
  if (key.startsWith(PINNED_PREFIX)) return null;
  return USER_KEY.exec(key)?.[1] ?? null;
}

/** `{appId}:common_store/…`: any key of the SDK's common store (`appId`, `app_settings`, `user`), written at `init`. */
const COMMON_KEY = /^(.+):common_store\//;

/** The app of a key of the SDK's common store, or null for any other key (the agent's own pinned copies included). */
export function commonKeyAppId(key: string): string | null {
  if (key.startsWith(PINNED_PREFIX)) return null;
  return COMMON_KEY.exec(key)?.[1] ?? null;
}

/** The uid in a stored user (double JSON, as the SDK writes it); `UNREADABLE_UID` when it holds no string uid. */
export function storedUid(raw: string): string {
  try {
    const user: unknown = JSON.parse(JSON.parse(raw) as string);
    const uid = (user as { uid?: unknown } | null)?.uid;
    return typeof uid === 'string' ? uid : UNREADABLE_UID;
  } catch {
    return UNREADABLE_UID;
  }
}
