/**
 * Request validation for the REST API v3 user endpoints. CometChat runs on Laravel and answers
 * with Laravel's wording, one array of messages per field (protocol doc §3), e.g.
 * `details.uid[0] = "The uid field is required."`; every failing field is reported at once.
 */
import { apiErrors } from '../errors';
import type { NewUserFields, UserChanges } from '../../state/users';

/** Per-field messages, as `error.details` carries them. */
export type ValidationDetails = Record<string, string[]>;

/** CometChat's uid rule (protocol doc §8): letters, digits, `-` and `_`, at most 100 characters. */
export const UID_PATTERN = /^[A-Za-z0-9_-]+$/;
/** The longest uid CometChat accepts (protocol doc §8). */
export const UID_MAX_LENGTH = 100;

/** Collects messages per field; `throwIfFailed` raises them together as one ERR_BAD_REQUEST. */
export function createValidation() {
  const details: ValidationDetails = {};
  return {
    fail(field: string, message: string): void {
      (details[field] ??= []).push(message);
    },
    throwIfFailed(): void {
      if (Object.keys(details).length > 0) throw apiErrors.validationFailed(details);
    },
  };
}

/** A validation in progress (see `createValidation`). */
export type Validation = ReturnType<typeof createValidation>;
type Body = Readonly<Record<string, unknown>>;

/** Absent, null, or a blank string: what Laravel's `required` rejects (it trims input first). */
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function requiredString(validation: Validation, body: Body, field: string): string | undefined {
  const value = body[field];
  if (isBlank(value)) validation.fail(field, `The ${field} field is required.`);
  else if (typeof value !== 'string') validation.fail(field, `The ${field} must be a string.`);
  else return value;
  return undefined;
}

/** Optional fields treat null like absent, so clients that serialise unset fields as null are not refused. */
function optionalString(validation: Validation, body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  validation.fail(field, `The ${field} must be a string.`);
  return undefined;
}

function optionalMetadata(validation: Validation, body: Body): Record<string, unknown> | undefined {
  const value = body.metadata;
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  validation.fail('metadata', 'The metadata must be an object.');
  return undefined;
}

function optionalTags(validation: Validation, body: Body): string[] | undefined {
  const value = body.tags;
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    validation.fail('tags', 'The tags must be an array.');
    return undefined;
  }
  // Laravel names array items `tags.0`, `tags.1`, …
  value.forEach((tag, index) => {
    if (typeof tag !== 'string') validation.fail(`tags.${index}`, `The tags.${index} must be a string.`);
  });
  return value as string[];
}

/** Reads an optional JSON boolean (`withAuthToken`, `force`, `permanent`); absent means false. */
function optionalBoolean(validation: Validation, body: Body, field: string): boolean {
  const value = body[field];
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  validation.fail(field, `The ${field} field must be true or false.`);
  return false;
}

function checkUid(validation: Validation, uid: string | undefined): void {
  if (uid === undefined) return;
  if (!UID_PATTERN.test(uid)) validation.fail('uid', 'The uid may only contain letters, numbers, dashes and underscores.');
  if (uid.length > UID_MAX_LENGTH) validation.fail('uid', `The uid may not be greater than ${UID_MAX_LENGTH} characters.`);
}

/** The changeable fields present in `body`; `name`, when sent, must not be blank. Unknown fields are ignored. */
function readChanges(validation: Validation, body: Body, nameRequired: boolean): UserChanges {
  return {
    name: nameRequired || 'name' in body ? requiredString(validation, body, 'name') : undefined,
    avatar: optionalString(validation, body, 'avatar'),
    link: optionalString(validation, body, 'link'),
    role: optionalString(validation, body, 'role'),
    statusMessage: optionalString(validation, body, 'statusMessage'),
    metadata: optionalMetadata(validation, body),
    tags: optionalTags(validation, body),
  };
}

/** Validates a `POST users` body; throws ERR_BAD_REQUEST with every failing field. */
export function validateNewUser(body: Body): { fields: NewUserFields; withAuthToken: boolean } {
  const validation = createValidation();
  const uid = requiredString(validation, body, 'uid');
  checkUid(validation, uid);
  const changes = readChanges(validation, body, true);
  const withAuthToken = optionalBoolean(validation, body, 'withAuthToken');
  validation.throwIfFailed();
  return { fields: { ...changes, uid: uid!, name: changes.name! }, withAuthToken };
}

/** Validates a `PUT users/{uid}` body; the uid itself cannot change and is ignored like any unknown field. */
export function validateUserChanges(body: Body): UserChanges {
  const validation = createValidation();
  const changes = readChanges(validation, body, false);
  validation.throwIfFailed();
  return changes;
}

/** Reads one optional boolean flag of a body (`permanent` of `DELETE users/{uid}`, `force` of token creation). */
export function validateFlag(body: Body, field: string): boolean {
  const validation = createValidation();
  const value = optionalBoolean(validation, body, field);
  validation.throwIfFailed();
  return value;
}
