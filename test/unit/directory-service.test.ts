import { describe, expect, it } from 'vitest';
import { TEST_USERS } from '@/lib/test-users';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';

/** A background with the app set up and, unless `login` is false, cometchat-uid-1 logged in; `view` talks over a port. */
async function setUp({ login = true, authKey = PROFILE.authKey } = {}) {
  const background = createMemoryBackground();
  const view = background.connectView();
  await view.request('saveProfile', { profile: { ...PROFILE, authKey } });
  if (login) {
    const token = (await background.fake.client.login('cometchat-uid-1', 'good-key')).authToken;
    await view.request('loginWithAuthToken', { authToken: token });
  }
  background.fake.calls.length = 0;
  return { ...background, view };
}

const listCalls = (calls: string[]) => calls.filter((call) => call.startsWith('listUsers '));
const uids = (page: { users: Array<{ uid: string }> }) => page.users.map((user) => user.uid);

describe('directory: listUsers', () => {
  it('should find Nancy Grace with the active held session and the SDK page size', async () => {
    const { view, fake } = await setUp();

    const page = await view.request('listUsers', { search: 'nancy' });

    expect(page).toEqual({
      users: [
        {
          uid: 'cometchat-uid-3',
          name: 'Nancy Grace',
          avatar: TEST_USERS[2]!.avatar,
          role: 'default',
          status: 'offline',
          lastActiveAt: expect.any(Number),
        },
      ],
      page: 1,
      totalPages: 1,
      total: 1,
      search: 'nancy',
    });
    expect(fake.calls).toEqual(['listUsers cometchat-uid-1_token-1 {"search":"nancy","page":1,"limit":30}']);
  });

  it('should refuse without an app, and without a held session say that one is needed, asking nothing of CometChat', async () => {
    const bare = createMemoryBackground();
    await expect(bare.connectView().request('listUsers', {})).rejects.toMatchObject({ code: 'ERR_APP_NOT_CONFIGURED' });

    const { view, fake } = await setUp({ login: false });
    const error = await view.request('listUsers', {}).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({
      code: 'ERR_DIRECTORY_NEEDS_SESSION',
      message: expect.stringContaining('needs a held session'),
      details: { appId: 'app-1' },
    });
    expect(fake.calls).toEqual([]);
  });

  it('should page thousands of users 30 at a time, never all at once', async () => {
    const { view, fake } = await setUp();
    fake.addUsers(Array.from({ length: 2500 }, (_, index) => ({ uid: `bulk-${String(index).padStart(4, '0')}`, name: `Bulk ${index}` })));

    const first = await view.request('listUsers', {});
    const second = await view.request('listUsers', { page: 2 });
    const last = await view.request('listUsers', { page: 84 });

    expect(first).toMatchObject({ page: 1, totalPages: 84, total: 2505 });
    expect(first.users).toHaveLength(30);
    expect(second.users).toHaveLength(30);
    expect(uids(second).some((uid) => uids(first).includes(uid))).toBe(false);
    expect(last.users).toHaveLength(15);
    expect(listCalls(fake.calls).every((call) => call.endsWith('"limit":30}'))).toBe(true);
  });

  it('should bound what a hostile server sends: at most one page of users, uids and names at most 300 characters, no script avatars', async () => {
    const { view, fake } = await setUp();
    fake.replyToNextList(() => ({
      users: Array.from({ length: 5000 }, (_, index) => ({
        uid: `${'u'.repeat(1000)}-${index}`,
        name: index === 0 ? '<img src=x onerror=alert(1)>' : `${'😀'.repeat(5000)}`,
        avatar: index === 0 ? 'javascript:alert(1)' : `https://cdn.example/${'a'.repeat(5000)}`,
        role: 'r'.repeat(1000),
        metadata: { blob: 'x'.repeat(100_000) },
      })),
      page: 1,
      totalPages: 1,
      total: 5000,
    }));

    const page = await view.request('listUsers', {});

    expect(page.users).toHaveLength(30);
    expect(page.users[0]).toEqual({ uid: `${'u'.repeat(299)}…`, name: '<img src=x onerror=alert(1)>' });
    expect([...page.users[1]!.name]).toHaveLength(300);
    expect(page.users[1]!.name.endsWith('😀…')).toBe(true);
    expect(page.users.every((user) => user.uid.length <= 300 && !('avatar' in user) && !('role' in user) && !('metadata' in user))).toBe(true);
    expect(JSON.stringify(page).length).toBeLessThan(50_000);
  });

  it.each([
    ['a search of 301 characters', { search: 'x'.repeat(301) }],
    ['page 0', { page: 0 }],
    ['page "2" as text', { page: '2' as unknown as number }],
    ['a fractional page', { page: 1.5 }],
  ])('should refuse %s without asking CometChat', async (_name, params) => {
    const { view, fake } = await setUp();

    await expect(view.request('listUsers', params)).rejects.toMatchObject({ code: 'ERR_INVALID_DIRECTORY_QUERY' });
    expect(fake.calls).toEqual([]);
  });

  it('should search with 300 characters, unicode and markup as plain text', async () => {
    const { view, fake } = await setUp();
    fake.addUsers([{ uid: 'zoe', name: 'Zoë <b>Ünal</b> 東京' }]);

    expect(uids(await view.request('listUsers', { search: 'x'.repeat(300) }))).toEqual([]);
    expect(uids(await view.request('listUsers', { search: 'ünal</b> 東' }))).toEqual(['zoe']);
  });

  it('should use only the active app’s session: another app’s session is not borrowed', async () => {
    const { view, fake } = await setUp();
    await view.request('saveProfile', { profile: { ...PROFILE, appId: 'app-2' } });

    await expect(view.request('listUsers', {})).rejects.toMatchObject({ code: 'ERR_DIRECTORY_NEEDS_SESSION', details: { appId: 'app-2' } });
    expect(fake.calls).toEqual([]);
  });

  it('should pass on CometChat’s refusal of a token minted in another app, the token masked', async () => {
    const { view, fake } = await setUp({ login: false });
    const foreign = (await fake.clientFor('app-9').login('cometchat-uid-2', 'good-key')).authToken;
    await view.request('loginWithAuthToken', { authToken: foreign });

    const error = await view.request('listUsers', {}).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
    expect(JSON.stringify(error)).not.toContain(foreign);
  });
});

