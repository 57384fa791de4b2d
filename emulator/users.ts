/**
 * The five sample users every new CometChat app is created with (protocol doc §9), so an
 * extension pointed at the emulator sees the same uids and names it would see on a fresh app.
 */

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
export const SEEDED_AT = 1630306819;

const SAMPLE_USERS: ReadonlyArray<readonly [uid: string, name: string]> = [
  ['cometchat-uid-1', 'Andrew Joseph'],
  ['cometchat-uid-2', 'George Alan'],
  ['cometchat-uid-3', 'Nancy Grace'],
  ['cometchat-uid-4', 'Susan Marie'],
  ['cometchat-uid-5', 'John Paul'],
];

/** Fresh copies of the sample users; each emulator mutates its own (status, lastActiveAt). */
export function createSeededUsers(): CometChatUser[] {
  return SAMPLE_USERS.map(([uid, name]) => ({
    uid,
    name,
    avatar: `https://assets.cometchat.io/sampleapp/v2/users/${uid}.webp`,
    link: '',
    role: 'default',
    metadata: {},
    status: 'offline',
    statusMessage: '',
    lastActiveAt: SEEDED_AT,
    tags: [],
    hasBlockedMe: false,
    blockedByMe: false,
    deactivatedAt: 0,
    createdAt: SEEDED_AT,
    updatedAt: SEEDED_AT,
  }));
}
