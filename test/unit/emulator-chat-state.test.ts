/** The emulator's chat store: its bounds, and read marks that only move forward. */
import { describe, expect, it } from 'vitest';
import { createChatState, MAX_CONVERSATIONS, MAX_GROUPS, MAX_MESSAGES_PER_CONVERSATION } from '@/emulator/state/chat-state';
import type { NewMessage } from '@/emulator/state/messages';

const message = (conversationId: string, sender = 'a', receiver = 'b'): NewMessage => ({
  conversationId,
  sender,
  receiverType: 'user',
  receiver,
  category: 'message',
  type: 'text',
  data: { text: 'x', entities: {} },
  sentAt: 1,
  updatedAt: 1,
});

describe('chat state', () => {
  it(`should keep the newest ${MAX_MESSAGES_PER_CONVERSATION} messages of a conversation`, () => {
    const chat = createChatState();

    for (let index = 0; index < MAX_MESSAGES_PER_CONVERSATION + 5; index += 1) chat.appendMessage(message('a_user_b'));

    const kept = chat.messagesOf('a_user_b');
    expect(kept).toHaveLength(MAX_MESSAGES_PER_CONVERSATION);
    expect(kept[0]!.id).toBe('6');
  });

  it(`should forget the quietest conversation past ${MAX_CONVERSATIONS}`, () => {
    const chat = createChatState();
    chat.appendMessage(message('first'));
    chat.appendMessage(message('second'));
    for (let index = 0; index < MAX_CONVERSATIONS - 2; index += 1) chat.appendMessage(message(`c${index}`));
    chat.appendMessage(message('first'));

    chat.appendMessage(message('one-too-many'));

    expect(chat.conversationIds()).toHaveLength(MAX_CONVERSATIONS);
    expect(chat.messagesOf('second')).toEqual([]);
    expect(chat.messagesOf('first')).toHaveLength(2);
  });

  it(`should refuse a group past ${MAX_GROUPS}`, () => {
    const chat = createChatState();
    for (let index = 0; index < MAX_GROUPS; index += 1) chat.createGroup({ guid: `g${index}`, name: 'G', type: 'public' }, 'a');

    expect(() => chat.createGroup({ guid: 'one-more', name: 'G', type: 'public' }, 'a')).toThrow(/at most/);
  });

  it('should move a read mark forward only, and never past the latest message', () => {
    const chat = createChatState();
    const ids = [1, 2, 3].map(() => Number(chat.appendMessage(message('a_user_b')).id));

    chat.markRead('a_user_b', 'b', ids[1]);
    chat.markRead('a_user_b', 'b', ids[0]);
    expect(chat.lastReadBy('a_user_b', 'b')).toBe(ids[1]);

    chat.markRead('a_user_b', 'b', 999);
    expect(chat.lastReadBy('a_user_b', 'b')).toBe(ids[2]);
  });
});