describe('directory: createUser', () => {
  it('should create a user with the Auth Key that the search then finds', async () => {
    const { view, fake } = await setUp();

    const created = await view.request('createUser', { uid: 'Tester-7', name: ' Tess Tester ', role: 'qa' });

    expect(created).toMatchObject({ uid: 'tester-7', name: 'Tess Tester', role: 'qa' });
    expect(fake.calls).toEqual(['createUser Tester-7']);
    expect(uids(await view.request('listUsers', { search: 'TESS' }))).toEqual(['tester-7']);
  });

  it('should need the Auth Key (ERR_NO_AUTH_KEY) and ask nothing of CometChat without one', async () => {
    const { view, fake } = await setUp({ authKey: '' });

    await expect(view.request('createUser', { uid: 'someone', name: 'Someone' })).rejects.toMatchObject({ code: 'ERR_NO_AUTH_KEY' });
    expect(fake.calls).toEqual([]);
  });

  it.each<[string, { uid: string; name: string }, Record<string, string[]>]>([
    ['a uid of 101 characters', { uid: 'u'.repeat(101), name: 'Long' }, { uid: ['The uid may not be greater than 100 characters.'] }],
    ['a unicode uid', { uid: 'zoë', name: 'Zoë' }, { uid: ['The uid may only contain letters, numbers, dashes and underscores.'] }],
    ['markup as uid', { uid: '<script>', name: 'x' }, { uid: ['The uid may only contain letters, numbers, dashes and underscores.'] }],
    ['a blank name', { uid: 'someone', name: '   ' }, { name: ['The name field is required.'] }],
  ])('should answer %s with CometChat’s per-field details and keep the stored data', async (_name, user, details) => {
    const { view, context } = await setUp();
    const before = await context.readState();

    await expect(view.request('createUser', user)).rejects.toMatchObject({ code: 'ERR_BAD_REQUEST', details });
    const after = await context.readState();

    expect({ profiles: after.profiles, sessions: after.sessions, activeUid: after.activeUid }).toEqual({
      profiles: before.profiles,
      sessions: before.sessions,
      activeUid: before.activeUid,
    });
  });

  it('should create a user whose every field is as long as the bounds allow', async () => {
    const { view, fake } = await setUp();
    const avatar = `https://cdn.example/${'a'.repeat(2000 - 'https://cdn.example/'.length)}`;

    const created = await view.request('createUser', { uid: 'a'.repeat(100), name: 'N'.repeat(100), avatar, role: 'r'.repeat(100) });

    expect(created).toMatchObject({ uid: 'a'.repeat(100), name: 'N'.repeat(100), avatar, role: 'r'.repeat(100) });
    expect(fake.calls).toEqual([`createUser ${'a'.repeat(100)}`]);
  });

  it.each<[string, Record<string, string>, Record<string, string[]>]>([
    ['a name of 101 characters', { name: 'N'.repeat(101) }, { name: ['The name may not be greater than 100 characters.'] }],
    ['a name of 5 MB', { name: 'N'.repeat(5 * 1024 * 1024) }, { name: ['The name may not be greater than 100 characters.'] }],
    [
      'an avatar URL of 2001 characters',
      { avatar: `https://cdn.example/${'a'.repeat(2001 - 'https://cdn.example/'.length)}` },
      { avatar: ['The avatar may not be greater than 2000 characters.'] },
    ],
    ['a script avatar', { avatar: 'javascript:alert(1)' }, { avatar: ['The avatar must be an http or https URL.'] }],
    ['an avatar that is no URL', { avatar: 'cat.png' }, { avatar: ['The avatar must be an http or https URL.'] }],
    ['a role of 101 characters', { role: 'r'.repeat(101) }, { role: ['The role may not be greater than 100 characters.'] }],
    [
      'a uid of 5 MB and a blank name',
      { uid: 'u'.repeat(5 * 1024 * 1024), name: ' ' },
      { uid: ['The uid may not be greater than 100 characters.'], name: ['The name field is required.'] },
    ],
  ])('should refuse %s in the background, naming the field, and send nothing to CometChat', async (_name, fields, details) => {
    const { view, fake } = await setUp();

    const error = await view.request('createUser', { uid: 'someone', name: 'Someone', ...fields }).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'ERR_BAD_REQUEST', message: 'Failed to validate the data.', details });
    expect(Object.keys((error as { details: object }).details).sort(), 'only the fields at fault are named').toEqual(Object.keys(details).sort());
    expect(fake.calls, 'CometChat was asked').toEqual([]);
  });

  it('should refuse a taken uid and mask a wrong Auth Key CometChat echoes', async () => {
    const { view, profiles, context } = await setUp();
    await expect(view.request('createUser', { uid: 'cometchat-uid-1', name: 'Again' })).rejects.toMatchObject({ code: 'ERR_UID_ALREADY_EXISTS' });

    const { profile } = await context.readState();
    await profiles.saveProfile({ ...PROFILE, id: profile!.id, authKey: 'wrong-key-123' });
    const error = await view.request('createUser', { uid: 'someone', name: 'Someone' }).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'AUTH_ERR_APIKEY_NOT_FOUND' });
    expect(JSON.stringify(error)).not.toContain('wrong-key-123');
  });
});

