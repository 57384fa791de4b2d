/**
 * Every error code the extension can show, declared once: CometChat's server codes, the SDK's own, and
 * the extension's own, each with the message shown when an error arrives without one, and the likely
 * cause and fix shown under the error. Code elsewhere names a code as `ERROR_CODES.X`, never as a string
 * (test/unit/error-code-literals.test.ts checks lib/, components/ and entrypoints/).
 * The emulator is a stand-in for CometChat's server and spells its codes itself, as the real server would.
 */

/** Who raises a code: CometChat's server, the official SDK (which this extension mirrors), or the extension. */
export type ErrorOrigin = 'server' | 'sdk' | 'extension';

/** What the registry knows about one code. */
export interface ErrorCodeEntry {
  origin: ErrorOrigin;
  /** Named in the protocol doc's error-code list (shared/docs/cometchat-protocol.md §8); its test compares the two. */
  inProtocolDoc: boolean;
  /** Shown when an error with this code carries no message of its own. */
  message: string;
  /** The likely cause, in a tester's words. */
  cause: string;
  /** What to do about it. */
  fix: string;
}

const REGISTRY = {
  // CometChat's server codes (protocol doc §8; the server's `{error: {code, message, details}}`, §3)
  AUTH_ERR_EMPTY_APPID: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The appId header is missing or empty.',
    cause: 'No App ID was sent.',
    fix: 'Enter the App ID from your CometChat dashboard under "Change app".',
  },
  AUTH_ERR_INVALID_APPID: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The App ID is not valid.',
    cause: 'This App ID does not exist in this region.',
    fix: 'Check the App ID and the region (us, eu, in) in the dashboard.',
  },
  AUTH_ERR_EMPTY_APIKEY: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The apiKey header is missing or empty.',
    cause: 'No Auth Key was sent.',
    fix: 'Enter the app\'s Auth Key under "Change app".',
  },
  AUTH_ERR_APIKEY_NOT_FOUND: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The key does not exist.',
    cause: 'This Auth Key does not belong to this app / region.',
    fix: 'Copy the Auth Key of this app (API & Auth Keys in the dashboard) and check the region.',
  },
  AUTH_ERR_NO_ACCESS: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The key cannot be used to perform this operation.',
    cause: 'The key may not do this: an Auth Key can only create users and auth tokens.',
    fix: 'Use a REST API key for server-side calls; log in with the Auth Key.',
  },
  AUTH_ERR_EMPTY_AUTH_TOKEN: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The authToken header is missing or empty.',
    cause: 'No auth token was sent.',
    fix: 'Paste a token, or log in with a UID instead.',
  },
  AUTH_ERR_AUTH_TOKEN_NOT_FOUND: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The auth token does not exist.',
    cause: 'The token is unknown: it was revoked, logged out, or belongs to another app.',
    fix: 'Log in again, or mint a new token for this app with the REST API.',
  },
  ERR_UID_NOT_FOUND: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The UID does not exist.',
    cause: 'No user with this UID exists in the app.',
    fix: 'Check the spelling (UIDs are lower-cased), or create the user in the dashboard or with the REST API.',
  },
  ERR_AUTH_TOKEN_NOT_FOUND: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The auth token does not exist for this user.',
    cause: 'That token does not exist for this user.',
    fix: "List the user's tokens with the REST API and use one of them.",
  },
  ERR_AUTH_TOKEN_DELETE_FAILED: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'The auth token could not be deleted.',
    cause: 'CometChat could not delete the token.',
    fix: "Try again; if it persists, flush the user's tokens with the REST API.",
  },
  ERR_BAD_REQUEST: {
    origin: 'server',
    inProtocolDoc: true,
    message: 'Failed to validate the data.',
    cause: 'The request was malformed or failed validation.',
    fix: 'Read the details: they name each field that is wrong.',
  },
  ERR_PLAN_RESTRICTION: {
    origin: 'server',
    inProtocolDoc: true,
    message: "The app's plan does not allow this.",
    cause: 'Your CometChat plan does not allow this.',
    fix: "Check the plan's limits in the dashboard.",
  },
  ERR_SUBSCRIPTION_EXPIRED: {
    origin: 'server',
    inProtocolDoc: true,
    message: "The app's subscription has expired.",
    cause: "The app's CometChat subscription has expired.",
    fix: 'Renew the subscription in the dashboard.',
  },
  // Server codes the protocol doc does not list, met when creating users or when the API host is wrong
  ERR_UID_ALREADY_EXISTS: {
    origin: 'server',
    inProtocolDoc: false,
    message: 'The UID already exists.',
    cause: 'A user with this UID already exists.',
    fix: 'Use another UID, or update the existing user.',
  },
  ERR_ROUTE_NOT_FOUND: {
    origin: 'server',
    inProtocolDoc: false,
    message: 'The requested resource does not exist.',
    cause: 'The API host answered, but does not know this endpoint.',
    fix: 'Check the API host: it must point at CometChat (or the emulator), without a wrong path.',
  },
  ERR_METHOD_NOT_ALLOWED: {
    origin: 'server',
    inProtocolDoc: false,
    message: 'The method is not supported on this resource.',
    cause: 'The endpoint exists but not with this method.',
    fix: 'Check the API host points at CometChat or the emulator.',
  },
  ERR_INTERNAL_SERVER_ERROR: {
    origin: 'server',
    inProtocolDoc: false,
    message: 'Something went wrong on the server.',
    cause: 'The server failed while answering.',
    fix: "Try again; if it persists, check CometChat's status page or the emulator's output.",
  },
  // The SDK's own codes (protocol doc §8), which the extension's client raises the same way
  MISSING_PARAMETERS: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'A required parameter is missing.',
    cause: 'A required value was empty.',
    fix: 'Fill in the UID, the Auth Key or the token.',
  },
  FAILED_TO_FETCH: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'Could not reach CometChat.',
    cause: 'CometChat could not be reached, took too long, or answered with something that is not CometChat JSON.',
    fix: 'Check the API host, your connection, and (for the emulator) that it is running.',
  },
  NO_INTERNET_CONNECTION: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'There is no internet connection.',
    cause: 'The browser is offline.',
    fix: 'Reconnect and try again.',
  },
  COMETCHAT_INITIALIZATION_NOT_DONE: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'CometChat is not initialised.',
    cause: 'The page called the SDK before CometChat.init finished.',
    fix: 'Await CometChat.init before logging in.',
  },
  LOGIN_IN_PROGRESS: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'A login is already in progress.',
    cause: 'Another login was still running.',
    fix: 'Wait for it to finish, then try again.',
  },
  USER_NOT_LOGED_IN: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'No user is logged in.',
    cause: 'The SDK has no logged-in user.',
    fix: 'Log in first.',
  },
  API_KEY_NOT_SET: {
    origin: 'sdk',
    inProtocolDoc: true,
    message: 'The Auth Key is not set.',
    cause: 'The SDK was asked to log in with a UID but no Auth Key.',
    fix: 'Pass the Auth Key, or log in with a token.',
  },
  // The extension's own codes
  ERR_INVALID_UID: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'A UID may contain only letters, digits, - and _, and at most 100 of them.',
    cause: 'The UID has characters CometChat does not allow, or is longer than 100.',
    fix: 'Use letters, digits, - and _ only (e.g. cometchat-uid-1).',
  },
  ERR_INVALID_AUTH_TOKEN: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'This is not an auth token: tokens are at most 500 characters, with no spaces or special characters.',
    cause: 'What was pasted is not an auth token (too long, or with spaces or special characters).',
    fix: 'Copy the token again, without quotes or spaces.',
  },
  ERR_NOT_LOGGED_IN: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'No active user session.',
    cause: 'There is no active user session to log out.',
    fix: 'Nothing to do; log in first if you meant to.',
  },
  ERR_APP_NOT_CONFIGURED: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'Set up a CometChat app first (App ID, region and Auth Key).',
    cause: 'No CometChat app is set up yet.',
    fix: 'Fill in App ID, region and Auth Key, or use the local emulator.',
  },
  ERR_INVALID_PROFILE: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The app settings are not valid.',
    cause: 'Some app settings are not valid.',
    fix: 'Correct the fields named in the details.',
  },
  ERR_PROFILE_NOT_FOUND: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'This app profile does not exist.',
    cause: 'That app profile no longer exists (another view deleted it).',
    fix: 'Pick an app from the list again.',
  },
  ERR_INVALID_IMPORT: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The file is not a valid profile export.',
    cause: 'The file is not a profile export of this extension, or some profiles in it are not valid.',
    fix: 'Export again from the extension, or fix the fields named in the details.',
  },
  ERR_SESSION_NOT_HELD: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The extension holds no session for this user in this app.',
    cause: 'The extension holds no session for this user in this app.',
    fix: 'Log in as the user first.',
  },
  ERR_BACKGROUND_RESTARTED: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The extension background stopped before answering. The view now shows the stored state.',
    cause: "The browser stopped the extension's background while the request ran.",
    fix: 'The view shows the stored state; try again.',
  },
  ERR_UNHANDLED_REQUEST: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The background does not handle this request.',
    cause: 'This view and the background are from different versions.',
    fix: 'Reload the extension and reopen the view.',
  },
  ERR_STORAGE_UNAVAILABLE: {
    origin: 'extension',
    inProtocolDoc: false,
    message: "The extension's stored data cannot be opened.",
    cause: "The browser could not open the extension's IndexedDB (a newer version wrote it, or the profile is damaged).",
    fix: "Reset the extension's data: app settings, sessions and the event log are deleted.",
  },
  ERR_INTERNAL: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'Unexpected error.',
    cause: 'The extension hit an unexpected error.',
    fix: 'Try again; if it persists, report it with the details.',
  },
  ERR_UNKNOWN: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'CometChat reported an error without a code.',
    cause: 'The server answered with an error but gave no code: it may not be CometChat, or a proxy rewrote the reply.',
    fix: 'Check the API host points at CometChat or the emulator, and read the message and details.',
  },
  ERR_PAGE_UNREACHABLE: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The extension cannot run scripts in this page.',
    cause: 'DevTools cannot run scripts in this page.',
    fix: "Inspect your app's own page (not a browser, extension or blank page).",
  },
  ERR_PAGE_NO_COMETCHAT: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'This page has no CometChat: no SDK and no stored session.',
    cause: "The tab's page neither loads the CometChat SDK nor stores a session.",
    fix: "Open your app's page (after it has initialised CometChat) and try again.",
  },
  ERR_PAGE_SCRIPT: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The inspected page cannot be read (is it a browser page or still loading?).',
    cause: "Reading or writing the page's storage failed.",
    fix: 'Reload the page and try again; the page may block storage access.',
  },
  ERR_PAGE_RELOAD_TIMEOUT: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'The page did not finish reloading in time.',
    cause: 'The page did not finish reloading in time.',
    fix: 'Check the page loads, then try again.',
  },
  ERR_PAGE_SWITCH_NOT_VERIFIED: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'After the reload the page reports another user. Its previous session was restored.',
    cause: 'After the reload the page reported another user: the app may log itself in on load.',
    fix: "Log the app out in its own UI first, or check that it reads the SDK's stored session.",
  },
  ERR_PAGE_LOGOUT_NOT_VERIFIED: {
    origin: 'extension',
    inProtocolDoc: false,
    message: 'After the reload the page still reports a user.',
    cause: 'After the reload the page still had a user: the app logged itself back in.',
    fix: "Log out in the app's own UI, or stop its automatic login while testing.",
  },
} satisfies Record<string, ErrorCodeEntry>;

/** A code the registry declares. */
export type ErrorCode = keyof typeof REGISTRY;

/** Every declared code, as itself: `ERROR_CODES.ERR_UID_NOT_FOUND` has the literal type `'ERR_UID_NOT_FOUND'`. */
export const ERROR_CODES = Object.freeze(Object.fromEntries(Object.keys(REGISTRY).map((code) => [code, code]))) as {
  readonly [Code in ErrorCode]: Code;
};

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
