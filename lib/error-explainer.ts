import { errorCodeEntry } from './cometchat/error-codes';

/** Why an error likely happened and what to do about it, shown under the error itself. */
export interface Explanation {
  cause: string;
  fix: string;
}

/** The cause and fix the error-code registry gives for `code`, or undefined for a code it does not declare. */
export function explainError(code: string): Explanation | undefined {
  const entry = errorCodeEntry(code);
  return entry && { cause: entry.cause, fix: entry.fix };
}
