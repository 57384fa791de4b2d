/**
 * What is wrong with a new user, by the field it is about: the extension's own check (before CometChat is asked), and
 * where a failed `createUser` belongs in the create form.
 */
import { ERROR_CODES } from './cometchat/error-code-names';
import type { CometChatError } from './cometchat/exception';
import { NEW_USER_LIMITS, type NewUserInput } from './protocol';
import type { MessageKey, Words } from './words';

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

/** What the extension's own check finds wrong with one field of a new user. */
export type NewUserProblem = 'required' | 'uidCharacters' | 'tooLong' | 'notHttpUrl';

export type NewUserProblems = Partial<Record<keyof NewUserInput, NewUserProblem[]>>;

/** CometChat's uid rule (protocol doc §8); its length is NEW_USER_LIMITS.uid. */
const UID_CHARACTERS = /^[A-Za-z0-9_-]+$/;

/**
 * What is wrong with `user` by CometChat's rules and NEW_USER_LIMITS, by field, or null when nothing is: the create
 * form checks before it sends, and the background again before it asks CometChat (a view's port can send anything).
 */
export function newUserProblems(user: NewUserInput): NewUserProblems | null {
  const problems: NewUserProblems = {};
  const fail = (field: keyof NewUserInput, problem: NewUserProblem) => (problems[field] ??= []).push(problem);
  if (user.uid.trim() === '') fail('uid', 'required');
  else if (!UID_CHARACTERS.test(user.uid)) fail('uid', 'uidCharacters');
  if (user.name.trim() === '') fail('name', 'required');
  for (const [field, limit] of Object.entries(NEW_USER_LIMITS) as [keyof NewUserInput, number][]) {
    if ((user[field]?.length ?? 0) > limit) fail(field, 'tooLong');
  }
  if (user.avatar !== undefined && !problems.avatar && !isHttpUrl(user.avatar)) fail('avatar', 'notHttpUrl');
  return Object.keys(problems).length > 0 ? problems : null;
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The message of each problem a field can have (`newUserProblems` finds no other). */
const PROBLEM_MESSAGES: { readonly [Field in keyof NewUserInput]-?: Partial<Record<NewUserProblem, MessageKey>> } = {
  uid: { required: 'newUserUidRequired', uidCharacters: 'newUserUidCharacters', tooLong: 'newUserUidTooLong' },
  name: { required: 'newUserNameRequired', tooLong: 'newUserNameTooLong' },
  avatar: { tooLong: 'newUserAvatarTooLong', notHttpUrl: 'newUserAvatarNotHttpUrl' },
  role: { tooLong: 'newUserRoleTooLong' },
};

/** The problems as sentences by their field, in `words`, as the form shows them (`newUserFieldErrors`' shape). */
export function newUserProblemText(problems: NewUserProblems, words: Words): NewUserFieldErrors {
  const text: NewUserFieldErrors = {};
  for (const field of FIELDS) {
    const sentences = (problems[field] ?? []).flatMap((problem) => {
      const key = PROBLEM_MESSAGES[field][problem];
      return key ? [words(key, String(NEW_USER_LIMITS[field]))] : [];
    });
    if (sentences.length > 0) text[field] = sentences.join(' ');
  }
  return text;
}
