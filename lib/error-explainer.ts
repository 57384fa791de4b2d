import { ERROR_CODES, type ErrorCode } from './cometchat/error-code-names';
import type { Words } from './words';

/** Why an error likely happened and what to do about it, shown under the error itself. */
export interface Explanation {
  /** The likely cause, in a tester's words. */
  cause: string;
  /** What to do about it. */
  fix: string;
}

/**
 * Every code the registry declares (`error-code-names.ts`; a code added there without an entry here does not
 * compile). Each is explained by two messages in public/_locales, `errorCause_<code>` and `errorFix_<code>`: a code
 * without them does not compile either (see `explainError`).
 */
const EXPLAINED: { readonly [Code in ErrorCode]: true } = {
  AUTH_ERR_EMPTY_APPID: true,
  AUTH_ERR_INVALID_APPID: true,
  AUTH_ERR_EMPTY_APIKEY: true,
  AUTH_ERR_APIKEY_NOT_FOUND: true,
  AUTH_ERR_NO_ACCESS: true,
  AUTH_ERR_EMPTY_AUTH_TOKEN: true,
  AUTH_ERR_AUTH_TOKEN_NOT_FOUND: true,
  ERR_UID_NOT_FOUND: true,
  ERR_AUTH_TOKEN_NOT_FOUND: true,
  ERR_AUTH_TOKEN_DELETE_FAILED: true,
  ERR_BAD_REQUEST: true,
  ERR_PLAN_RESTRICTION: true,
  ERR_SUBSCRIPTION_EXPIRED: true,
  ERR_UID_ALREADY_EXISTS: true,
  ERR_ROUTE_NOT_FOUND: true,
  ERR_METHOD_NOT_ALLOWED: true,
  ERR_INTERNAL_SERVER_ERROR: true,
  MISSING_PARAMETERS: true,
  FAILED_TO_FETCH: true,
  NO_INTERNET_CONNECTION: true,
  COMETCHAT_INITIALIZATION_NOT_DONE: true,
  LOGIN_IN_PROGRESS: true,
  USER_NOT_LOGED_IN: true,
  API_KEY_NOT_SET: true,
  ERR_INVALID_UID: true,
  ERR_INVALID_AUTH_TOKEN: true,
  ERR_INVALID_DIRECTORY_QUERY: true,
  ERR_DIRECTORY_NEEDS_SESSION: true,
  ERR_NOT_LOGGED_IN: true,
  ERR_APP_NOT_CONFIGURED: true,
  ERR_INVALID_PROFILE: true,
  ERR_PROFILE_NOT_FOUND: true,
  ERR_INVALID_IMPORT: true,
  ERR_SESSION_NOT_HELD: true,
  ERR_BACKGROUND_RESTARTED: true,
  ERR_UNHANDLED_REQUEST: true,
  ERR_STORAGE_UNAVAILABLE: true,
  ERR_INTERNAL: true,
  ERR_UNKNOWN: true,
  ERR_TOKEN_HELD: true,
  ERR_PAGE_UNREACHABLE: true,
  ERR_PAGE_NO_COMETCHAT: true,
  ERR_PAGE_SCRIPT: true,
  ERR_PAGE_RELOAD_TIMEOUT: true,
  ERR_PAGE_SWITCH_NOT_VERIFIED: true,
  ERR_PAGE_LOGOUT_NOT_VERIFIED: true,
  ERR_NO_AUTH_KEY: true,
  ERR_PAGE_SHARED_TOKEN: true,
  ERR_PAGE_NO_ACCESS: true,
  ERR_PAGE_CONSENT_REQUIRED: true,
  ERR_PAGE_NO_APP_SESSION: true,
  ERR_PAGE_ORIGIN_CHANGED: true,
  ERR_PAGE_NOT_WATCHED: true,
  ERR_PIN_NOT_FOUND: true,
  ERR_INVALID_SITE: true,
  ERR_PAGE_OTHER_APP: true,
  ERR_API_HOST_UNREACHABLE: true,
};

/**
 * The cause and fix for `code` in the view's `words`, or undefined for a code the registry does not declare (a server
 * may send new ones). Where the error's `details` name a more likely cause, that one: a page switch not verified
 * because it wrote `localStorage` while the app keeps its session in `sessionStorage` (CometChat's session storage
 * mode) says so.
 */
export function explainError(code: string, words: Words, details?: unknown): Explanation | undefined {
  if (!Object.hasOwn(EXPLAINED, code)) return undefined;
  const known = code as ErrorCode;
  const explanation = { cause: words(`errorCause_${known}`), fix: words(`errorFix_${known}`) };
  const named = typeof details === 'object' && details !== null ? (details as { written?: unknown; appStorage?: unknown }) : {};
  if (known === ERROR_CODES.ERR_PAGE_SWITCH_NOT_VERIFIED && named.written === 'localStorage' && named.appStorage === 'sessionStorage') {
    return { cause: words('errorCauseSessionStorageMode'), fix: words('errorFixSessionStorageMode') };
  }
  return explanation;
}
