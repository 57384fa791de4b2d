/**
 * The emulator's `POST messages` and message lists, as the official SDK's `sendMessage` and `MessagesRequest` use
 * them: the body is a `TextMessage` serialised by `JSON.stringify`, the reply the message `trasformJSONMessge` reads,
 * and lists page by `affix` + `id` with `meta.cursor` and `meta.pagination`.
 */
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '@/emulator/api/client/chat-bodies';
import { callAsClient, chat, serveApisForEachTest, state } from './support/rest-api';

serveApisForEachTest();

const tokenOf = (uid: string) => state.issueAuthToken(uid).authToken;

/** What `JSON.stringify(new CometChat.TextMessage(receiver, text, receiverType))` sends, less the SDK's unset fields. */
const textMessage = (receiver: string, text: string, receiverType = 'user') => ({
  receiver,
  receiverType,
  category: 'message',
  type: 'text',
  data: { text },
  text,
});

function send(from: string, body: unknown) {
  return callAsClient('POST', '/messages', tokenOf(from), body);
}

describe('POST messages', () => {
  it('should store a text message to a user and answer it as the SDK reads it, with both users as entities', async () => {
    const reply = await send('cometchat-uid-1', {
      ...textMessage('cometchat-uid-2', 'Hi George'),
      muid: 'local-1',
      data: { text: 'Hi George', metadata: { a: 1 } },
    });

    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      muid: 'local-1',
      conversationId: 'cometchat-uid-1_user_cometchat-uid-2',
      sender: 'cometchat-uid-1',
      receiver: 'cometchat-uid-2',
      receiverType: 'user',
      category: 'message',
      type: 'text',
      sentAt: expect.any(Number),
      metadata: { a: 1 },
      data: {
        text: 'Hi George',
        metadata: { a: 1 },
        entities: {
          sender: { entityType: 'user', entity: expect.objectContaining({ uid: 'cometchat-uid-1', name: 'Andrew Joseph' }) },
          receiver: { entityType: 'user', entity: expect.objectContaining({ uid: 'cometchat-uid-2', name: 'George Alan' }) },
        },
      },
    });
  });

  it('should name the same conversation from either side', async () => {
    const first = await send('cometchat-uid-2', textMessage('cometchat-uid-1', 'one'));
    const second = await send('cometchat-uid-1', textMessage('cometchat-uid-2', 'two'));

    expect(first.body.data.conversationId).toBe(second.body.data.conversationId);
    expect(Number(second.body.data.id)).toBeGreaterThan(Number(first.body.data.id));
  });

  it("should store a message to a group its sender belongs to, with the group as the receiver's entity", async () => {
    chat.createGroup({ guid: 'team', name: 'Team', type: 'public' }, 'cometchat-uid-1');

    const reply = await send('cometchat-uid-1', textMessage('team', 'Hello team', 'group'));

    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatchObject({
      conversationId: 'group_team',
      receiver: 'team',
      receiverType: 'group',
      data: { entities: { receiver: { entityType: 'group', entity: expect.objectContaining({ guid: 'team', hasJoined: true }) } } },
    });
  });

  it.each<[string, unknown, string]>([
    ['no receiver', { receiverType: 'user', data: { text: 'x' } }, 'receiver'],
    ['a bad receiverType', { ...textMessage('cometchat-uid-2', 'x'), receiverType: 'channel' }, 'receiverType'],
    ['no text', { receiver: 'cometchat-uid-2', receiverType: 'user', data: {} }, 'data.text'],
    ['a blank text', textMessage('cometchat-uid-2', '   '), 'data.text'],
    ['a text too long', textMessage('cometchat-uid-2', 'x'.repeat(MAX_TEXT_LENGTH + 1)), 'data.text'],
    ['a media type', { ...textMessage('cometchat-uid-2', 'x'), type: 'image' }, 'type'],
    ['a custom category', { ...textMessage('cometchat-uid-2', 'x'), category: 'custom' }, 'category'],
    ['metadata that is not an object', { ...textMessage('cometchat-uid-2', 'x'), data: { text: 'x', metadata: [1] } }, 'data.metadata'],
    ['too many tags', { ...textMessage('cometchat-uid-2', 'x'), tags: Array.from({ length: 26 }, (_, i) => `t${i}`) }, 'tags'],
  ])('should refuse %s with ERR_BAD_REQUEST naming the field', async (_name, body, field) => {
    const reply = await send('cometchat-uid-1', body);

    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'ERR_BAD_REQUEST', details: { [field]: [expect.any(String)] } });
  });

  it('should accept a text exactly at the length bound', async () => {
    const reply = await send('cometchat-uid-1', textMessage('cometchat-uid-2', 'x'.repeat(MAX_TEXT_LENGTH)));

    expect(reply.status).toBe(200);
  });

  it.each<[string, unknown, number, string]>([
    ['an unknown user', textMessage('nobody', 'x'), 404, 'ERR_UID_NOT_FOUND'],
    ['an unknown group', textMessage('nothing', 'x', 'group'), 404, 'ERR_GUID_NOT_FOUND'],
  ])('should refuse a message to %s with %s', async (_name, body, status, code) => {
    const reply = await send('cometchat-uid-1', body);

    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(code);
  });

  it('should refuse a message to a group its sender has not joined with ERR_GROUP_NOT_JOINED', async () => {
    chat.createGroup({ guid: 'closed', name: 'Closed', type: 'public' }, 'cometchat-uid-1');

    const reply = await send('cometchat-uid-2', textMessage('closed', 'let me in', 'group'));

    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('ERR_GROUP_NOT_JOINED');
  });

  it('should refuse a call without an auth token with AUTH_ERR_EMPTY_AUTH_TOKEN', async () => {
    const reply = await callAsClient('POST', '/messages', '', textMessage('cometchat-uid-2', 'x'));

    expect(reply.body.error.code).toBe('AUTH_ERR_EMPTY_AUTH_TOKEN');
  });
});

