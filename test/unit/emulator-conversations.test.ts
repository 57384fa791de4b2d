/**
 * The emulator's conversations, as the official SDK's `ConversationsRequest`, `getConversation` and
 * `markConversationAsRead` use them: a conversation exists once it has a message and carries its last message,
 * the other side (`conversationWith`) and the reader's unread count.
 */
import { describe, expect, it } from 'vitest';
import { callAsClient, chat, serveApisForEachTest, state } from './support/rest-api';

serveApisForEachTest();

const tokenOf = (uid: string) => state.issueAuthToken(uid).authToken;

async function send(from: string, receiver: string, text: string, receiverType = 'user') {
  const reply = await callAsClient('POST', '/messages', tokenOf(from), { receiver, receiverType, category: 'message', type: 'text', data: { text } });
  expect(reply.status).toBe(200);
  return reply.body.data as { id: string };
}

const listAs = (uid: string, query = 'per_page=30&page=1') => callAsClient('GET', `/conversations?${query}`, tokenOf(uid));
const idsOf = (reply: { body: { data: Array<{ conversationId: string }> } }) => reply.body.data.map((conversation) => conversation.conversationId);

describe('GET conversations', () => {
  it("should list the reader's conversations, most recent first, with what the SDK's Conversation reads", async () => {
    chat.createGroup({ guid: 'team', name: 'Team', type: 'public' }, 'cometchat-uid-1');
    await send('cometchat-uid-2', 'cometchat-uid-1', 'first');
    await send('cometchat-uid-1', 'team', 'to the team', 'group');
    const last = await send('cometchat-uid-3', 'cometchat-uid-1', 'from Nancy');

    const reply = await listAs('cometchat-uid-1');

    expect(idsOf(reply)).toEqual(['cometchat-uid-1_user_cometchat-uid-3', 'group_team', 'cometchat-uid-1_user_cometchat-uid-2']);
    expect(reply.body.data[0]).toEqual({
      conversationId: 'cometchat-uid-1_user_cometchat-uid-3',
      conversationType: 'user',
      conversationWith: expect.objectContaining({ uid: 'cometchat-uid-3', name: 'Nancy Grace' }),
      lastMessage: expect.objectContaining({ id: last.id, data: expect.objectContaining({ text: 'from Nancy' }) }),
      unreadMessageCount: 1,
      unreadMentionsCount: 0,
      lastReadMessageId: '',
      latestMessageId: last.id,
      updatedAt: expect.any(Number),
      tags: [],
    });
    expect(reply.body.data[1]).toMatchObject({
      conversationType: 'group',
      conversationWith: { guid: 'team', hasJoined: true },
      unreadMessageCount: 0,
    });
    expect(reply.body.meta.pagination).toEqual({ total: 3, count: 3, per_page: 30, current_page: 1, total_pages: 1 });
  });

  it("should not show a conversation to someone outside it, nor a group's to a non-member", async () => {
    chat.createGroup({ guid: 'team', name: 'Team', type: 'public' }, 'cometchat-uid-1');
    await send('cometchat-uid-1', 'cometchat-uid-2', 'private');
    await send('cometchat-uid-1', 'team', 'members only', 'group');

    expect(idsOf(await listAs('cometchat-uid-4'))).toEqual([]);
  });

  it.each<[string, string[]]>([
    ['conversationType=user', ['cometchat-uid-1_user_cometchat-uid-2']],
    ['conversationType=group', ['group_team']],
    ['searchKey=george', ['cometchat-uid-1_user_cometchat-uid-2']],
    ['unread=true', ['cometchat-uid-1_user_cometchat-uid-2']],
  ])('should filter with %s', async (filter, ids) => {
    chat.createGroup({ guid: 'team', name: 'Team', type: 'public' }, 'cometchat-uid-1');
    await send('cometchat-uid-1', 'team', 'mine', 'group');
    await send('cometchat-uid-2', 'cometchat-uid-1', 'unread');

    expect(idsOf(await listAs('cometchat-uid-1', `per_page=30&${filter}&page=1`))).toEqual(ids);
  });

  it('should page with per_page and page', async () => {
    for (const uid of ['cometchat-uid-2', 'cometchat-uid-3', 'cometchat-uid-4']) await send(uid, 'cometchat-uid-1', 'hi');

    const second = await listAs('cometchat-uid-1', 'per_page=2&page=2');

    expect(idsOf(second)).toEqual(['cometchat-uid-1_user_cometchat-uid-2']);
    expect(second.body.meta.pagination).toMatchObject({ total: 3, total_pages: 2, current_page: 2 });
  });

  it.each(['per_page=51', 'page=0', 'conversationType=channel', 'unread=perhaps'])('should refuse %s with ERR_BAD_REQUEST', async (query) => {
    const reply = await listAs('cometchat-uid-1', query);

    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('ERR_BAD_REQUEST');
  });
});

