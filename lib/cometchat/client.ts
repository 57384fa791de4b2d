import { CometChatException } from './exception';
import { ERROR_CODES, ERROR_REGISTRY, errorCodeEntry, type ErrorCode } from './error-codes';
import { apiBaseUrls, type AppEndpoint } from './hosts';
import { sessionFromMe, type CometChatSession, type CometChatUser } from './user';

/** The SDK version whose wire format this client reproduces (protocol doc §2). */
const SDK_VERSION = '4.2.0';
const DEFAULT_TIMEOUT_MS = 15_000;
/** CometChat's auth replies are a few kB; anything past this is not CometChat talking. */
const MAX_REPLY_BYTES = 1024 * 1024;
/** UIDs as CometChat accepts them (protocol doc §8): letters, digits, - and _, at most 100. */
const UID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
/** A token is printable ASCII without spaces; CometChat's are `<uid>_` + 40 characters. */
const AUTH_TOKEN_PATTERN = /^[\x21-\x7e]{1,500}$/;

/** The largest page the SDK's `UsersRequestBuilder.setLimit` allows (its `USERS_MAX_LIMIT`). */
export const MAX_USERS_PER_PAGE = 100;
/** `listUsers`'s page size when none is given: the limit CometChat's UI kits use for their user lists. */
export const DEFAULT_USERS_PER_PAGE = 30;

/** What `listUsers` asks for: a search in uid and name (as the SDK's `setSearchKeyword`), a 1-based page, a page size. */
export interface UserListOptions {
  search?: string;
  page?: number;
  limit?: number;
}

/** One page of an app's users, with CometChat's paging numbers. */
export interface UserPage {
  users: CometChatUser[];
  page: number;
  totalPages: number;
  total: number;
}

/** The fields of a new user the extension sets (the SDK's `new CometChat.User(uid, name)` + `setAvatar`, `setRole`). */
export interface NewUser {
  uid: string;
  name: string;
  avatar?: string;
  role?: string;
}

export interface CometChatClientOptions {
  /** Injected for tests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Clock, injected for tests. */
  now?: () => number;
  userAgent?: string;
}

/** CometChat's auth endpoints over `fetch`: the SDK cannot run in a service worker (protocol doc §7). */
export interface CometChatClient {
  /** `POST users/{uid}/auth_tokens` with the Auth Key, then `PUT me`: the SDK's two requests. */
  login(uid: string, authKey: string): Promise<CometChatSession>;
  /** `PUT me` with an existing token. */
  loginWithAuthToken(authToken: string): Promise<CometChatSession>;
  /** `DELETE me`: revokes the token on the server. */
  logout(authToken: string): Promise<void>;
  /** `GET users?per_page=…&searchKey=…&page=…` with the auth token: the SDK's `UsersRequest.fetchNext`. */
  listUsers(authToken: string, options?: UserListOptions): Promise<UserPage>;
  /**
   * `POST users` with the Auth Key: the SDK's `CometChat.createUser(user, authKey)`. CometChat's validation
   * failures come back as ERR_BAD_REQUEST with `details` holding one array of messages per field.
   */
  createUser(authKey: string, user: NewUser): Promise<CometChatUser>;
  /** `GET me`: the token's user as CometChat has it now; throws CometChat's error when it no longer takes the token. */
  getMe(authToken: string): Promise<CometChatUser>;
}

type Json = Record<string, unknown>;

