/**
 * The emulator's client API `GET users`, as the official SDK's `UsersRequest.fetchNext` sends it (the SDK's
 * `getNextData`: `per_page`, `searchKey` percent-encoded once, `page`, …, with the `authtoken` header), and the
 * list envelope the SDK reads (`data`, `meta.pagination.total_pages`).
 */
import { describe, expect, it } from 'vitest';
import { call, callAsClient, serveApisForEachTest, state, uidsOf } from './support/rest-api';

serveApisForEachTest();

const BY_NAME = ['cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-5', 'cometchat-uid-3', 'cometchat-uid-4'];

/** A session's `GET users?…`, exactly as the SDK writes the query (no further encoding). */
function listAs(authToken: string, query: string) {
  return callAsClient('GET', `/users?${query}`, authToken);
}

const token = () => state.issueAuthToken('cometchat-uid-1').authToken;

describe('GET users (client API, auth token)', () => {
  it('should list the users by name with the pagination meta the SDK reads', async () => {
    const reply = await listAs(token(), 'per_page=30&page=1');

    expect(reply.status).toBe(200);
    expect(uidsOf(reply)).toEqual(BY_NAME);
    expect(reply.body.data[2]).toMatchObject({ uid: 'cometchat-uid-5', name: 'John Paul', avatar: expect.stringContaining('cometchat-uid-5') });
    expect(reply.body.meta).toEqual({ pagination: { total: 5, count: 5, per_page: 30, current_page: 1, total_pages: 1 } });
  });

  it.each<[string, string[]]>([
    ['nancy', ['cometchat-uid-3']],
    ['NANCY', ['cometchat-uid-3']],
    ['uid-2', ['cometchat-uid-2']],
    ['nancy%20grace', ['cometchat-uid-3']],
    ['a', BY_NAME],
    ['%3Cscript%3E', []],
    ['nobody', []],
  ])('should match searchKey=%s in uid or name, ignoring case', async (searchKey, uids) => {
    const reply = await listAs(token(), `per_page=30&searchKey=${searchKey}&page=1`);

    expect(uidsOf(reply)).toEqual(uids);
  });

  it.each<[string, string[]]>([
    ['uid', []],
    ['name', ['cometchat-uid-3']],
    ['uid,name', ['cometchat-uid-3']],
  ])('should search only in %s when searchIn says so', async (searchIn, uids) => {
    const reply = await listAs(token(), `per_page=30&searchKey=grace&searchIn=${searchIn}&page=1`);

    expect(uidsOf(reply)).toEqual(uids);
  });

  it('should find a unicode name searched as the SDK encodes it', async () => {
    await call('POST', '/users', { body: { uid: 'zoe', name: 'Zoë Ünal 東京' } });

    const reply = await listAs(token(), `per_page=30&searchKey=${encodeURIComponent('ünal 東')}&page=1`);

    expect(reply.body.data).toEqual([expect.objectContaining({ uid: 'zoe', name: 'Zoë Ünal 東京' })]);
  });

  it('should page with per_page and page, each page different, and an empty page past the end', async () => {
    const pages = [];
    for (const page of [1, 2, 3, 4]) pages.push(await listAs(token(), `per_page=2&page=${page}`));

    expect(pages.map(uidsOf)).toEqual([BY_NAME.slice(0, 2), BY_NAME.slice(2, 4), BY_NAME.slice(4), []]);
    expect(pages.map((reply) => reply.body.meta.pagination.total_pages)).toEqual([3, 3, 3, 3]);
  });

  it('should page thousands of users 100 at a time and never answer more', async () => {
    for (let index = 0; index < 2500; index += 1) state.createUser({ uid: `bulk-${String(index).padStart(4, '0')}`, name: `Bulk ${index}` });

    const first = await listAs(token(), 'per_page=100&page=1');
    const last = await listAs(token(), 'per_page=100&page=26');

    expect(first.body.data).toHaveLength(100);
    expect(first.body.meta.pagination).toEqual({ total: 2505, count: 100, per_page: 100, current_page: 1, total_pages: 26 });
    expect(last.body.data).toHaveLength(5);
  });

  it.each<[string, Record<string, string[]>]>([
    ['per_page=101', { per_page: ['The per_page may not be greater than 100.'] }],
    ['per_page=0', { per_page: ['The per_page must be at least 1.'] }],
    ['per_page=ten&page=0', { per_page: ['The per_page must be an integer.'], page: ['The page must be at least 1.'] }],
    ['per_page=30&status=away', { status: ['The selected status is invalid.'] }],
    ['per_page=30&searchKey=a&searchIn=email', { searchIn: ['The selected searchIn is invalid.'] }],
  ])('should refuse ?%s with per-parameter details', async (query, details) => {
    const reply = await listAs(token(), query);

    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({ code: 'ERR_BAD_REQUEST', message: 'Failed to validate the data.', details });
  });

  it('should take the SDK status "available" as online', async () => {
    const george = state.issueAuthToken('cometchat-uid-2').authToken;
    await callAsClient('PUT', '/me', george);

    expect(uidsOf(await listAs(george, 'per_page=30&status=available&page=1'))).toEqual(['cometchat-uid-2']);
    expect(uidsOf(await listAs(george, 'per_page=30&status=offline&page=1'))).not.toContain('cometchat-uid-2');
  });

  it('should filter by roles and uids as the SDK joins its arrays', async () => {
    await call('POST', '/users', { body: { uid: 'boss', name: 'Boss', role: 'admin' } });

    expect(uidsOf(await listAs(token(), 'per_page=30&roles=admin,moderator&page=1'))).toEqual(['boss']);
    expect(uidsOf(await listAs(token(), 'per_page=30&uids=cometchat-uid-4,COMETCHAT-UID-2&page=1'))).toEqual(['cometchat-uid-2', 'cometchat-uid-4']);
  });

  it('should not list deleted users, and a deleted user can no longer list', async () => {
    const nancy = state.issueAuthToken('cometchat-uid-3').authToken;
    await call('DELETE', '/users/cometchat-uid-3');
    await call('DELETE', '/users/cometchat-uid-4', { body: { permanent: true } });

    expect(uidsOf(await listAs(token(), 'per_page=30&page=1'))).toEqual(['cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-5']);
    expect((await listAs(nancy, 'per_page=30&page=1')).body.error.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
  });

  it.each([
    ['no token (nor key: taken as a REST call)', '', 'AUTH_ERR_EMPTY_APIKEY'],
    ['an unknown token', 'cometchat-uid-1_0000000000deadbeefdeadbeefdeadbeefdead', 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND'],
  ])('should refuse %s', async (_name, authToken, code) => {
    const reply = await listAs(authToken, 'per_page=30&page=1');

    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe(code);
  });

  it('should refuse a revoked token', async () => {
    const revoked = token();
    await callAsClient('DELETE', '/me', revoked);

    expect((await listAs(revoked, 'per_page=30&page=1')).body.error.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
  });

  it('should keep the REST API listing with the REST API key, and the Auth Key still only creating users', async () => {
    expect((await call('GET', '/users?perPage=2')).body.meta.pagination.per_page).toBe(2);
    expect((await call('GET', '/users', { key: 'auth' })).body.error.code).toBe('AUTH_ERR_NO_ACCESS');
    expect((await call('POST', '/users', { key: 'auth', body: { uid: 'made-here', name: 'Made Here' } })).body.data.uid).toBe('made-here');
  });
});
