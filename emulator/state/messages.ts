/**
 * CometChat's message as it travels (REST replies and the WebSocket's `message` frames alike): the shape the SDK's
 * `MessageController.trasformJSONMessge` reads. It picks the class from `category` and `type`, reads the text from
 * `data.text`, and the sender and receiver objects from `data.entities.{sender,receiver}.entity` (with
 * `entityType` `user` or `group`); every other field is copied onto the message as is.
 */
import type { CometChatUser } from './users';

/** `CometChat.RECEIVER_TYPE`. */
export type ReceiverType = 'user' | 'group';

/** The entity wrapper CometChat uses inside `data.entities` (the SDK's `KEY_ENTITITY`, `KEY_ENTITYTYPE`). */
export interface Entity {
  entity: Record<string, unknown>;
  entityType: 'user' | 'group';
}

/** A message as the emulator stores and sends it. Ids are strings on the wire, numbers in CometChat's order. */
export interface CometChatMessage {
  id: string;
  /** The client's own id for the message (`muid`), echoed so the sender can match its optimistic copy. */
  muid?: string;
  conversationId: string;
  sender: string;
  receiverType: ReceiverType;
  receiver: string;
  category: 'message' | 'action';
  type: string;
  /** Action messages only: `joined`, … (the SDK's `Action.getAction`). */
  action?: string;
  data: Record<string, unknown> & { entities: Record<string, Entity> };
  metadata?: Record<string, unknown>;
  tags?: string[];
  sentAt: number;
  updatedAt: number;
}

/** A message before the store gives it an id. */
export type NewMessage = Omit<CometChatMessage, 'id'>;

/**
 * The conversation id CometChat gives two users' messages: both uids in sorted order around `_user_`, so either side
 * names the same conversation (`cometchat-uid-1_user_cometchat-uid-2`).
 */
export function userConversationId(uid: string, otherUid: string): string {
  const [first, second] = [uid, otherUid].sort();
  return `${first}_user_${second}`;
}

/** The other participant of a user conversation, seen from `uid`. */
export function peerOf(message: Pick<CometChatMessage, 'sender' | 'receiver'>, uid: string): string {
  return message.sender === uid ? message.receiver : message.sender;
}

/** A user as an entity of a message (a copy, so later changes to the user do not rewrite history). */
export function userEntity(user: CometChatUser): Entity {
  return { entity: { ...structuredClone(user) }, entityType: 'user' };
}

/** A group (as `groupViewFor` returns it) as an entity of a message. */
export function groupEntity(group: Record<string, unknown>): Entity {
  return { entity: group, entityType: 'group' };
}