export function createCometChatClient(app: AppEndpoint, options: CometChatClientOptions = {}): CometChatClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const urls = apiBaseUrls(app);
  const resource = `WEB-${SDK_VERSION.replaceAll('.', '_')}-${crypto.randomUUID()}-${now()}`;

  const deviceBody = () => ({
    platform: 'WEB',
    deviceId: `${app.appId}_${crypto.randomUUID()}_${now()}`,
    appInfo: { version: `v${SDK_VERSION}`, apiVersion: 'v3.0', userAgent: options.userAgent ?? globalThis.navigator?.userAgent ?? '' },
  });

  /** One request; resolves to the whole envelope (`data`, and `meta` for lists). */
  async function send(method: string, url: string, credentials: Json, body?: Json): Promise<Json> {
    const headers: Record<string, string> = {
      appId: app.appId,
      resource,
      sdk: `javascript@${SDK_VERSION}`,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    };
    for (const [name, value] of Object.entries(credentials)) headers[name] = String(value);

    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let text: string;
    let status: number;
    try {
      const response = await doFetch(url, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        signal: abort.signal,
      });
      status = response.status;
      text = await readCapped(response, url);
    } catch (error) {
      if (error instanceof CometChatException) throw error;
      throw failedToFetch(
        abort.signal.aborted
          ? `CometChat did not answer within ${timeoutMs / 1000} s.`
          : 'Could not reach CometChat. Check the API host and your connection.',
        { url, reason: abort.signal.aborted ? 'timeout' : String((error as Error)?.message ?? error) },
      );
    } finally {
      clearTimeout(timer);
    }
    return parseEnvelope(text, status, url);
  }

  /** One request; resolves to its `data` object. */
  async function request(method: string, url: string, credentials: Json, body?: Json): Promise<Json> {
    const { data } = await send(method, url, credentials, body);
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Json;
    throw failedToFetch('CometChat sent a reply without data.', { url, reason: 'no-data' });
  }

  /** `PUT me`; a reply that names no user (or, for a login, another user than the one asked for) is refused. */
  async function putMe(authToken: string, expectedUid?: string): Promise<CometChatSession> {
    const url = `${urls.client}me`;
    const data = await request('PUT', url, { authToken }, deviceBody());
    if (typeof data.uid !== 'string' || data.uid.trim() === '') {
      throw failedToFetch('CometChat answered the login without naming a user.', { url, reason: 'no-uid' });
    }
    // CometChat lower-cases uids: `Cometchat-UID-1` logs in `cometchat-uid-1`.
    if (expectedUid !== undefined && data.uid.toLowerCase() !== expectedUid.toLowerCase()) {
      throw failedToFetch(`CometChat logged in ${data.uid} when ${expectedUid} was asked for.`, { url, reason: 'other-user', uid: data.uid });
    }
    return sessionFromMe(data, authToken);
  }

  return {
    async login(uid, authKey) {
      requireParameter('UID', uid);
      requireParameter('Auth Key', authKey);
      requirePattern(uid, UID_PATTERN, ERROR_CODES.ERR_INVALID_UID);
      const minted = await request('POST', `${urls.admin}users/${encodeURIComponent(uid)}/auth_tokens`, { apiKey: authKey }, deviceBody());
      if (typeof minted.authToken !== 'string') {
        throw failedToFetch('CometChat did not return an auth token.', { url: `${urls.admin}users/…/auth_tokens` });
      }
      return putMe(minted.authToken, uid);
    },
    async loginWithAuthToken(authToken) {
      requireParameter('Auth Token', authToken);
      requirePattern(authToken, AUTH_TOKEN_PATTERN, ERROR_CODES.ERR_INVALID_AUTH_TOKEN);
      return putMe(authToken);
    },
    async logout(authToken) {
      if (!authToken) {
        throw new CometChatException({ code: ERROR_CODES.ERR_NOT_LOGGED_IN, message: ERROR_REGISTRY.ERR_NOT_LOGGED_IN.message, details: {} });
      }
      await request('DELETE', `${urls.client}me`, { authToken });
    },
    async listUsers(authToken, options = {}) {
      requireParameter('Auth Token', authToken);
      requirePattern(authToken, AUTH_TOKEN_PATTERN, ERROR_CODES.ERR_INVALID_AUTH_TOKEN);
      const limit = requireCount('limit', options.limit ?? DEFAULT_USERS_PER_PAGE, MAX_USERS_PER_PAGE);
      const page = requireCount('page', options.page ?? 1, Number.MAX_SAFE_INTEGER);
      // The SDK's getNextData: keys in this order, joined without encoding but for the keyword, which it
      // trims and passes through encodeURIComponent (a blank keyword is not sent).
      const search = typeof options.search === 'string' ? options.search.trim() : '';
      const query = [`per_page=${limit}`, ...(search ? [`searchKey=${encodeURIComponent(search)}`] : []), `page=${page}`].join('&');
      const url = `${urls.client}users?${query}`;
      const envelope = await send('GET', url, { authToken });
      if (!Array.isArray(envelope.data))
        throw failedToFetch('CometChat sent a user list that is not a list.', { url: `${urls.client}users`, reason: 'no-list' });
      const users = envelope.data.filter(isUserRecord).map(userFromRecord);
      const pagination = ((envelope.meta as Json | undefined)?.pagination ?? {}) as Json;
      return {
        users,
        page: countOr(pagination.current_page, page),
        totalPages: countOr(pagination.total_pages, page),
        total: countOr(pagination.total, users.length),
      };
    },
    async createUser(authKey, user) {
      requireParameter('Auth Key', authKey);
      requireParameter('UID', user?.uid);
      requireParameter('Name', user?.name);
      // What JSON.stringify makes of the SDK's `new CometChat.User(uid, name)` with `setAvatar`/`setRole`.
      const body: Json = { hasBlockedMe: false, blockedByMe: false, deactivatedAt: 0, uid: user.uid, name: user.name };
      if (user.avatar) body.avatar = user.avatar;
      if (user.role) body.role = user.role;
      const data = await request('POST', `${urls.admin}users`, { apiKey: authKey }, body);
      if (!isUserRecord(data)) throw failedToFetch('CometChat created a user without naming it.', { url: `${urls.admin}users`, reason: 'no-uid' });
      return userFromRecord(data);
    },
    async getMe(authToken) {
      if (!authToken) {
        throw new CometChatException({ code: ERROR_CODES.ERR_NOT_LOGGED_IN, message: ERROR_REGISTRY.ERR_NOT_LOGGED_IN.message, details: {} });
      }
      const url = `${urls.client}me`;
      const data = await request('GET', url, { authToken });
      if (typeof data.uid !== 'string' || data.uid.trim() === '') {
        throw failedToFetch('CometChat answered `GET me` without naming a user.', { url, reason: 'no-uid' });
      }
      return sessionFromMe(data, authToken).user;
    },
  };
}

