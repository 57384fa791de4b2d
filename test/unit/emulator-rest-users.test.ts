/**
 * The emulator's REST API v3 for servers (protocol doc §8), the `users` collection: creating users (with their
 * validation) and listing them, spoken to over real HTTP with the `apikey` header.
 */
import { describe, expect, it } from 'vitest';
import { call, callAsClient, serveApisForEachTest, state, uidsOf, type KeyKind } from './support/rest-api';

serveApisForEachTest();

describe('POST users', () => {
  it('should create an offline user with CometChat’s defaults and return it', async () => {
    const before = Math.floor(Date.now() / 1000);

    const reply = await call('POST', '/users', { body: { uid: 'new-user', name: 'New User' } });

    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      data: {
        uid: 'new-user',
        name: 'New User',
        avatar: '',
        link: '',
        role: 'default',
        metadata: {},
        status: 'offline',
        statusMessage: '',
        lastActiveAt: 0,
        tags: [],
        hasBlockedMe: false,
        blockedByMe: false,
        deactivatedAt: 0,
        createdAt: expect.any(Number),
        updatedAt: expect.any(Number),
      },
    });
    expect(reply.body.data.createdAt).toBeGreaterThanOrEqual(before);
  });

  it.each<[string, KeyKind]>([
    ['the Auth Key', 'auth'],
    ['the REST API key', 'rest'],
  ])('should accept %s', async (_, key) => {
    const reply = await call('POST', '/users', { key, body: { uid: 'keyed', name: 'Keyed' } });

    expect(reply.status).toBe(200);
  });

  it('should keep every optional field it is given', async () => {
    const fields = {
      avatar: 'https://example.com/a.png',
      link: 'https://example.com/u',
      role: 'moderator',
      statusMessage: 'Busy',
      metadata: { '@private': { email: 'a@example.com' }, plan: 'pro' },
      tags: ['vip', 'beta'],
    };

    const reply = await call('POST', '/users', { body: { uid: 'full', name: 'Full', ...fields } });

    expect(reply.body.data).toMatchObject(fields);
  });

  it('should store the uid lower-cased, so every look-up finds it', async () => {
    const reply = await call('POST', '/users', { body: { uid: 'Mixed_Case-ID', name: 'Mixed' } });
    const lookup = await call('GET', '/users/MIXED_CASE-ID');

    expect(reply.body.data.uid).toBe('mixed_case-id');
    expect(lookup.body.data.uid).toBe('mixed_case-id');
  });

  it('should add an auth token the client API accepts when withAuthToken is true', async () => {
    const reply = await call('POST', '/users', { body: { uid: 'with-token', name: 'With Token', withAuthToken: true } });
    const login = await callAsClient('PUT', '/me', reply.body.data.authToken);

    expect(reply.body.data.authToken).toMatch(/^with-token_\d{10}[0-9a-f]{30}$/);
    expect(login.body.data).toMatchObject({ uid: 'with-token', status: 'online' });
  });

  it('should not add an auth token by default', async () => {
    const reply = await call('POST', '/users', { body: { uid: 'no-token', name: 'No Token' } });

    expect(reply.body.data).not.toHaveProperty('authToken');
    expect(state.listAuthTokens('no-token')).toEqual([]);
  });

  it.each(['cometchat-uid-1', 'COMETCHAT-UID-1'])('should refuse %s, which already exists, with ERR_UID_ALREADY_EXISTS', async (uid) => {
    const reply = await call('POST', '/users', { body: { uid, name: 'Again' } });

    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({
      code: 'ERR_UID_ALREADY_EXISTS',
      message: 'The UID cometchat-uid-1 already exists, please use another UID.',
      details: {},
    });
  });

  it('should accept a uid of exactly 100 characters', async () => {
    const reply = await call('POST', '/users', { body: { uid: 'u'.repeat(100), name: 'Long' } });

    expect(reply.status).toBe(200);
  });

  const TOO_LONG = 'The uid may not be greater than 100 characters.';
  const NOT_ALPHA_DASH = 'The uid may only contain letters, numbers, dashes and underscores.';
  it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
    ['no uid and no name', {}, { uid: ['The uid field is required.'], name: ['The name field is required.'] }],
    ['a blank uid', { uid: '  ', name: 'N' }, { uid: ['The uid field is required.'] }],
    ['a null name', { uid: 'ok', name: null }, { name: ['The name field is required.'] }],
    ['a uid that is a number', { uid: 42, name: 'N' }, { uid: ['The uid must be a string.'] }],
    ['a uid with a dot', { uid: 'a.b', name: 'N' }, { uid: [NOT_ALPHA_DASH] }],
    ['a uid with a space', { uid: 'a b', name: 'N' }, { uid: [NOT_ALPHA_DASH] }],
    ['a uid of 101 characters', { uid: 'u'.repeat(101), name: 'N' }, { uid: [TOO_LONG] }],
    ['a long uid with an @', { uid: `@${'u'.repeat(100)}`, name: 'N' }, { uid: [NOT_ALPHA_DASH, TOO_LONG] }],
    ['a name that is an object', { uid: 'ok', name: {} }, { name: ['The name must be a string.'] }],
    ['an avatar that is a number', { uid: 'ok', name: 'N', avatar: 5 }, { avatar: ['The avatar must be a string.'] }],
    ['a role that is a boolean', { uid: 'ok', name: 'N', role: true }, { role: ['The role must be a string.'] }],
    ['tags that are a string', { uid: 'ok', name: 'N', tags: 'vip' }, { tags: ['The tags must be an array.'] }],
    ['a tag that is a number', { uid: 'ok', name: 'N', tags: ['vip', 7] }, { 'tags.1': ['The tags.1 must be a string.'] }],
    ['metadata that is an array', { uid: 'ok', name: 'N', metadata: [] }, { metadata: ['The metadata must be an object.'] }],
    ['metadata that is a string', { uid: 'ok', name: 'N', metadata: 'x' }, { metadata: ['The metadata must be an object.'] }],
    [
      'withAuthToken that is a string',
      { uid: 'ok', name: 'N', withAuthToken: 'yes' },
      { withAuthToken: ['The withAuthToken field must be true or false.'] },
    ],
  ])('should answer ERR_BAD_REQUEST with per-field details for %s', async (_, body, details) => {
    const reply = await call('POST', '/users', { body });

    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({ code: 'ERR_BAD_REQUEST', message: 'Failed to validate the data.', details });
    expect(state.findUser('ok')).toBeUndefined();
  });
});

