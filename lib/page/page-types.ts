/**
 * A page's CometChat sessions as the extension sees them: types only, shared by the protocol (views and the
 * background), the functions that run in the page (`page-storage.ts`) and the views.
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
