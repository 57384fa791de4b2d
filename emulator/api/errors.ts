/**
 * CometChat's error codes as the emulator raises them. Handlers throw an `EmulatorError`; the
 * dispatcher turns it into `{"error":{code,message,details}}` (protocol doc §3). Codes and the two
 * messages the SDK's users see (unknown uid, unknown token) are CometChat's; other wording is ours.
 */

/** A CometChat-style API error with the HTTP status the emulator answers it with. */
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}

/** Factories for every error the emulator can answer with, so codes are spelled in one place. */
export const apiErrors = {
  emptyAppId: () =>
    new EmulatorError(401, 'AUTH_ERR_EMPTY_APPID', 'The appId header is missing or empty. Please send your App ID in the appId header.'),
  invalidAppId: (appId: string) =>
    new EmulatorError(401, 'AUTH_ERR_INVALID_APPID', `The appId ${appId} is not valid. Please use the App ID of your app.`),
  emptyApiKey: () =>
    new EmulatorError(401, 'AUTH_ERR_EMPTY_APIKEY', 'The apiKey header is missing or empty. Please send your Auth Key or REST API Key.'),
  apiKeyNotFound: (apiKey: string) =>
    new EmulatorError(401, 'AUTH_ERR_APIKEY_NOT_FOUND', `The key ${apiKey} does not exist. Please use correct apiKey.`),
  noAccess: (apiKey: string) =>
    new EmulatorError(
      401,
      'AUTH_ERR_NO_ACCESS',
      `The key ${apiKey} cannot be used to perform this operation. Please use API key with a correct scope to perform the operation.`,
    ),
  emptyAuthToken: () =>
    new EmulatorError(401, 'AUTH_ERR_EMPTY_AUTH_TOKEN', 'The authToken header is missing or empty. Please login to get an auth token.'),
  authTokenNotFound: (authToken: string) =>
    new EmulatorError(
      401,
      'AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
      `The auth token ${authToken} does not exist. Please make sure you are logged in and have a valid auth token or try login again.`,
    ),
  uidNotFound: (uid: string) =>
    new EmulatorError(404, 'ERR_UID_NOT_FOUND', `The UID ${uid} does not exist, please make sure you have created a user with UID ${uid}.`),
  badRequest: (message: string, details: Record<string, unknown> = {}) => new EmulatorError(400, 'ERR_BAD_REQUEST', message, details),
  /** Validation failures, one array of messages per field (protocol doc §3). */
  validationFailed: (details: Record<string, string[]>) => new EmulatorError(400, 'ERR_BAD_REQUEST', 'Failed to validate the data.', details),
  uidAlreadyExists: (uid: string) => new EmulatorError(400, 'ERR_UID_ALREADY_EXISTS', `The UID ${uid} already exists, please use another UID.`),
  /** A REST API token look-up (`users/{uid}/auth_tokens/{authToken}`), unlike the client API's AUTH_ERR_AUTH_TOKEN_NOT_FOUND. */
  userAuthTokenNotFound: (uid: string, authToken: string) =>
    new EmulatorError(404, 'ERR_AUTH_TOKEN_NOT_FOUND', `The auth token ${authToken} does not exist for the UID ${uid}.`),
  guidNotFound: (guid: string) =>
    new EmulatorError(404, 'ERR_GUID_NOT_FOUND', `The GUID ${guid} does not exist, please make sure you have created a group with GUID ${guid}.`),
  guidAlreadyExists: (guid: string) => new EmulatorError(400, 'ERR_GUID_ALREADY_EXISTS', `The GUID ${guid} already exists, please use another GUID.`),
  groupNotJoined: (uid: string, guid: string) =>
    new EmulatorError(
      403,
      'ERR_GROUP_NOT_JOINED',
      `The user with UID ${uid} is not a member of the group with GUID ${guid}. Please join the group first.`,
    ),
  alreadyJoined: (uid: string, guid: string) =>
    new EmulatorError(400, 'ERR_ALREADY_JOINED', `The user with UID ${uid} has already joined the group with GUID ${guid}.`),
  groupJoinNotAllowed: (guid: string) =>
    new EmulatorError(403, 'ERR_GROUP_JOIN_NOT_ALLOWED', `The group with GUID ${guid} is private; only its admins can add members.`),
  wrongGroupPassword: (guid: string) => new EmulatorError(400, 'ERR_WRONG_GROUP_PASS', `The password for the group with GUID ${guid} is wrong.`),
  /** `GET users/{uid}/conversation` (or the group's) before any message was exchanged. */
  conversationNotFound: (conversationId: string) =>
    new EmulatorError(404, 'ERR_CONVERSATION_NOT_ACCESSIBLE', `The conversation ${conversationId} does not exist or is not accessible.`),
  /** A bound of the emulator (e.g. how many groups it holds) was reached. */
  planRestriction: (message: string) => new EmulatorError(403, 'ERR_PLAN_RESTRICTION', message),
  payloadTooLarge: (limitBytes: number) =>
    new EmulatorError(413, 'ERR_BAD_REQUEST', `The request body is larger than ${Math.round(limitBytes / 1024)} kB.`),
  routeNotFound: () => new EmulatorError(404, 'ERR_ROUTE_NOT_FOUND', 'The requested resource does not exist.'),
  methodNotAllowed: (method: string) => new EmulatorError(405, 'ERR_METHOD_NOT_ALLOWED', `The method ${method} is not supported on this resource.`),
  internal: () => new EmulatorError(500, 'ERR_INTERNAL_SERVER_ERROR', 'Something went wrong on the server. Please try again.'),
} as const;
