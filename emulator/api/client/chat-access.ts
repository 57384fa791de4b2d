/**
 * Who may see what in the chat routes, in one place: the other user of a conversation must exist, a group must
 * exist, and a group's messages and conversation are for its members only (CometChat's ERR_GROUP_NOT_JOINED).
 */
import { apiErrors } from '../errors';
import type { ChatState } from '../../state/chat-state';
import type { EmulatorState } from '../../state/emulator-state';
import type { GroupMember, StoredGroup } from '../../state/groups';
import type { CometChatUser } from '../../state/users';

/** The user a path or body names; ERR_UID_NOT_FOUND otherwise. */
export function requireUser(state: EmulatorState, uid: string): CometChatUser {
  const user = state.findUser(uid);
  if (!user) throw apiErrors.uidNotFound(uid);
  return user;
}

/** The group a path or body names; ERR_GUID_NOT_FOUND otherwise. */
export function requireGroup(chat: ChatState, guid: string): StoredGroup {
  const stored = chat.findGroup(guid);
  if (!stored) throw apiErrors.guidNotFound(guid);
  return stored;
}

/** `uid`'s membership of a group; ERR_GROUP_NOT_JOINED otherwise. */
export function requireMember(stored: StoredGroup, uid: string): GroupMember {
  const member = stored.members.get(uid);
  if (!member) throw apiErrors.groupNotJoined(uid, stored.group.guid);
  return member;
}

/** Whether `uid` may see a group at all: public and password groups are listed to everyone, private ones to members. */
export function canSeeGroup(stored: StoredGroup, uid: string): boolean {
  return stored.group.type !== 'private' || stored.members.has(uid);
}
