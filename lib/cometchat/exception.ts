/**
 * CometChat's error shape, as the SDK's `CometChatException` carries it. Errors cross ports and
 * IndexedDB as this plain data; {@link CometChatException} is the throwable form UI code awaits.
 */
export interface CometChatError {
  code: string;
  message: string;
  details: unknown;
}

/** Error codes the extension raises itself (server codes pass through unchanged). */
export const CLIENT_ERROR_CODES = {
  MISSING_PARAMETERS: 'MISSING_PARAMETERS',
  INVALID_UID: 'ERR_INVALID_UID',
  INVALID_AUTH_TOKEN: 'ERR_INVALID_AUTH_TOKEN',
  FAILED_TO_FETCH: 'FAILED_TO_FETCH',
  NOT_LOGGED_IN: 'ERR_NOT_LOGGED_IN',
  APP_NOT_CONFIGURED: 'ERR_APP_NOT_CONFIGURED',
  SESSION_NOT_HELD: 'ERR_SESSION_NOT_HELD',
  INVALID_PROFILE: 'ERR_INVALID_PROFILE',
  PROFILE_NOT_FOUND: 'ERR_PROFILE_NOT_FOUND',
  INVALID_IMPORT: 'ERR_INVALID_IMPORT',
  BACKGROUND_RESTARTED: 'ERR_BACKGROUND_RESTARTED',
  UNHANDLED_REQUEST: 'ERR_UNHANDLED_REQUEST',
  INTERNAL: 'ERR_INTERNAL',
  STORAGE_UNAVAILABLE: 'ERR_STORAGE_UNAVAILABLE',
} as const;

export class CometChatException extends Error implements CometChatError {
  readonly code: string;
  readonly details: unknown;

  constructor({ code, message, details }: CometChatError) {
    super(message);
    this.name = 'CometChatException';
    this.code = code;
    this.details = details ?? {};
  }

  toJSON(): CometChatError {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** True for anything shaped like a CometChat error (a plain object from a port counts). */
export function isCometChatError(value: unknown): value is CometChatError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

/** Turns anything thrown into CometChat's error data, so every failure reaches views in one shape. */
export function toCometChatError(error: unknown): CometChatError {
  if (isCometChatError(error)) {
    return { code: error.code, message: error.message, details: error.details ?? {} };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: CLIENT_ERROR_CODES.INTERNAL, message: `Unexpected error: ${message}`, details: {} };
}
