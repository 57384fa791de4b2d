/** Where a failed `createUser` belongs in the create form: by the field it names, in a sentence. */
import { ERROR_CODES } from './cometchat/error-code-names';
import type { CometChatError } from './cometchat/exception';
import type { NewUserInput } from './protocol';

export type NewUserFieldErrors = Partial<Record<keyof NewUserInput, string>>;

const FIELDS: readonly (keyof NewUserInput)[] = ['uid', 'name', 'avatar', 'role'];

/** The label `requireParameter` (client.ts) names a missing field by, for each field of the form. */
const PARAMETER_LABELS: Readonly<Record<string, keyof NewUserInput>> = { UID: 'uid', Name: 'name' };

/**
 * The messages of a failed `createUser`, keyed by the form's field they are about, or null when the error names no
 * field (a network failure, a missing Auth Key): then the view shows the error itself. Three shapes reach the form:
 * CometChat's validation (`ERR_BAD_REQUEST`, details `{uid: ["…"]}`), a uid taken (`ERR_UID_ALREADY_EXISTS`), and
 * the client's own check of an empty field (`MISSING_PARAMETERS`, details `{parameter: "Name"}`). Each becomes one
 * sentence by its field, so the tester reads it once, where they type, and never as JSON.
 */
export function newUserFieldErrors(error: CometChatError | null): NewUserFieldErrors | null {
  if (!error) return null;
  const details = typeof error.details === 'object' && error.details !== null ? (error.details as Record<string, unknown>) : {};
  if (error.code === ERROR_CODES.ERR_UID_ALREADY_EXISTS) return { uid: error.message };
  if (error.code === ERROR_CODES.MISSING_PARAMETERS) {
    const field = typeof details.parameter === 'string' ? PARAMETER_LABELS[details.parameter] : undefined;
    return field ? { [field]: error.message } : null;
  }
  const found: NewUserFieldErrors = {};
  for (const field of FIELDS) {
    const messages = details[field];
    const texts = (Array.isArray(messages) ? messages : [messages]).filter((text): text is string => typeof text === 'string' && text !== '');
    if (texts.length > 0) found[field] = texts.join(' ');
  }
  return Object.keys(found).length > 0 ? found : null;
}
