/**
 * The emulator's chat: groups with their members, messages per conversation, and how far each user has read.
 * It lives in memory only and starts empty on every run (`--data` keeps users and tokens, not chat): chat is
 * scratch data for trying a UI, and an unbounded history is not something a data file should grow by.
 * Every list is bounded (see the MAX_ constants), so no client can make the process grow without limit.
 */
import { nowInSeconds } from './tokens';
import { buildGroup, type GroupMember, type MemberScope, type NewGroupFields, type StoredGroup } from './groups';
import type { CometChatMessage, NewMessage } from './messages';

/** Messages kept per conversation; older ones are dropped, as a chat's scroll-back would end. */
export const MAX_MESSAGES_PER_CONVERSATION = 1000;
/** Conversations kept in all; the one quiet the longest is forgotten (with its read marks) when a new one starts. */
export const MAX_CONVERSATIONS = 2000;
/** Groups one emulator holds; creating more is refused. */
export const MAX_GROUPS = 1000;

/** One conversation's messages, oldest first, and the id of the last message each user has read. */
interface Conversation {
  messages: CometChatMessage[];
  lastReadBy: Map<string, number>;
}

/** Groups, messages and read marks of one emulator. */
export interface ChatState {
  /** Creates a group owned by (and joined by) `owner`; undefined when the guid is taken. Throws past MAX_GROUPS. */
  createGroup(fields: NewGroupFields, owner: string): StoredGroup | undefined;
  /** The group with this guid (matched lower-cased, as CometChat stores guids), or undefined. */
  findGroup(guid: string): StoredGroup | undefined;
  /** Every group, in creation order. */
  listGroups(): StoredGroup[];
  /** Adds `uid` to a group and returns the membership; the caller checks the group's rules first. */
  addMember(guid: string, uid: string, scope: MemberScope): GroupMember;
  /** Stores a message, giving it the next id, and tells every `onMessage` listener; returns it. */
  appendMessage(message: NewMessage): CometChatMessage;
  /** A conversation's messages, oldest first; empty for one without messages. */
  messagesOf(conversationId: string): readonly CometChatMessage[];
  /** The ids of every conversation with at least one message, the most recently active first. */
  conversationIds(): string[];
  /** The id of the last message `uid` has read in a conversation, 0 when none. */
  lastReadBy(conversationId: string, uid: string): number;
  /** Records that `uid` has read up to `messageId` (the latest message when absent); read marks never move back. */
  markRead(conversationId: string, uid: string, messageId?: number): void;
  /** Calls `listener` for every stored message, after it is stored; returns the unsubscribe. */
  onMessage(listener: (message: CometChatMessage) => void): () => void;
}

/** Creates an empty chat. */
export function createChatState(): ChatState {
  const groups = new Map<string, StoredGroup>();
  // Insertion order is activity order: a conversation that gets a message moves to the end.
  const conversations = new Map<string, Conversation>();
  const listeners = new Set<(message: CometChatMessage) => void>();
  let lastId = 0;

  function conversationFor(conversationId: string): Conversation {
    const existing = conversations.get(conversationId);
    conversations.delete(conversationId);
    const conversation = existing ?? { messages: [], lastReadBy: new Map<string, number>() };
    conversations.set(conversationId, conversation);
    if (conversations.size > MAX_CONVERSATIONS) conversations.delete(conversations.keys().next().value!);
    return conversation;
  }

  return {
    createGroup(fields, owner) {
      const guid = fields.guid.toLowerCase();
      if (groups.has(guid)) return undefined;
      if (groups.size >= MAX_GROUPS) throw new Error(`The emulator holds at most ${MAX_GROUPS} groups.`);
      const stored = buildGroup({ ...fields, guid }, owner, nowInSeconds());
      groups.set(guid, stored);
      return stored;
    },
    findGroup(guid) {
      return groups.get(guid.toLowerCase());
    },
    listGroups() {
      return [...groups.values()];
    },
    addMember(guid, uid, scope) {
      const stored = groups.get(guid.toLowerCase());
      if (!stored) throw new Error(`The emulator has no group with GUID ${guid}.`);
      const member = { uid, scope, joinedAt: nowInSeconds() };
      stored.members.set(uid, member);
      return member;
    },
    appendMessage(fields) {
      lastId += 1;
      const message: CometChatMessage = { id: String(lastId), ...fields };
      const conversation = conversationFor(message.conversationId);
      conversation.messages.push(message);
      if (conversation.messages.length > MAX_MESSAGES_PER_CONVERSATION) conversation.messages.shift();
      listeners.forEach((listener) => listener(message));
      return message;
    },
    messagesOf(conversationId) {
      return conversations.get(conversationId)?.messages ?? [];
    },
    conversationIds() {
      return [...conversations.keys()].reverse();
    },
    lastReadBy(conversationId, uid) {
      return conversations.get(conversationId)?.lastReadBy.get(uid) ?? 0;
    },
    markRead(conversationId, uid, messageId) {
      const conversation = conversations.get(conversationId);
      const latest = Number(conversation?.messages.at(-1)?.id ?? 0);
      if (!conversation || latest === 0) return;
      const upTo = Math.min(messageId ?? latest, latest);
      if (upTo > (conversation.lastReadBy.get(uid) ?? 0)) conversation.lastReadBy.set(uid, upTo);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
