/**
 * CometChat's Group as the emulator stores it, and the fields the SDK's `Group` class reads back
 * (`guid, name, type, password, icon, description, owner, metadata, createdAt, updatedAt, hasJoined, scope,
 * joinedAt, membersCount, tags`: the SDK's `GroupConstants.KEYS` and `CometChat.d.ts`).
 */

/** `CometChat.GROUP_TYPE`: anyone may join a public group, a password group with its password, a private one not at all. */
export type GroupType = 'public' | 'password' | 'private';

/** `CometChat.GROUP_MEMBER_SCOPE`; the creator is the group's admin and owner. */
export type MemberScope = 'admin' | 'moderator' | 'participant';

/** A group's own fields, the same for every user. */
export interface CometChatGroup {
  guid: string;
  name: string;
  type: GroupType;
  description: string;
  icon: string;
  owner: string;
  metadata: Record<string, unknown>;
  tags: string[];
  createdAt: number;
  updatedAt: number;
}

/** One member of a group, as `GET groups/{guid}/members` adds it to the user's own fields. */
export interface GroupMember {
  uid: string;
  scope: MemberScope;
  joinedAt: number;
}

/** What `POST groups` creates a group from. */
export interface NewGroupFields {
  guid: string;
  name: string;
  type: GroupType;
  password?: string;
  description?: string;
  icon?: string;
  metadata?: Record<string, unknown>;
  tags?: string[];
}

/** A group as the emulator holds it: the shared fields, the password (never sent back) and the members by uid. */
export interface StoredGroup {
  group: CometChatGroup;
  password: string;
  /** In join order; CometChat lists members in the order they joined. */
  members: Map<string, GroupMember>;
}

/** The conversation id CometChat gives a group's messages (`group_{guid}`). */
export function groupConversationId(guid: string): string {
  return `group_${guid}`;
}

/** A new group owned by `owner`, who is its only member, with the admin scope. */
export function buildGroup(fields: NewGroupFields, owner: string, now: number): StoredGroup {
  const group: CometChatGroup = {
    guid: fields.guid,
    name: fields.name,
    type: fields.type,
    description: fields.description ?? '',
    icon: fields.icon ?? '',
    owner,
    metadata: structuredClone(fields.metadata ?? {}),
    tags: [...(fields.tags ?? [])],
    createdAt: now,
    updatedAt: now,
  };
  return { group, password: fields.password ?? '', members: new Map([[owner, { uid: owner, scope: 'admin', joinedAt: now }]]) };
}

/**
 * The group as `uid` sees it: CometChat adds `membersCount`, `conversationId`, and whether `uid` joined
 * (with its scope and join time when it did). The password is never part of it.
 */
export function groupViewFor(stored: StoredGroup, uid: string): Record<string, unknown> {
  const member = stored.members.get(uid);
  return {
    ...structuredClone(stored.group),
    membersCount: stored.members.size,
    conversationId: groupConversationId(stored.group.guid),
    hasJoined: member !== undefined,
    ...(member ? { scope: member.scope, joinedAt: member.joinedAt } : {}),
  };
}
