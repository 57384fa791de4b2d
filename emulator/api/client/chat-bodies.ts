/**
 * Validation of the request bodies the SDK sends for chat: `POST messages` (a `TextMessage` serialised by
 * `JSON.stringify`: `receiver`, `receiverType`, `category`, `type`, `data.text`, `text`, `data.metadata`, `muid`,
 * `tags`), `POST groups` (a `Group`: `guid`, `name`, `type`, `password`, `icon`, `description`, `metadata`, `tags`) and
 * the join, `POST groups/{guid}/members` (a `Group` with `guid`, a placeholder name, `type` and `password`).
 * Messages follow rest/validation.ts: Laravel's wording, one array per field, every failing field at once.
 * The lengths are the emulator's bounds, not documented CometChat limits.
 */
import { createValidation, UID_MAX_LENGTH, UID_PATTERN, type Validation } from '../rest/validation';
import type { GroupType, NewGroupFields } from '../../state/groups';
import type { ReceiverType } from '../../state/messages';

/** The longest message text the emulator stores. */
export const MAX_TEXT_LENGTH = 10_000;
/** The longest group name, `muid`, icon URL or tag. */
const MAX_SHORT_TEXT = 255;
/** The longest group description. */
const MAX_DESCRIPTION_LENGTH = 1000;
/** The most tags on one message or group. */
const MAX_TAGS = 25;

type Body = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function readString(validation: Validation, field: string, value: unknown, { required = false, max = MAX_SHORT_TEXT } = {}): string | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    if (required) validation.fail(field, `The ${field} field is required.`);
    return undefined;
  }
  if (typeof value !== 'string') validation.fail(field, `The ${field} must be a string.`);
  else if (value.length > max) validation.fail(field, `The ${field} may not be greater than ${max} characters.`);
  else return value;
  return undefined;
}

function readOneOf<T extends string>(validation: Validation, field: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null || value === '') {
    validation.fail(field, `The ${field} field is required.`);
    return undefined;
  }
  const lower = typeof value === 'string' ? value.toLowerCase() : value;
  if (allowed.includes(lower as T)) return lower as T;
  validation.fail(field, `The selected ${field} is invalid.`);
  return undefined;
}

function readMetadata(validation: Validation, field: string, value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (isObject(value)) return value;
  validation.fail(field, `The ${field} must be an object.`);
  return undefined;
}

function readTagList(validation: Validation, value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    validation.fail('tags', 'The tags must be an array.');
    return undefined;
  }
  if (value.length > MAX_TAGS) validation.fail('tags', `The tags may not have more than ${MAX_TAGS} items.`);
  value.forEach((tag, index) => readString(validation, `tags.${index}`, tag ?? '', { required: true }));
  return value as string[];
}

/** A uid or guid in a body: CometChat's uid rule (letters, digits, `-`, `_`, at most 100 characters). */
function readId(validation: Validation, field: string, value: unknown): string | undefined {
  const id = readString(validation, field, value, { required: true, max: UID_MAX_LENGTH });
  if (id !== undefined && !UID_PATTERN.test(id)) validation.fail(field, `The ${field} may only contain letters, numbers, dashes and underscores.`);
  return id;
}

/** A text message to send. */
export interface NewTextMessage {
  receiver: string;
  receiverType: ReceiverType;
  text: string;
  metadata?: Record<string, unknown>;
  muid?: string;
  tags?: string[];
}

/** Validates a `POST messages` body; only text messages (`category` `message`, `type` `text`) are stored. */
export function validateNewTextMessage(body: Body): NewTextMessage {
  const validation = createValidation();
  const receiver = readString(validation, 'receiver', body.receiver, { required: true, max: UID_MAX_LENGTH });
  const receiverType = readOneOf<ReceiverType>(validation, 'receiverType', body.receiverType, ['user', 'group']);
  if (body.category !== undefined && body.category !== 'message')
    validation.fail('category', 'The emulator stores messages of the category "message" only.');
  if (body.type !== undefined && body.type !== 'text') validation.fail('type', 'The emulator stores messages of the type "text" only.');
  const data = isObject(body.data) ? body.data : {};
  if (body.data !== undefined && body.data !== null && !isObject(body.data)) validation.fail('data', 'The data must be an object.');
  const text = readString(validation, 'data.text', data.text ?? body.text, { required: true, max: MAX_TEXT_LENGTH });
  const metadata = readMetadata(validation, 'data.metadata', data.metadata ?? body.metadata);
  const muid = readString(validation, 'muid', body.muid);
  const tags = readTagList(validation, body.tags);
  validation.throwIfFailed();
  return { receiver: receiver!, receiverType: receiverType!, text: text!, metadata, muid, tags };
}

/** Validates a `POST groups` body; a password group needs its password. Unknown fields (`hasJoined`, …) are ignored. */
export function validateNewGroup(body: Body): NewGroupFields {
  const validation = createValidation();
  const guid = readId(validation, 'guid', body.guid);
  const name = readString(validation, 'name', body.name, { required: true });
  const type = body.type === undefined ? 'public' : readOneOf<GroupType>(validation, 'type', body.type, ['public', 'password', 'private']);
  const password = readString(validation, 'password', body.password, { required: type === 'password' });
  const fields: NewGroupFields = {
    guid: guid!,
    name: name!,
    type: type!,
    password: type === 'password' ? password : undefined,
    description: readString(validation, 'description', body.description, { max: MAX_DESCRIPTION_LENGTH }),
    icon: readString(validation, 'icon', body.icon),
    metadata: readMetadata(validation, 'metadata', body.metadata),
    tags: readTagList(validation, body.tags),
  };
  validation.throwIfFailed();
  return fields;
}

/** Validates a join's body: only the password counts (the group's type is the server's, whatever the client says). */
export function validateJoin(body: Body): { password?: string } {
  const validation = createValidation();
  const password = readString(validation, 'password', body.password);
  validation.throwIfFailed();
  return { password };
}
