/** The User fields CometChat returns (REST v3 docs and `PUT /me`), all optional but `uid`. */
export interface CometChatUser {
  uid: string;
  name: string;
  avatar?: string;
  link?: string;
  role?: string;
  metadata?: Record<string, unknown>;
  status?: string;
  statusMessage?: string;
  lastActiveAt?: number;
  tags?: string[];
  hasBlockedMe?: boolean;
  blockedByMe?: boolean;
  deactivatedAt?: number;
  createdAt?: number;
  updatedAt?: number;
}

/** A logged-in user with the credentials `PUT /me` issued for it. */
export interface CometChatSession {
  user: CometChatUser;
  authToken: string;
  jwt?: string;
  /** The socket credentials the SDK stores beside the user. */
  wsChannel?: unknown;
  /** The app settings `PUT me` returns; the SDK stores them as `common_store/app_settings`. */
  settings?: Record<string, unknown>;
}

/** Fields of `PUT /me` that are session plumbing, not part of the User object. */
const SESSION_FIELDS = new Set(['authToken', 'jwt', 'wsChannel', 'settings']);

/** A field CometChat sends as text (a number is taken as its digits); anything else is no text at all. */
const textOf = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/**
 * Splits a `PUT /me` reply into the User and its credentials. Unknown user fields are kept
 * (CometChat adds fields over time and testers want to see them all).
 */
export function sessionFromMe(data: Record<string, unknown>, sentAuthToken: string): CometChatSession {
  const user: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!SESSION_FIELDS.has(key)) user[key] = value;
  }
  const uid = textOf(data.uid) ?? '';
  return {
    user: { ...user, uid, name: textOf(data.name) ?? uid },
    // The SDK re-sends `PUT /me` when the reply lacks `authToken`; the token we sent is the same one.
    authToken: typeof data.authToken === 'string' ? data.authToken : sentAuthToken,
    jwt: typeof data.jwt === 'string' ? data.jwt : undefined,
    wsChannel: data.wsChannel,
    settings: typeof data.settings === 'object' && data.settings !== null ? (data.settings as Record<string, unknown>) : undefined,
  };
}
