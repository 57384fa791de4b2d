/**
 * The chat side of the real-time socket (protocol doc §5), in the frames the SDK's `WSConnectionHelper.onMessage`
 * reads: `{appId, receiver, receiverType, deviceId, type, sender, body}`.
 * - `message`: every stored message goes to its receiver's sockets (a group's: every member's but the sender's),
 *   with the message as `body`, so `addMessageListener`'s `onTextMessageReceived` (or the action's listener) fires.
 * - `typing_indicator`: what `startTyping`/`endTyping` send (`body: {action: started|ended, user, metadata}`) is
 *   relayed the same way, with the sender's user as the emulator knows it, for `onTypingStarted`/`onTypingEnded`.
 * - `receipts`: `markAsRead(message)` travels over the socket, not REST; it moves the reader's read mark and
 *   goes on to the other user of a user conversation (`onMessagesRead`).
 * The SDK drops frames whose `deviceId` is its own session's, so messages carry the emulator's own device id.
 */
import type { ChatState } from '../state/chat-state';
import type { EmulatorState } from '../state/emulator-state';
import { groupConversationId } from '../state/groups';
import { userConversationId, type CometChatMessage, type ReceiverType } from '../state/messages';
import { nowInSeconds, type AuthSession } from '../state/tokens';

type Frame = Record<string, unknown>;

/** The `deviceId` of frames the emulator itself sends: never a client's session id. */
const EMULATOR_DEVICE_ID = 'cometchat-emulator';
/** A device id longer than this is not echoed to other users. */
const MAX_DEVICE_ID_LENGTH = 200;
/** `endTyping` given a plain object sends CometChat's old conversation names (`chat`, `groupchat`). */
const RECEIVER_TYPES: Readonly<Record<string, ReceiverType>> = { user: 'user', chat: 'user', group: 'group', groupchat: 'group' };
const TYPING_ACTIONS: readonly unknown[] = ['started', 'ended'];

const isObject = (value: unknown): value is Frame => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where the relay sends: every authenticated socket of one user. */
export type SendToUser = (uid: string, frame: Frame) => void;

export interface ChatRelay {
  /** Handles a frame an authenticated socket sent; frames that are not chat frames, or are malformed, are dropped. */
  onClientFrame(session: AuthSession, frame: Frame): void;
  stop(): void;
}

/** What the relay works with. */
export interface ChatRelayOptions {
  state: EmulatorState;
  chat: ChatState;
  appId: string;
  sendToUser: SendToUser;
}

/** Starts relaying `chat`'s messages to sockets; `onClientFrame` takes typing and receipt frames. */
export function createChatRelay({ state, chat, appId, sendToUser }: ChatRelayOptions): ChatRelay {
  /** Who hears about something `sender` did in a conversation: the other user, or the group's other members. */
  function audienceOf(sender: string, receiverType: ReceiverType, receiver: string): string[] {
    if (receiverType === 'user') return receiver === sender ? [] : [receiver];
    const members = chat.findGroup(receiver)?.members;
    return members?.has(sender) ? [...members.keys()].filter((uid) => uid !== sender) : [];
  }

  function deliver(message: CometChatMessage): void {
    const frame = {
      appId,
      receiver: message.receiver,
      receiverType: message.receiverType,
      deviceId: EMULATOR_DEVICE_ID,
      type: 'message',
      sender: message.sender,
      body: structuredClone(message),
    };
    for (const uid of audienceOf(message.sender, message.receiverType, message.receiver)) sendToUser(uid, frame);
  }

  /** The frame's conversation as the emulator names it, or undefined when it names no known user or group. */
  function targetOf(frame: Frame): { receiverType: ReceiverType; receiver: string } | undefined {
    const receiverType = typeof frame.receiverType === 'string' ? RECEIVER_TYPES[frame.receiverType.toLowerCase()] : undefined;
    if (!receiverType || typeof frame.receiver !== 'string') return undefined;
    const receiver = receiverType === 'user' ? state.findUser(frame.receiver)?.uid : chat.findGroup(frame.receiver)?.group.guid;
    return receiver === undefined ? undefined : { receiverType, receiver };
  }

  function deviceIdOf(frame: Frame): string {
    return typeof frame.deviceId === 'string' && frame.deviceId.length <= MAX_DEVICE_ID_LENGTH ? frame.deviceId : EMULATOR_DEVICE_ID;
  }

  function relayTyping(session: AuthSession, frame: Frame, body: Frame): void {
    const target = targetOf(frame);
    const sender = state.findUser(session.uid);
    if (!target || !sender || !TYPING_ACTIONS.includes(body.action)) return;
    const relayed = {
      appId,
      ...target,
      deviceId: deviceIdOf(frame),
      type: 'typing_indicator',
      sender: sender.uid,
      body: { action: body.action, user: { ...sender }, ...(isObject(body.metadata) ? { metadata: body.metadata } : {}) },
    };
    for (const uid of audienceOf(sender.uid, target.receiverType, target.receiver)) sendToUser(uid, relayed);
  }

  function recordReceipt(session: AuthSession, frame: Frame, body: Frame): void {
    const target = targetOf(frame);
    const reader = state.findUser(session.uid);
    const messageId = Number(body.messageId);
    // Delivery receipts change nothing the emulator keeps.
    if (!target || !reader || body.action !== 'read' || !Number.isSafeInteger(messageId) || messageId < 1) return;
    const conversationId = target.receiverType === 'group' ? groupConversationId(target.receiver) : userConversationId(reader.uid, target.receiver);
    // Ids are counted across conversations: only a message of this conversation may move its read mark.
    if (!chat.messagesOf(conversationId).some((message) => message.id === String(messageId))) return;
    if (target.receiverType === 'group') {
      if (chat.findGroup(target.receiver)?.members.has(reader.uid)) chat.markRead(conversationId, reader.uid, messageId);
      return;
    }
    chat.markRead(conversationId, reader.uid, messageId);
    if (target.receiver === reader.uid) return;
    sendToUser(target.receiver, {
      appId,
      ...target,
      deviceId: deviceIdOf(frame),
      type: 'receipts',
      sender: reader.uid,
      body: { action: 'read', messageId: String(messageId), user: { ...reader }, timestamp: nowInSeconds() },
    });
  }

  const stopListening = chat.onMessage(deliver);
  return {
    onClientFrame(session, frame) {
      if (!isObject(frame.body)) return;
      if (frame.type === 'typing_indicator') relayTyping(session, frame, frame.body);
      else if (frame.type === 'receipts') recordReceipt(session, frame, frame.body);
    },
    stop: stopListening,
  };
}