describe('directory: createTestUsers', () => {
  it('should create only the test users the app lacks, with their names and avatars, and say which', async () => {
    const { view, fake } = await setUp({ login: false });
    fake.directoryOf('app-1').delete('cometchat-uid-2');
    fake.directoryOf('app-1').delete('cometchat-uid-4');

    const outcome = await view.request('createTestUsers', {});

    expect(outcome).toEqual({ created: ['cometchat-uid-2', 'cometchat-uid-4'], existing: ['cometchat-uid-1', 'cometchat-uid-3', 'cometchat-uid-5'] });
    expect(fake.directoryOf('app-1').get('cometchat-uid-4')).toMatchObject({ name: 'Susan Marie', avatar: TEST_USERS[3]!.avatar });
    expect(await view.request('createTestUsers', {})).toEqual({ created: [], existing: TEST_USERS.map((user) => user.uid) });
  });

  it('should need the Auth Key', async () => {
    const { view, fake } = await setUp({ authKey: '' });

    await expect(view.request('createTestUsers', {})).rejects.toMatchObject({ code: 'ERR_NO_AUTH_KEY' });
    expect(fake.calls).toEqual([]);
  });

  it('should stop at the first other failure and say which were created before it', async () => {
    const { view, fake, context, profiles } = await setUp({ login: false });
    fake.directoryOf('app-1').clear();
    const { profile } = await context.readState();
    await profiles.saveProfile({ ...PROFILE, id: profile!.id, authKey: 'wrong-key-123' });

    const error = await view.request('createTestUsers', {}).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ code: 'AUTH_ERR_APIKEY_NOT_FOUND', details: { created: [] } });
    expect(fake.calls).toEqual(['createUser cometchat-uid-1']);
  });
});
