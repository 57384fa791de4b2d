/**
 * Every error code the extension can show, declared once: CometChat's server codes, the SDK's own, and
 * the extension's own, each with the message shown when an error arrives without one. Its likely cause and
 * fix are messages in public/_locales (`errorCause_<code>`, `errorFix_<code>`; `lib/error-explainer.ts` requires them
 * for every code declared here). Code elsewhere names a code as `ERROR_CODES.X`, never as a string
 * (test/unit/error-code-literals.test.ts checks lib/, components/ and entrypoints/).
 * The emulator is a stand-in for CometChat's server and spells its codes itself, as the real server would.
 */

import { ERROR_CODES, type ErrorCode } from './error-code-names';
import { VIEW_ERROR_MESSAGES } from './view-error-messages';

/** Who raises a code: CometChat's server, the official SDK (which this extension mirrors), or the extension. */
export type ErrorOrigin = 'server' | 'sdk' | 'extension';

/** What the registry knows about one code. */
export interface ErrorCodeEntry {
  origin: ErrorOrigin;
  /** Named in the protocol doc's error-code list (shared/docs/cometchat-protocol.md §8); its test compares the two. */
  inProtocolDoc: boolean;
  /** Shown when an error with this code carries no message of its own. */
  message: string;
}

const REGISTRY = {
  // CometChat's server codes (protocol doc §8; the server's `{error: {code, message, details}}`, §3)
  AUTH_ERR_EMPTY_APPID: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The appId header is missing or empty.',
  },
  AUTH_ERR_INVALID_APPID: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The App ID is not valid.',
  },
  AUTH_ERR_EMPTY_APIKEY: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The apiKey header is missing or empty.',
  },
  AUTH_ERR_APIKEY_NOT_FOUND: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The key does not exist.',
  },
  AUTH_ERR_NO_ACCESS: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The key cannot be used to perform this operation.',
  },
  AUTH_ERR_EMPTY_AUTH_TOKEN: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The authToken header is missing or empty.',
  },
  AUTH_ERR_AUTH_TOKEN_NOT_FOUND: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The auth token does not exist.',
  },
  ERR_UID_NOT_FOUND: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The UID does not exist.',
  },
  ERR_AUTH_TOKEN_NOT_FOUND: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The auth token does not exist for this user.',
  },
  ERR_AUTH_TOKEN_DELETE_FAILED: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The auth token could not be deleted.',
  },
  ERR_BAD_REQUEST: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'Failed to validate the data.',
  },
  ERR_PLAN_RESTRICTION: {
    origin: 'server',
    inProtocolDoc: true,
    message: "The app's plan does not allow this.",
  },
  ERR_SUBSCRIPTION_EXPIRED: {
    origin: 'server',
    inProtocolDoc: true,
    message: "The app's subscription has expired.",
  },
  // Server codes the protocol doc does not list, met when creating users or when the API host is wrong
  ERR_UID_ALREADY_EXISTS: {
    origin: 'server',
    inProtocolDoc: false,
    message: 'The UID already exists.',
  },
  ERR_ROUTE_NOT_FOUND: {
    origin: 'server',
    inProtocolDoc: false,
    message: 'The requested resource does not exist.',
  },
  ERR_METHOD_NOT_ALLOWED: {
    origin: 'server',
    inProtocolDoc: false,
    message: 'The method is not supported on this resource.',
  },
  ERR_INTERNAL_SERVER_ERROR: {
    origin: 'server',
    inProtocolDoc: false,
    message: 'Something went wrong on the server.',
  },
  // The SDK's own codes (protocol doc §8), which the extension's client raises the same way
  MISSING_PARAMETERS: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'A required parameter is missing.',
  },
  FAILED_TO_FETCH: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'Could not reach CometChat.',
  },
  NO_INTERNET_CONNECTION: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'There is no internet connection.',
  },
  COMETCHAT_INITIALIZATION_NOT_DONE: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'CometChat is not initialised.',
  },
  LOGIN_IN_PROGRESS: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'A login is already in progress.',
  },
  USER_NOT_LOGED_IN: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'No user is logged in.',
  },
  API_KEY_NOT_SET: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'The Auth Key is not set.',
  },
  // The extension's own codes
  ERR_INVALID_UID: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'A UID may contain only letters, digits, - and _, and at most 100 of them.',
  },
  ERR_INVALID_AUTH_TOKEN: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'This is not an auth token: tokens are at most 500 characters, with no spaces or special characters.',
  },
  ERR_INVALID_DIRECTORY_QUERY: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'A user search is at most 300 characters; a page number is a whole number from 1; a page holds at most 100 users.',
  },
  ERR_DIRECTORY_NEEDS_SESSION: {
    origin: 'extension',
    inProtocolDoc: false,
    message: "Listing the app's users needs a held session of this app: CometChat lists users only to a logged-in user.",
  },
  ERR_NOT_LOGGED_IN: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'No active user session.',
  },
  ERR_APP_NOT_CONFIGURED: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'Set up a CometChat app first (App ID, region and Auth Key).',
  },
  ERR_INVALID_PROFILE: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The app settings are not valid.',
  },
  ERR_PROFILE_NOT_FOUND: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'This app profile does not exist.',
  },
  ERR_INVALID_IMPORT: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The file is not a valid profile export.',
  },
  ERR_SESSION_NOT_HELD: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The extension holds no session for this user in this app.',
  },
  ERR_BACKGROUND_RESTARTED: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The extension background stopped before answering. The view now shows the stored state.',
  },
  ERR_UNHANDLED_REQUEST: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The background does not handle this request.',
  },
  ERR_STORAGE_UNAVAILABLE: {
    origin: 'extension',
    inProtocolDoc: false,
    message: "The extension's stored data cannot be opened.",
  },
  ERR_INTERNAL: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'Unexpected error.',
  },
  ERR_UNKNOWN: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'CometChat reported an error without a code.',
  },
  ERR_TOKEN_HELD: {
    origin: 'extension',
    inProtocolDoc: false,
    message: "This token is one the extension holds: revoking it would end the extension's own session.",
  },
  ERR_PAGE_UNREACHABLE: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The extension cannot run scripts in this page.',
  },
  ERR_PAGE_NO_COMETCHAT: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'This page has no CometChat: no SDK and no stored session.',
  },
  ERR_PAGE_SCRIPT: {
    origin: 'extension',
    inProtocolDoc: false,
    message: VIEW_ERROR_MESSAGES.ERR_PAGE_SCRIPT,
  },
  ERR_PAGE_RELOAD_TIMEOUT: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The page did not finish reloading in time.',
  },
  ERR_PAGE_SWITCH_NOT_VERIFIED: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'After the reload the page reports another user. Its previous session was restored.',
  },
  ERR_PAGE_LOGOUT_NOT_VERIFIED: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'After the reload the page still reports a user.',
  },
  ERR_NO_AUTH_KEY: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'This app has no Auth Key: log in with an Auth Token, or add the Auth Key to the app.',
  },
  ERR_PAGE_SHARED_TOKEN: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'Without an Auth Key the page cannot get a token of its own: page and extension would share one.',
  },
  ERR_PAGE_NO_ACCESS: {
    origin: 'extension',
    inProtocolDoc: false,
    message: "The extension has no access to this tab's site. Allow the site first.",
  },
  ERR_PAGE_CONSENT_REQUIRED: {
    origin: 'extension',
    inProtocolDoc: false,
    message: "Writing this app's sessions into this site needs your yes first.",
  },
  ERR_PAGE_NO_APP_SESSION: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'This page stores no CometChat session for this app.',
  },
  ERR_PAGE_ORIGIN_CHANGED: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The tab is no longer on the site the action was asked for: nothing was written.',
  },
  ERR_PAGE_NOT_WATCHED: {
    origin: 'extension',
    inProtocolDoc: false,
    message: "The extension's page script does not run in this tab yet, so the tab cannot keep a user of its own: nothing was changed.",
  },
  ERR_PIN_NOT_FOUND: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'That pinned tab is not known (any more).',
  },
  ERR_INVALID_SITE: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'Site access is given to one http or https site at a time, named by its host.',
  },
  ERR_PAGE_OTHER_APP: {
    origin: 'extension',
    inProtocolDoc: false,
    message: "The page's session belongs to another app than the extension's active one.",
  },
  ERR_API_HOST_UNREACHABLE: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'No CometChat API answered at this API host.',
  },
} satisfies Record<ErrorCode, ErrorCodeEntry>;

export { ERROR_CODES, type ErrorCode };

/** The registry itself, for iterating (tests, docs). */
export const ERROR_REGISTRY: Readonly<Record<ErrorCode, Readonly<ErrorCodeEntry>>> = REGISTRY;

/** True for a code the registry declares (an own key: `toString` is not a code). */
function isKnownErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(REGISTRY, code);
}

/** What the registry says about `code`, or undefined for a code it does not declare (a server may send new ones). */
export function errorCodeEntry(code: string): Readonly<ErrorCodeEntry> | undefined {
  return isKnownErrorCode(code) ? REGISTRY[code] : undefined;
}
