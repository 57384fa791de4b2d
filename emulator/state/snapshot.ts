/**
 * The emulator's state as plain JSON (what `--data FILE` holds), and the check a loaded file must
 * pass. The check is strict and names the offending entry, because a hand-edited data file that
 * half-loads would hand out tokens for users that are not there.
 */
import type { AuthSession } from './tokens';
import type { CometChatUser } from './users';

/** Bumped whenever the shape changes; a file with another version is refused, not guessed at. */
export const SNAPSHOT_VERSION = 1;

/** Everything an emulator needs to come back with the same users and still-valid tokens. */
export interface SerializedState {
  version: typeof SNAPSHOT_VERSION;
  /** Tokens, jwts and wsChannel identities are minted for one app; another App ID must not reuse them. */
  appId: string;
  /** Signs jwts; kept so jwts issued before a restart still verify the same way. */
  signingSecret: string;
  /** Every user, including ones deleted without `permanent` (`deactivatedAt` > 0). */
  users: CometChatUser[];
  /** Live tokens, oldest first (the per-user cap drops from the front). */
  authTokens: AuthSession[];
}

type Check = (value: unknown) => boolean;

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const isBoolean: Check = (value) => typeof value === 'boolean';
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const USER_FIELDS: Readonly<Record<keyof CometChatUser, Check>> = {
  // Look-ups lower-case the uid they are given, so an upper-case uid here could never be found.
  uid: (value) => isString(value) && value !== '' && value === value.toLowerCase(),
  name: isString,
  avatar: isString,
  link: isString,
  role: isString,
  metadata: isObject,
  status: (value) => value === 'online' || value === 'offline',
  statusMessage: isString,
  lastActiveAt: isNumber,
  tags: (value) => Array.isArray(value) && value.every(isString),
  hasBlockedMe: isBoolean,
  blockedByMe: isBoolean,
  deactivatedAt: isNumber,
  createdAt: isNumber,
  updatedAt: isNumber,
};

const TOKEN_FIELDS: Readonly<Record<keyof AuthSession, Check>> = {
  authToken: (value) => isString(value) && value !== '',
  uid: isString,
  createdAt: isNumber,
  jwt: isString,
  wsChannel: (value) => isObject(value) && ['identity', 'secret', 'service'].every((key) => isString(value[key])),
};

function checkEntries(list: unknown, name: string, fields: Readonly<Record<string, Check>>): void {
  if (!Array.isArray(list)) throw new Error(`"${name}" must be an array.`);
  list.forEach((entry, index) => {
    if (!isObject(entry)) throw new Error(`${name}[${index}] must be an object.`);
    for (const [field, check] of Object.entries(fields)) {
      if (!check(entry[field])) throw new Error(`${name}[${index}].${field} is missing or has the wrong type.`);
    }
  });
}

/** Returns `value` as a snapshot, or throws an Error saying what is wrong with it. */
export function parseSerializedState(value: unknown): SerializedState {
  if (!isObject(value)) throw new Error('The top level must be a JSON object.');
  if (value.version !== SNAPSHOT_VERSION) {
    throw new Error(`Unsupported version ${JSON.stringify(value.version)}; this emulator reads version ${SNAPSHOT_VERSION}.`);
  }
  if (!isString(value.appId) || value.appId === '') throw new Error('"appId" must be a non-empty string.');
  if (!isString(value.signingSecret) || value.signingSecret === '') throw new Error('"signingSecret" must be a non-empty string.');
  checkEntries(value.users, 'users', USER_FIELDS);
  checkEntries(value.authTokens, 'authTokens', TOKEN_FIELDS);
  const users = value.users as CometChatUser[];
  const uids = new Set<string>();
  for (const { uid } of users) {
    if (uids.has(uid)) throw new Error(`The uid "${uid}" appears twice in "users".`);
    uids.add(uid);
  }
  const liveUids = new Set(users.filter((user) => user.deactivatedAt === 0).map((user) => user.uid));
  (value.authTokens as AuthSession[]).forEach((session, index) => {
    if (!liveUids.has(session.uid)) throw new Error(`authTokens[${index}] belongs to "${session.uid}", who is not a live user.`);
  });
  return value as unknown as SerializedState;
}
