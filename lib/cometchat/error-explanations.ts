import type { ErrorCode } from './error-codes';

/** Why an error likely happened and what to do about it, shown under the error itself. */
export interface Explanation {
  /** The likely cause, in a tester's words. */
  cause: string;
  /** What to do about it. */
  fix: string;
}

/**
 * The explanation of every code in the registry (`error-codes.ts`): a code added there without one here
 * does not compile. Only views import this, and lazily: it is most of the registry's text.
 */
export const EXPLANATIONS: { readonly [Code in ErrorCode]: Explanation } = {
  AUTH_ERR_EMPTY_APPID: {
    cause: 'No App ID was sent.',
    fix: 'Enter the App ID from your CometChat dashboard under "Change app".',
  },
  AUTH_ERR_INVALID_APPID: {
    cause: 'This App ID does not exist in this region.',
    fix: 'Check the App ID and the region (us, eu, in) in the dashboard.',
  },
  AUTH_ERR_EMPTY_APIKEY: {
    cause: 'No Auth Key was sent.',
    fix: 'Enter the app\'s Auth Key under "Change app".',
  },
  AUTH_ERR_APIKEY_NOT_FOUND: {
    cause: 'This Auth Key does not belong to this app / region.',
    fix: 'Copy the Auth Key of this app (API & Auth Keys in the dashboard) and check the region.',
  },
  AUTH_ERR_NO_ACCESS: {
    cause: 'The key may not do this: an Auth Key can only create users and auth tokens.',
    fix: 'Use a REST API key for server-side calls; log in with the Auth Key.',
  },
  AUTH_ERR_EMPTY_AUTH_TOKEN: {
    cause: 'No auth token was sent.',
    fix: 'Paste a token, or log in with a UID instead.',
  },
  AUTH_ERR_AUTH_TOKEN_NOT_FOUND: {
    cause: 'The token is unknown: it was revoked, logged out, or belongs to another app.',
    fix: 'Log in again, or mint a new token for this app with the REST API.',
  },
  ERR_UID_NOT_FOUND: {
    cause: 'No user with this UID exists in the app.',
    fix: "Check the spelling (UIDs are lower-cased), or let the extension create the user with the app's Auth Key (the Create button by the UID, or Users → Create a user).",
  },
  ERR_AUTH_TOKEN_NOT_FOUND: {
    cause: 'That token does not exist for this user.',
    fix: "List the user's tokens with the REST API and use one of them.",
  },
  ERR_AUTH_TOKEN_DELETE_FAILED: {
    cause: 'CometChat could not delete the token.',
    fix: "Try again; if it persists, flush the user's tokens with the REST API.",
  },
  ERR_BAD_REQUEST: {
    cause: 'The request was malformed or failed validation.',
    fix: 'Read the details: they name each field that is wrong.',
  },
  ERR_PLAN_RESTRICTION: {
    cause: 'Your CometChat plan does not allow this.',
    fix: "Check the plan's limits in the dashboard.",
  },
  ERR_SUBSCRIPTION_EXPIRED: {
    cause: "The app's CometChat subscription has expired.",
    fix: 'Renew the subscription in the dashboard.',
  },
  ERR_UID_ALREADY_EXISTS: {
    cause: 'A user with this UID already exists.',
    fix: 'Use another UID, or update the existing user.',
  },
  ERR_ROUTE_NOT_FOUND: {
    cause: 'The API host answered, but does not know this endpoint.',
    fix: 'Check the API host: it must point at CometChat (or the emulator), without a wrong path.',
  },
  ERR_METHOD_NOT_ALLOWED: {
    cause: 'The endpoint exists but not with this method.',
    fix: 'Check the API host points at CometChat or the emulator.',
  },
  ERR_INTERNAL_SERVER_ERROR: {
    cause: 'The server failed while answering.',
    fix: "Try again; if it persists, check CometChat's status page or the emulator's output.",
  },
  MISSING_PARAMETERS: {
    cause: 'A required value was empty: the message names which.',
    fix: 'Fill in the value the message names.',
  },
  FAILED_TO_FETCH: {
    cause: 'CometChat could not be reached, took too long, or answered with something that is not CometChat JSON.',
    fix: 'Check the API host, your connection, and (for the emulator) that it is running.',
  },
  NO_INTERNET_CONNECTION: {
    cause: 'The browser is offline.',
    fix: 'Reconnect and try again.',
  },
  COMETCHAT_INITIALIZATION_NOT_DONE: {
    cause: 'The page called the SDK before CometChat.init finished.',
    fix: 'Await CometChat.init before logging in.',
  },
  LOGIN_IN_PROGRESS: {
    cause: 'Another login was still running.',
    fix: 'Wait for it to finish, then try again.',
  },
  USER_NOT_LOGED_IN: {
    cause: 'The SDK has no logged-in user.',
    fix: 'Log in first.',
  },
  API_KEY_NOT_SET: {
    cause: 'The SDK was asked to log in with a UID but no Auth Key.',
    fix: 'Pass the Auth Key, or log in with a token.',
  },
  ERR_INVALID_UID: {
    cause: 'The UID has characters CometChat does not allow, or is longer than 100.',
    fix: 'Use letters, digits, - and _ only (e.g. cometchat-uid-1).',
  },
  ERR_INVALID_AUTH_TOKEN: {
    cause: 'What was pasted is not an auth token (too long, or with spaces or special characters).',
    fix: 'Copy the token again, without quotes or spaces.',
  },
  ERR_INVALID_DIRECTORY_QUERY: {
    cause:
      'A search longer than 300 characters, a page number or size that is not a whole number from 1, or a page size over 100 (the SDK allows no more).',
    fix: 'Shorten the search, or ask for page 1 or later.',
  },
  ERR_DIRECTORY_NEEDS_SESSION: {
    cause: "CometChat's client API lists users only with a logged-in user's auth token, and the active app has no active session.",
    fix: 'Log in as any user of this app (or switch to a held session), then open the directory again.',
  },
  ERR_NOT_LOGGED_IN: {
    cause: 'There is no active user session to log out.',
    fix: 'Nothing to do; log in first if you meant to.',
  },
  ERR_APP_NOT_CONFIGURED: {
    cause: 'No CometChat app is set up yet.',
    fix: 'Fill in App ID, region and Auth Key, or use the local emulator.',
  },
  ERR_INVALID_PROFILE: {
    cause: 'Some app settings are not valid.',
    fix: 'Correct the fields named in the details.',
  },
  ERR_PROFILE_NOT_FOUND: {
    cause: 'That app profile no longer exists (another view deleted it).',
    fix: 'Pick an app from the list again.',
  },
  ERR_INVALID_IMPORT: {
    cause: 'The file is not a profile export of this extension, or some profiles in it are not valid.',
    fix: 'Export again from the extension, or fix the fields named in the details.',
  },
  ERR_SESSION_NOT_HELD: {
    cause: 'The extension holds no session for this user in this app.',
    fix: 'Log in as the user first.',
  },
  ERR_BACKGROUND_RESTARTED: {
    cause: "The browser stopped the extension's background while the request ran.",
    fix: 'The view shows the stored state; try again.',
  },
  ERR_UNHANDLED_REQUEST: {
    cause: 'This view and the background are from different versions.',
    fix: 'Reload the extension and reopen the view.',
  },
  ERR_STORAGE_UNAVAILABLE: {
    cause: "The browser could not open the extension's IndexedDB (a newer version wrote it, or the profile is damaged).",
    fix: "Reset the extension's data: app settings, sessions and the event log are deleted.",
  },
  ERR_INTERNAL: {
    cause: 'The extension hit an unexpected error.',
    fix: 'Try again; if it persists, report it with the details.',
  },
  ERR_UNKNOWN: {
    cause: 'The server answered with an error but gave no code: it may not be CometChat, or a proxy rewrote the reply.',
    fix: 'Check the API host points at CometChat or the emulator, and read the message and details.',
  },
  ERR_TOKEN_HELD: {
    cause: "The page uses a token the extension also holds (the page's session was adopted into the extension, or written by an older version).",
    fix: "Log the page out without revoking, or log the extension's session out from the popup, which revokes it.",
  },
  ERR_PAGE_UNREACHABLE: {
    cause: 'DevTools cannot run scripts in this page.',
    fix: "Inspect your app's own page (not a browser, extension or blank page).",
  },
  ERR_PAGE_NO_COMETCHAT: {
    cause: "The tab's page neither loads the CometChat SDK nor stores a session.",
    fix: "Open your app's page (after it has initialised CometChat) and try again.",
  },
  ERR_PAGE_SCRIPT: {
    cause: "Reading or writing the page's storage failed.",
    fix: 'Reload the page and try again; the page may block storage access.',
  },
  ERR_PAGE_RELOAD_TIMEOUT: {
    cause: 'The page did not finish reloading in time.',
    fix: 'Check the page loads, then try again.',
  },
  ERR_PAGE_SWITCH_NOT_VERIFIED: {
    cause: 'After the reload the page reported another user: the app may log itself in on load.',
    fix: "Log the app out in its own UI first, or check that it reads the SDK's stored session.",
  },
  ERR_PAGE_LOGOUT_NOT_VERIFIED: {
    cause: 'After the reload the page still had a user: the app logged itself back in.',
    fix: "Log out in the app's own UI, or stop its automatic login while testing.",
  },
  ERR_NO_AUTH_KEY: {
    cause: "Logging in by uid needs the app's Auth Key, and this app was set up without one.",
    fix: 'Paste an Auth Token (your server mints them), or add the Auth Key under Apps → Edit (CometChat dashboard → API & Auth Keys).',
  },
  ERR_PAGE_SHARED_TOKEN: {
    cause: 'A page gets a token of its own only through the Auth Key, which this app lacks.',
    fix: "Share the token only if you accept that a logout in the page (or revoking its token) ends the extension's session too; or add the Auth Key.",
  },
  ERR_PAGE_NO_ACCESS: {
    cause: "Site access is granted per site by you; this tab's site is not on the list of allowed sites.",
    fix: 'Click "Allow access" (panel) or "Allow this site" (popup, Allowed sites), and accept the browser\'s prompt.',
  },
  ERR_PAGE_CONSENT_REQUIRED: {
    cause: "The first write of an app's sessions into a site asks once; the answer is remembered per app and site.",
    fix: 'Confirm the site shown, or cancel. You can take the yes back under Allowed sites in the popup.',
  },
  ERR_PAGE_NO_APP_SESSION: {
    cause: 'The page has no CometChat keys for the active app: it may not be your app, or it has not initialised CometChat yet.',
    fix: 'Open your app and let it initialise CometChat, or choose to write a new session for this app there.',
  },
  ERR_PAGE_ORIGIN_CHANGED: {
    cause: 'The tab navigated to another site between your click and the write.',
    fix: 'Go back to your app and try again.',
  },
  ERR_PAGE_NOT_WATCHED: {
    cause: 'The site was allowed after this tab loaded (or access was taken back): the script that keeps a pinned tab apart starts with a page.',
    fix: 'Reload the tab once, then pin it again.',
  },
  ERR_PIN_NOT_FOUND: {
    cause: 'Another view already revoked or kept that closed tab’s token.',
    fix: 'Nothing to do: the list is up to date now.',
  },
  ERR_INVALID_SITE: {
    cause:
      'Access was asked for something that is not one http(s) site: a pattern for many sites (a `*` in the host), or a page that is not a web page.',
    fix: "Open your app's page and allow its site; wildcard grants can be removed under Sites in the popup.",
  },
  ERR_PAGE_OTHER_APP: {
    cause: "The page runs another app than the extension's active one: the extension's Auth Key and hosts do not fit it.",
    fix: 'Choose the matching app in the popup header, or switch the page from that app.',
  },
  ERR_API_HOST_UNREACHABLE: {
    cause:
      'Nothing answered at the API host within a few seconds, or something answered that is not CometChat: a typo in the host or port, a server (or the local emulator) that is not running, or a network that blocks it.',
    fix: 'Check the address (with http:// for a local server) and that the server runs, then save again; or choose "Save anyway" to keep it and log in later.',
  },
};
