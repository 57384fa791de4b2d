/**
 * The names of every error code the extension can show, and nothing else: what views need to name a code
 * (`ERROR_CODES.X`) without carrying every code's message. The messages, and where each code comes from, are in
 * `error-codes.ts`, which must declare exactly these names (its `satisfies` clause checks it).
 */
export type ErrorCode =
  | 'AUTH_ERR_EMPTY_APPID'
  | 'AUTH_ERR_INVALID_APPID'
  | 'AUTH_ERR_EMPTY_APIKEY'
  | 'AUTH_ERR_APIKEY_NOT_FOUND'
  | 'AUTH_ERR_NO_ACCESS'
  | 'AUTH_ERR_EMPTY_AUTH_TOKEN'
  | 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND'
  | 'ERR_UID_NOT_FOUND'
  | 'ERR_AUTH_TOKEN_NOT_FOUND'
  | 'ERR_AUTH_TOKEN_DELETE_FAILED'
  | 'ERR_BAD_REQUEST'
  | 'ERR_PLAN_RESTRICTION'
  | 'ERR_SUBSCRIPTION_EXPIRED'
  | 'ERR_UID_ALREADY_EXISTS'
  | 'ERR_ROUTE_NOT_FOUND'
  | 'ERR_METHOD_NOT_ALLOWED'
  | 'ERR_INTERNAL_SERVER_ERROR'
  | 'MISSING_PARAMETERS'
  | 'FAILED_TO_FETCH'
  | 'NO_INTERNET_CONNECTION'
  | 'COMETCHAT_INITIALIZATION_NOT_DONE'
  | 'LOGIN_IN_PROGRESS'
  | 'USER_NOT_LOGED_IN'
  | 'API_KEY_NOT_SET'
  | 'ERR_INVALID_UID'
  | 'ERR_INVALID_AUTH_TOKEN'
  | 'ERR_NOT_LOGGED_IN'
  | 'ERR_APP_NOT_CONFIGURED'
  | 'ERR_INVALID_PROFILE'
  | 'ERR_PROFILE_NOT_FOUND'
  | 'ERR_INVALID_IMPORT'
  | 'ERR_SESSION_NOT_HELD'
  | 'ERR_BACKGROUND_RESTARTED'
  | 'ERR_UNHANDLED_REQUEST'
  | 'ERR_STORAGE_UNAVAILABLE'
  | 'ERR_INTERNAL'
  | 'ERR_UNKNOWN'
  | 'ERR_TOKEN_HELD'
  | 'ERR_PAGE_UNREACHABLE'
  | 'ERR_PAGE_NO_COMETCHAT'
  | 'ERR_PAGE_SCRIPT'
  | 'ERR_PAGE_RELOAD_TIMEOUT'
  | 'ERR_PAGE_SWITCH_NOT_VERIFIED'
  | 'ERR_PAGE_LOGOUT_NOT_VERIFIED'
  | 'ERR_NO_AUTH_KEY'
  | 'ERR_PAGE_SHARED_TOKEN'
  | 'ERR_PAGE_NO_ACCESS'
  | 'ERR_PAGE_CONSENT_REQUIRED'
  | 'ERR_PAGE_NO_APP_SESSION'
  | 'ERR_PAGE_ORIGIN_CHANGED'
  | 'ERR_PAGE_OTHER_APP'
  | 'ERR_PAGE_NOT_WATCHED'
  | 'ERR_PIN_NOT_FOUND'
  | 'ERR_INVALID_SITE'
  | 'ERR_API_HOST_UNREACHABLE'
  | 'ERR_INVALID_DIRECTORY_QUERY'
  | 'ERR_DIRECTORY_NEEDS_SESSION';

/**
 * Every declared code, as itself: `ERROR_CODES.ERR_UID_NOT_FOUND` is `'ERR_UID_NOT_FOUND'`, with that literal type. The
 * type does the checking (a name not declared does not compile), so at run time each name reads back as itself and no
 * page carries the list (half a kilobyte of the popup's 20 kB).
 */
export const ERROR_CODES = new Proxy({}, { get: (_target, name) => name }) as { readonly [Code in ErrorCode]: Code };