describe('GET users', () => {
  it('should list the sample users sorted by name, with CometChat’s pagination meta', async () => {
    const reply = await call('GET', '/users');

    expect(reply.status).toBe(200);
    expect(uidsOf(reply)).toEqual(['cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-5', 'cometchat-uid-3', 'cometchat-uid-4']);
    expect(reply.body.data[0]).toMatchObject({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', status: 'offline' });
    expect(reply.body.meta).toEqual({ pagination: { total: 5, count: 5, per_page: 100, current_page: 1, total_pages: 1 } });
  });

  it.each<[string, number, number, string[]]>([
    ['perPage=2&page=1', 2, 3, ['cometchat-uid-1', 'cometchat-uid-2']],
    ['perPage=2&page=2', 2, 3, ['cometchat-uid-5', 'cometchat-uid-3']],
    ['perPage=2&page=3', 2, 3, ['cometchat-uid-4']],
    ['perPage=2&page=4', 2, 3, []],
    ['perPage=5', 5, 1, ['cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-5', 'cometchat-uid-3', 'cometchat-uid-4']],
    ['perPage=1000&page=1', 1000, 1, ['cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-5', 'cometchat-uid-3', 'cometchat-uid-4']],
  ])('should page ?%s', async (query, perPage, totalPages, uids) => {
    const reply = await call('GET', `/users?${query}`);

    expect(uidsOf(reply)).toEqual(uids);
    expect(reply.body.meta.pagination).toEqual({
      total: 5,
      count: uids.length,
      per_page: perPage,
      current_page: Number(new URLSearchParams(query).get('page') ?? 1),
      total_pages: totalPages,
    });
  });

  it.each<[string, string[]]>([
    ['ANDREW', ['cometchat-uid-1']],
    ['uid-3', ['cometchat-uid-3']],
    ['al', ['cometchat-uid-2']],
    ['nobody', []],
  ])('should match searchKey=%s against uid or name, ignoring case', async (searchKey, uids) => {
    const reply = await call('GET', `/users?searchKey=${searchKey}`);

    expect(uidsOf(reply)).toEqual(uids);
  });

  it('should report one empty page when nothing matches', async () => {
    const reply = await call('GET', '/users?searchKey=nobody');

    expect(reply.body.meta.pagination).toEqual({ total: 0, count: 0, per_page: 100, current_page: 1, total_pages: 1 });
  });

  it.each<[string, string[]]>([
    ['online', ['cometchat-uid-2']],
    ['offline', ['cometchat-uid-1', 'cometchat-uid-5', 'cometchat-uid-3', 'cometchat-uid-4']],
  ])('should filter status=%s', async (status, uids) => {
    await callAsClient('PUT', '/me', state.issueAuthToken('cometchat-uid-2').authToken);

    const reply = await call('GET', `/users?status=${status}`);

    expect(uidsOf(reply)).toEqual(uids);
  });

  it('should filter by role', async () => {
    await call('POST', '/users', { body: { uid: 'boss', name: 'Boss', role: 'admin' } });

    const reply = await call('GET', '/users?role=admin');

    expect(uidsOf(reply)).toEqual(['boss']);
  });

  it.each<[string, string[]]>([
    ['tags=red', ['red-one', 'red-and-blue']],
    ['tags=blue,green', ['red-and-blue', 'green-one']],
    ['tags=blue&tags=green', ['red-and-blue', 'green-one']],
    ['tags[]=green', ['green-one']],
  ])('should list users having any of ?%s', async (query, uids) => {
    await call('POST', '/users', { body: { uid: 'red-one', name: 'A Red', tags: ['red'] } });
    await call('POST', '/users', { body: { uid: 'red-and-blue', name: 'B Red Blue', tags: ['red', 'blue'] } });
    await call('POST', '/users', { body: { uid: 'green-one', name: 'C Green', tags: ['green'] } });

    const reply = await call('GET', `/users?${query}`);

    expect(uidsOf(reply)).toEqual(uids);
  });

  it.each([false, true])('should not list a deleted user (permanent: %s)', async (permanent) => {
    await call('DELETE', '/users/cometchat-uid-3', { body: { permanent } });

    const reply = await call('GET', '/users');

    expect(uidsOf(reply)).not.toContain('cometchat-uid-3');
    expect(reply.body.meta.pagination.total).toBe(4);
  });

  it.each<[string, Record<string, string[]>]>([
    ['perPage=1001', { perPage: ['The perPage may not be greater than 1000.'] }],
    ['perPage=0', { perPage: ['The perPage must be at least 1.'] }],
    ['perPage=ten', { perPage: ['The perPage must be an integer.'] }],
    ['page=0', { page: ['The page must be at least 1.'] }],
    ['page=1.5', { page: ['The page must be an integer.'] }],
    ['status=away', { status: ['The selected status is invalid.'] }],
    ['perPage=5000&page=-1', { perPage: ['The perPage may not be greater than 1000.'], page: ['The page must be at least 1.'] }],
  ])('should refuse ?%s with per-parameter details', async (query, details) => {
    const reply = await call('GET', `/users?${query}`);

    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({ code: 'ERR_BAD_REQUEST', message: 'Failed to validate the data.', details });
  });
});
