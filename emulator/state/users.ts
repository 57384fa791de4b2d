/**
 * The five sample users every new CometChat app is created with (protocol doc §9), so an
 * extension pointed at the emulator sees the same uids and names it would see on a fresh app. The uids, names
 * and avatars are the extension's own `TEST_USERS`, so the popup's test-user tiles and the emulator cannot drift.
 */
import { TEST_USERS } from '../../lib/test-users';

/** CometChat's User object, as the REST API and `GET /me` return it (protocol doc §8). */
export interface CometChatUser {
  uid: string;
  name: string;
  avatar: string;
  link: string;
  role: string;
  metadata: Record<string, unknown>;
  status: 'online' | 'offline';
  statusMessage: string;
  lastActiveAt: number;
  tags: string[];
  hasBlockedMe: boolean;
  blockedByMe: boolean;
  deactivatedAt: number;
  createdAt: number;
  updatedAt: number;
}

/** A fixed creation time, so snapshots and assertions do not depend on when the emulator started. */
const SEEDED_AT = 1630306819;

/** The fields `PUT users/{uid}` may change (REST API v3); everything else is the server's. */
export interface UserChanges {
  name?: string;
  avatar?: string;
  link?: string;
  role?: string;
  statusMessage?: string;
  metadata?: Record<string, unknown>;
  tags?: string[];
}

/** What `POST users` creates a user from: a uid and a name, plus any of the changeable fields. */
export interface NewUserFields extends UserChanges {
  uid: string;
  name: string;
}

/** A new user as CometChat returns it: offline, never active (`lastActiveAt` 0), role `default` unless given. */
export function buildUser(fields: NewUserFields, now: number): CometChatUser {
  const user: CometChatUser = {
    uid: fields.uid,
    name: fields.name,
    avatar: '',
    link: '',
    role: 'default',
    metadata: {},
    status: 'offline',
    statusMessage: '',
    lastActiveAt: 0,
    tags: [],
    hasBlockedMe: false,
    blockedByMe: false,
    deactivatedAt: 0,
    createdAt: now,
    updatedAt: now,
  };
  applyUserChanges(user, fields, now);
  return user;
}

const STRING_FIELDS = ['name', 'avatar', 'link', 'role', 'statusMessage'] as const;

/** Copies the given fields onto `user` (deep copies, so the request body is never aliased) and stamps `updatedAt`. */
export function applyUserChanges(user: CometChatUser, changes: UserChanges, now: number): void {
  for (const field of STRING_FIELDS) {
    const value = changes[field];
    if (value !== undefined) user[field] = value;
  }
  if (changes.metadata !== undefined) user.metadata = structuredClone(changes.metadata);
  if (changes.tags !== undefined) user.tags = [...changes.tags];
  user.updatedAt = now;
}

/** Whether the user was deleted without `permanent`: kept (uid reserved) but invisible to every look-up. */
export function isDeactivated(user: CometChatUser): boolean {
  return user.deactivatedAt > 0;
}

/** Fresh copies of the sample users; each emulator mutates its own (status, lastActiveAt). */
export function createSeededUsers(): CometChatUser[] {
  return TEST_USERS.map(({ uid, name, avatar }) => ({
    ...buildUser({ uid, name, avatar }, SEEDED_AT),
    lastActiveAt: SEEDED_AT,
  }));
}