/** A list entry that names a user; anything else in a list is skipped. */
function isUserRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && typeof (value as Json).uid === 'string' && (value as Json).uid !== '';
}

/** A User object as CometChat sends it; unknown fields are kept, as `sessionFromMe` keeps them. */
function userFromRecord(record: Json): CometChatUser {
  return { ...record, uid: String(record.uid), name: typeof record.name === 'string' ? record.name : String(record.uid) };
}

/** A paging number from the server, or `fallback` when it is not a non-negative safe integer. */
function countOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : fallback;
}

/** A page number or page size: a whole number from 1 to `max` (the SDK refuses a limit past 100 itself). */
function requireCount(name: string, value: number, max: number): number {
  if (Number.isSafeInteger(value) && value >= 1 && value <= max) return value;
  throw new CometChatException({
    code: ERROR_CODES.ERR_INVALID_DIRECTORY_QUERY,
    message: `The ${name} must be a whole number from 1 to ${max}.`,
    details: { [name]: String(value).slice(0, 40) },
  });
}

function requireParameter(label: string, value: string | undefined): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CometChatException({
      code: ERROR_CODES.MISSING_PARAMETERS,
      message: `${label} cannot be empty.`,
      details: { parameter: label },
    });
  }
}

/** Refuses `value` with `code` and the registry's message for it (which says what the pattern allows). */
function requirePattern(value: string, pattern: RegExp, code: ErrorCode): void {
  if (!pattern.test(value)) throw new CometChatException({ code, message: ERROR_REGISTRY[code].message, details: { length: value.length } });
}

/** Reads the body, but gives up past {@link MAX_REPLY_BYTES} instead of buffering whatever a server sends. */
async function readCapped(response: Response, url: string): Promise<string> {
  const tooLarge = () =>
    failedToFetch(`CometChat's reply is larger than ${MAX_REPLY_BYTES / 1024 / 1024} MB; this is not a CometChat reply.`, {
      url,
      reason: 'too-large',
    });
  if (Number(response.headers.get('content-length') ?? 0) > MAX_REPLY_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_REPLY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(concat(chunks, size));
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

function failedToFetch(message: string, details: Json): CometChatException {
  return new CometChatException({ code: ERROR_CODES.FAILED_TO_FETCH, message, details });
}

/** Like the SDK, branch on `data` / `error` and ignore the HTTP status (protocol doc §3); returns the envelope. */
function parseEnvelope(text: string, status: number, url: string): Json {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw failedToFetch('CometChat sent a reply that is not JSON.', { url, status, reason: 'non-json' });
  }
  const envelope = (typeof body === 'object' && body !== null ? body : {}) as Json;
  const error = envelope.error as Json | undefined;
  if (error && typeof error === 'object') {
    const code = typeof error.code === 'string' ? error.code : ERROR_CODES.ERR_UNKNOWN;
    // A server code the registry does not know keeps the generic wording; the code itself still shows.
    const fallbackMessage = errorCodeEntry(code)?.message ?? 'CometChat reported an error without a message.';
    throw new CometChatException({
      code,
      message: typeof error.message === 'string' ? error.message : fallbackMessage,
      details: error.details ?? {},
    });
  }
  if (envelope.data && typeof envelope.data === 'object') return envelope;
  throw failedToFetch('CometChat sent a reply without data.', { url, status, reason: 'no-data' });
}
