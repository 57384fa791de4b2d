/**
 * The emulator's groups, as the official SDK's `createGroup`, `GroupsRequest`, `getGroup`, `joinGroup` and
 * `GroupMembersRequest` use them. The bodies are the SDK's `Group` serialised by `JSON.stringify`.
 */
import { describe, expect, it } from 'vitest';
import { MAX_GROUPS } from '@/emulator/state/chat-state';
import { callAsClient, chat, serveApisForEachTest, state } from './support/rest-api';

serveApisForEachTest();

const tokenOf = (uid: string) => state.issueAuthToken(uid).authToken;
const create = (uid: string, body: Record<string, unknown>) => callAsClient('POST', '/groups', tokenOf(uid), { hasJoined: false, ...body });
const join = (uid: string, guid: string, body: Record<string, unknown> = {}) =>
  callAsClient('POST', `/groups/${guid}/members`, tokenOf(uid), { guid, name: 'name', type: 'public', ...body });

describe('POST groups', () => {
  it('should create a group owned and joined by its creator, as an admin, without echoing the password', async () => {
    const reply = await create('cometchat-uid-1', { guid: 'Secret-Club', name: 'Secret Club', type: 'password', password: 'pw', description: 'd' });

    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatchObject({
      guid: 'secret-club',
      name: 'Secret Club',
      type: 'password',
      description: 'd',
      owner: 'cometchat-uid-1',
      membersCount: 1,
      hasJoined: true,
      scope: 'admin',
      conversationId: 'group_secret-club',
      createdAt: expect.any(Number),
    });
    expect(reply.body.data).not.toHaveProperty('password');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no guid', { name: 'x', type: 'public' }, 'guid'],
    ['a guid with spaces', { guid: 'a b', name: 'x', type: 'public' }, 'guid'],
    ['a guid too long', { guid: 'g'.repeat(101), name: 'x', type: 'public' }, 'guid'],
    ['no name', { guid: 'g', type: 'public' }, 'name'],
    ['a name too long', { guid: 'g', name: 'n'.repeat(256), type: 'public' }, 'name'],
    ['an unknown type', { guid: 'g', name: 'x', type: 'secret' }, 'type'],
    ['a password group without password', { guid: 'g', name: 'x', type: 'password' }, 'password'],
    ['metadata that is not an object', { guid: 'g', name: 'x', type: 'public', metadata: 'm' }, 'metadata'],
  ])('should refuse %s with ERR_BAD_REQUEST', async (_name, body, field) => {
    const reply = await create('cometchat-uid-1', body);

    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'ERR_BAD_REQUEST', details: { [field]: [expect.any(String)] } });
  });

  it(`should refuse a group past the emulator's ${MAX_GROUPS} with ERR_PLAN_RESTRICTION`, async () => {
    for (let index = 0; index < MAX_GROUPS; index += 1) chat.createGroup({ guid: `g${index}`, name: 'G', type: 'public' }, 'cometchat-uid-1');

    const reply = await create('cometchat-uid-1', { guid: 'one-more', name: 'One more', type: 'public' });

    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('ERR_PLAN_RESTRICTION');
  });

  it('should refuse a taken guid with ERR_GUID_ALREADY_EXISTS', async () => {
    await create('cometchat-uid-1', { guid: 'team', name: 'Team', type: 'public' });

    const reply = await create('cometchat-uid-2', { guid: 'TEAM', name: 'Other', type: 'public' });

    expect(reply.body.error.code).toBe('ERR_GUID_ALREADY_EXISTS');
  });
});

describe('GET groups and groups/{guid}', () => {
  it('should list public and password groups to everyone and a private group to its members only, by name', async () => {
    await create('cometchat-uid-1', { guid: 'zeta', name: 'Zeta', type: 'public' });
    await create('cometchat-uid-1', { guid: 'alpha', name: 'Alpha', type: 'password', password: 'p' });
    await create('cometchat-uid-1', { guid: 'hidden', name: 'Hidden', type: 'private' });

    const owner = await callAsClient('GET', '/groups?per_page=30&page=1', tokenOf('cometchat-uid-1'));
    const other = await callAsClient('GET', '/groups?per_page=30&page=1', tokenOf('cometchat-uid-2'));

    expect(owner.body.data.map((group: { guid: string }) => group.guid)).toEqual(['alpha', 'hidden', 'zeta']);
    expect(other.body.data.map((group: { guid: string; hasJoined: boolean }) => [group.guid, group.hasJoined])).toEqual([
      ['alpha', false],
      ['zeta', false],
    ]);
    expect(other.body.meta.pagination).toMatchObject({ total: 2, per_page: 30 });
  });

  it.each<[string, string[]]>([
    ['searchKey=zet', ['zeta']],
    ['hasJoined=1', ['zeta']],
    ['tags=red', ['alpha']],
  ])('should filter with %s', async (filter, guids) => {
    await create('cometchat-uid-1', { guid: 'zeta', name: 'Zeta', type: 'public' });
    await create('cometchat-uid-2', { guid: 'alpha', name: 'Alpha', type: 'public', tags: ['red'] });

    const reply = await callAsClient('GET', `/groups?per_page=30&${filter}&page=1`, tokenOf('cometchat-uid-1'));

    expect(reply.body.data.map((group: { guid: string }) => group.guid)).toEqual(guids);
  });

  it.each(['per_page=101', 'page=-1', 'hasJoined=yes'])('should refuse %s with ERR_BAD_REQUEST', async (query) => {
    expect((await callAsClient('GET', `/groups?${query}`, tokenOf('cometchat-uid-1'))).status).toBe(400);
  });

  it('should answer one group, and ERR_GUID_NOT_FOUND for an unknown guid', async () => {
    await create('cometchat-uid-1', { guid: 'team', name: 'Team', type: 'public' });

    expect((await callAsClient('GET', '/groups/team', tokenOf('cometchat-uid-2'))).body.data).toMatchObject({ guid: 'team', hasJoined: false });
    expect((await callAsClient('GET', '/groups/nothing', tokenOf('cometchat-uid-2'))).body.error.code).toBe('ERR_GUID_NOT_FOUND');
  });
});