describe('GET users/{uid}/conversation and groups/{guid}/conversation', () => {
  it('should answer one conversation from either side', async () => {
    const sent = await send('cometchat-uid-1', 'cometchat-uid-2', 'hello');

    const mine = await callAsClient('GET', '/users/cometchat-uid-2/conversation', tokenOf('cometchat-uid-1'));
    const theirs = await callAsClient('GET', '/users/cometchat-uid-1/conversation', tokenOf('cometchat-uid-2'));

    expect(mine.body.data).toMatchObject({ conversationWith: { uid: 'cometchat-uid-2' }, unreadMessageCount: 0, latestMessageId: sent.id });
    expect(theirs.body.data).toMatchObject({ conversationWith: { uid: 'cometchat-uid-1' }, unreadMessageCount: 1 });
  });

  it('should answer a conversation without messages with ERR_CONVERSATION_NOT_ACCESSIBLE', async () => {
    const reply = await callAsClient('GET', '/users/cometchat-uid-5/conversation', tokenOf('cometchat-uid-1'));

    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('ERR_CONVERSATION_NOT_ACCESSIBLE');
  });

  it("should answer a group's conversation to members, and ERR_GROUP_NOT_JOINED to others", async () => {
    chat.createGroup({ guid: 'team', name: 'Team', type: 'public' }, 'cometchat-uid-1');
    await send('cometchat-uid-1', 'team', 'hello', 'group');

    const member = await callAsClient('GET', '/groups/team/conversation', tokenOf('cometchat-uid-1'));
    const stranger = await callAsClient('GET', '/groups/team/conversation', tokenOf('cometchat-uid-2'));

    expect(member.body.data).toMatchObject({ conversationId: 'group_team', conversationType: 'group' });
    expect(stranger.body.error.code).toBe('ERR_GROUP_NOT_JOINED');
  });
});

describe('POST users/{uid}/conversation/read and groups/{guid}/conversation/read (and …/delivered)', () => {
  it('should clear the unread count and record the last read message', async () => {
    await send('cometchat-uid-2', 'cometchat-uid-1', 'one');
    const last = await send('cometchat-uid-2', 'cometchat-uid-1', 'two');
    const token = tokenOf('cometchat-uid-1');

    const marked = await callAsClient('POST', '/users/cometchat-uid-2/conversation/read', token, {});
    const after = await callAsClient('GET', '/users/cometchat-uid-2/conversation', token);

    expect(marked.status).toBe(200);
    expect(after.body.data).toMatchObject({ unreadMessageCount: 0, lastReadMessageId: last.id });
  });

  it("should mark a group's conversation read for the member only", async () => {
    chat.createGroup({ guid: 'team', name: 'Team', type: 'public' }, 'cometchat-uid-1');
    chat.addMember('team', 'cometchat-uid-2', 'participant');
    await send('cometchat-uid-1', 'team', 'news', 'group');

    await callAsClient('POST', '/groups/team/conversation/read', tokenOf('cometchat-uid-2'), {});
    const outsider = await callAsClient('POST', '/groups/team/conversation/read', tokenOf('cometchat-uid-3'), {});

    expect((await callAsClient('GET', '/groups/team/conversation', tokenOf('cometchat-uid-2'))).body.data.unreadMessageCount).toBe(0);
    expect(outsider.body.error.code).toBe('ERR_GROUP_NOT_JOINED');
  });

  it.each<[string, string, number, string | undefined]>([
    ['a user', '/users/cometchat-uid-2/conversation/delivered', 200, undefined],
    ['an unknown user', '/users/nobody/conversation/delivered', 404, 'ERR_UID_NOT_FOUND'],
    ['a group not joined', '/groups/team/conversation/delivered', 403, 'ERR_GROUP_NOT_JOINED'],
  ])('should acknowledge markConversationAsDelivered for %s, or refuse it', async (_name, path, status, code) => {
    chat.createGroup({ guid: 'team', name: 'Team', type: 'public' }, 'cometchat-uid-2');

    const reply = await callAsClient('POST', path, tokenOf('cometchat-uid-1'), {});

    expect(reply.status).toBe(status);
    expect(reply.body.error?.code).toBe(code);
  });
});
