import { ERROR_CODES } from './error-code-names';

/**
 * CometChat's error shape, as the SDK's `CometChatException` carries it. Errors cross ports and
 * IndexedDB as this plain data; {@link CometChatException} is the throwable form UI code awaits.
 */
export interface CometChatError {
  code: string;
  message: string;
  details: unknown;
}

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
  return { code: ERROR_CODES.ERR_INTERNAL, message: `Unexpected error: ${message}`, details: {} };
}