describe('GET users/{uid}/messages and groups/{guid}/messages', () => {
  async function exchange(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 1; index <= count; index += 1) {
      const from = index % 2 ? 'cometchat-uid-1' : 'cometchat-uid-2';
      const to = index % 2 ? 'cometchat-uid-2' : 'cometchat-uid-1';
      ids.push((await send(from, textMessage(to, `message ${index}`))).body.data.id);
    }
    return ids;
  }

  const list = (query: string, as = 'cometchat-uid-1', peer = 'cometchat-uid-2') =>
    callAsClient('GET', `/users/${peer}/messages?${query}`, tokenOf(as));
  const idsOf = (reply: { body: { data: Array<{ id: string }> } }) => reply.body.data.map((message) => message.id);

  it('should answer fetchPrevious with the newest page, oldest first, and the cursor and pagination the SDK reads', async () => {
    const ids = await exchange(5);

    const reply = await list('per_page=3&hideReplies=true&affix=prepend');

    expect(reply.status).toBe(200);
    expect(idsOf(reply)).toEqual(ids.slice(2));
    expect(reply.body.meta).toEqual({
      pagination: { total: 5, count: 3, per_page: 3, current_page: 1, total_pages: 2 },
      cursor: { affix: 'prepend', fetchedCount: 3, id: ids[2], sentAt: expect.any(Number) },
    });
  });

  it('should page back from the id the SDK sends next, and say when there is one page only', async () => {
    const ids = await exchange(5);

    const reply = await list(`per_page=3&hideReplies=true&affix=prepend&id=${ids[2]}`);

    expect(idsOf(reply)).toEqual(ids.slice(0, 2));
    expect(reply.body.meta.pagination.total_pages).toBe(1);
  });

  it('should page forward with affix=append after an id', async () => {
    const ids = await exchange(5);

    const reply = await list(`per_page=2&affix=append&id=${ids[1]}`);

    expect(idsOf(reply)).toEqual(ids.slice(2, 4));
  });

  it('should show the same conversation to both users, and another pair nothing of it', async () => {
    const ids = await exchange(2);

    expect(idsOf(await list('per_page=30', 'cometchat-uid-2', 'cometchat-uid-1'))).toEqual(ids);
    expect(idsOf(await list('per_page=30', 'cometchat-uid-3', 'cometchat-uid-1'))).toEqual([]);
  });

  it('should filter by searchKey and by category and type', async () => {
    await exchange(3);

    expect(idsOf(await list('per_page=30&searchKey=MESSAGE 2')).length).toBe(1);
    expect(idsOf(await list('per_page=30&categories=action')).length).toBe(0);
    expect(idsOf(await list('per_page=30&types=text')).length).toBe(3);
  });

  it("should list only the reader's unread messages with unread=1: others' messages after the read mark", async () => {
    const ids = await exchange(4);
    chat.markRead('cometchat-uid-1_user_cometchat-uid-2', 'cometchat-uid-1', Number(ids[1]));

    expect(idsOf(await list('per_page=30&unread=1'))).toEqual([ids[3]]);
  });

  it('should count unread messages as getUnreadMessageCountForUser asks (unread=1&count=1), per conversation partner', async () => {
    await exchange(4);

    const unread = await list('hideMessagesFromBlockedUsers=0&unread=1&count=1&uid=cometchat-uid-2');
    const none = await list('hideMessagesFromBlockedUsers=0&unread=1&count=1&uid=cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-1');

    expect(unread.body.data).toEqual([
      { entityId: 'cometchat-uid-2', entityType: 'user', entity: expect.objectContaining({ uid: 'cometchat-uid-2' }), count: 2 },
    ]);
    expect(none.body.data).toEqual([
      { entityId: 'cometchat-uid-1', entityType: 'user', entity: expect.objectContaining({ uid: 'cometchat-uid-1' }), count: 2 },
    ]);
  });

  it('should answer a count of nothing unread with an empty list', async () => {
    await send('cometchat-uid-1', textMessage('cometchat-uid-2', 'mine'));

    expect((await list('unread=1&count=1')).body.data).toEqual([]);
  });

  it.each<[string, string]>([
    ['per_page=101', 'per_page'],
    ['per_page=0', 'per_page'],
    ['per_page=abc', 'per_page'],
    ['affix=sideways', 'affix'],
    ['id=-3', 'id'],
    ['hideReplies=maybe', 'hideReplies'],
    ['count=several', 'count'],
  ])('should refuse %s with ERR_BAD_REQUEST', async (query, field) => {
    const reply = await list(query);

    expect(reply.status).toBe(400);
    expect(reply.body.error.details).toHaveProperty(field);
  });

  it("should list a group's messages to its members only", async () => {
    chat.createGroup({ guid: 'team', name: 'Team', type: 'public' }, 'cometchat-uid-1');
    await send('cometchat-uid-1', textMessage('team', 'hello', 'group'));

    const member = await callAsClient('GET', '/groups/team/messages?per_page=30', tokenOf('cometchat-uid-1'));
    const stranger = await callAsClient('GET', '/groups/team/messages?per_page=30', tokenOf('cometchat-uid-2'));

    expect(member.body.data.map((message: { data: { text: string } }) => message.data.text)).toEqual(['hello']);
    expect(stranger.body.error.code).toBe('ERR_GROUP_NOT_JOINED');
  });

  it('should answer an unknown user with ERR_UID_NOT_FOUND', async () => {
    expect((await list('per_page=30', 'cometchat-uid-1', 'nobody')).body.error.code).toBe('ERR_UID_NOT_FOUND');
  });
});