describe('POST groups/{guid}/members (joinGroup)', () => {
  it("should join a public group and answer CometChat's joined action with the group in data.entities.for", async () => {
    await create('cometchat-uid-1', { guid: 'team', name: 'Team', type: 'public' });

    const reply = await join('cometchat-uid-2', 'team');

    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatchObject({
      category: 'action',
      type: 'groupMember',
      action: 'joined',
      sender: 'cometchat-uid-2',
      receiver: 'team',
      receiverType: 'group',
      data: {
        action: 'joined',
        entities: {
          by: { entityType: 'user', entity: expect.objectContaining({ uid: 'cometchat-uid-2' }) },
          for: { entityType: 'group', entity: expect.objectContaining({ guid: 'team', hasJoined: true, scope: 'participant', membersCount: 2 }) },
        },
      },
    });
    expect(chat.messagesOf('group_team').map((message) => message.action)).toEqual(['joined']);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a password group with the wrong password', { password: 'nope' }, 'ERR_WRONG_GROUP_PASS'],
    ['a password group without a password', {}, 'ERR_WRONG_GROUP_PASS'],
  ])('should refuse %s with %s', async (_name, body, code) => {
    await create('cometchat-uid-1', { guid: 'club', name: 'Club', type: 'password', password: 'pw' });

    expect((await join('cometchat-uid-2', 'club', body)).body.error.code).toBe(code);
  });

  it('should join a password group with its password', async () => {
    await create('cometchat-uid-1', { guid: 'club', name: 'Club', type: 'password', password: 'pw' });

    expect((await join('cometchat-uid-2', 'club', { type: 'password', password: 'pw' })).status).toBe(200);
  });

  it.each<[string, string, string]>([
    ['a private group', 'private', 'ERR_GROUP_JOIN_NOT_ALLOWED'],
    ['a group already joined', 'public', 'ERR_ALREADY_JOINED'],
  ])('should refuse to join %s with %s', async (_name, type, code) => {
    await create('cometchat-uid-1', { guid: 'g', name: 'G', type });
    if (code === 'ERR_ALREADY_JOINED') await join('cometchat-uid-2', 'g');

    expect((await join('cometchat-uid-2', 'g')).body.error.code).toBe(code);
  });
});

describe('GET groups/{guid}/members', () => {
  it('should list the members with their user fields, scope and join time, in join order', async () => {
    await create('cometchat-uid-1', { guid: 'team', name: 'Team', type: 'public' });
    await join('cometchat-uid-3', 'team');

    const reply = await callAsClient('GET', '/groups/team/members?per_page=30&page=1', tokenOf('cometchat-uid-3'));

    expect(reply.body.data).toEqual([
      expect.objectContaining({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', scope: 'admin', joinedAt: expect.any(Number) }),
      expect.objectContaining({ uid: 'cometchat-uid-3', name: 'Nancy Grace', scope: 'participant' }),
    ]);
    expect(reply.body.meta.pagination).toMatchObject({ total: 2, count: 2 });
  });

  it.each<[string, string[]]>([
    ['scopes=admin', ['cometchat-uid-1']],
    ['searchKey=nancy', ['cometchat-uid-3']],
    ['per_page=1&page=2', ['cometchat-uid-3']],
  ])('should filter with %s', async (filter, uids) => {
    await create('cometchat-uid-1', { guid: 'team', name: 'Team', type: 'public' });
    await join('cometchat-uid-3', 'team');

    const reply = await callAsClient('GET', `/groups/team/members?${filter}`, tokenOf('cometchat-uid-1'));

    expect(reply.body.data.map((member: { uid: string }) => member.uid)).toEqual(uids);
  });

  it.each(['scopes=owner', 'per_page=500', 'status=away'])('should refuse %s with ERR_BAD_REQUEST', async (query) => {
    await create('cometchat-uid-1', { guid: 'team', name: 'Team', type: 'public' });

    expect((await callAsClient('GET', `/groups/team/members?${query}`, tokenOf('cometchat-uid-1'))).status).toBe(400);
  });

  it("should keep a private group's members from non-members", async () => {
    await create('cometchat-uid-1', { guid: 'hidden', name: 'Hidden', type: 'private' });

    const reply = await callAsClient('GET', '/groups/hidden/members?per_page=30', tokenOf('cometchat-uid-2'));

    expect(reply.body.error.code).toBe('ERR_GROUP_NOT_JOINED');
  });
});
