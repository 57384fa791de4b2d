/**
 * The emulator's REST API v3 for servers (protocol doc §8), one user (`users/{uid}`): changing and deleting it,
 * and what that does to its sessions on the client API.
 */
import { describe, expect, it } from 'vitest';
import { call, callAsClient, serveApisForEachTest, state } from './support/rest-api';

serveApisForEachTest();

describe('PUT users/{uid}', () => {
  it('should change the given fields, keep the others, ignore unknown ones and stamp updatedAt', async () => {
    const before = Math.floor(Date.now() / 1000);
    const changes = { name: 'Andy', statusMessage: 'Away', metadata: { team: 'x' }, tags: ['one'] };

    const reply = await call('PUT', '/users/cometchat-uid-1', { body: { ...changes, uid: 'hijack', status: 'online', createdAt: 1, color: 'red' } });

    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatchObject({
      ...changes,
      uid: 'cometchat-uid-1',
      avatar: 'https://assets.cometchat.io/sampleapp/v2/users/cometchat-uid-1.webp',
      status: 'offline',
      createdAt: 1630306819,
    });
    expect(reply.body.data).not.toHaveProperty('color');
    expect(reply.body.data.updatedAt).toBeGreaterThanOrEqual(before);
    expect((await call('GET', '/users/cometchat-uid-1')).body.data.name).toBe('Andy');
  });

  it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
    ['a blank name', { name: '' }, { name: ['The name field is required.'] }],
    ['a link that is a number', { link: 1 }, { link: ['The link must be a string.'] }],
    ['tags that are an object', { tags: {} }, { tags: ['The tags must be an array.'] }],
    ['metadata that is null and tags that are null', { metadata: null, tags: null }, {}],
  ])('should validate %s', async (_, body, details) => {
    const reply = await call('PUT', '/users/cometchat-uid-1', { body });

    if (Object.keys(details).length === 0) expect(reply.status).toBe(200);
    else expect(reply.body.error).toEqual({ code: 'ERR_BAD_REQUEST', message: 'Failed to validate the data.', details });
  });

  it('should answer ERR_UID_NOT_FOUND for an unknown or deleted uid', async () => {
    await call('DELETE', '/users/cometchat-uid-2');

    const unknown = await call('PUT', '/users/ghost', { body: { name: 'G' } });
    const deleted = await call('PUT', '/users/cometchat-uid-2', { body: { name: 'G' } });

    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('The UID ghost does not exist, please make sure you have created a user with UID ghost.');
    expect(deleted.body.error.code).toBe('ERR_UID_NOT_FOUND');
  });
});

describe('DELETE users/{uid}', () => {
  it('should answer with CometChat’s success message', async () => {
    const reply = await call('DELETE', '/users/COMETCHAT-UID-4');

    expect(reply.body).toEqual({ data: { success: true, message: 'User with cometchat-uid-4 has been deleted successfully.' } });
  });

  it.each([false, true])('should make the user unknown to look-ups and login (permanent: %s)', async (permanent) => {
    await call('DELETE', '/users/cometchat-uid-4', { body: { permanent } });

    const lookup = await call('GET', '/users/cometchat-uid-4');
    const login = await call('POST', '/users/cometchat-uid-4/auth_tokens', { key: 'auth' });
    const again = await call('DELETE', '/users/cometchat-uid-4');

    expect([lookup.body.error.code, login.body.error.code, again.body.error.code]).toEqual([
      'ERR_UID_NOT_FOUND',
      'ERR_UID_NOT_FOUND',
      'ERR_UID_NOT_FOUND',
    ]);
    expect(() => state.issueAuthToken('cometchat-uid-4')).toThrow(/cometchat-uid-4/);
  });

  it.each([false, true])('should end every session of the user (permanent: %s)', async (permanent) => {
    const tokens = [state.issueAuthToken('cometchat-uid-4'), state.issueAuthToken('cometchat-uid-4')];
    const other = state.issueAuthToken('cometchat-uid-5');

    await call('DELETE', '/users/cometchat-uid-4', { body: { permanent } });

    for (const { authToken, jwt } of tokens) {
      for (const [method, path] of [
        ['PUT', '/me'],
        ['GET', '/me'],
        ['GET', '/users/cometchat-uid-5'],
      ]) {
        expect((await callAsClient(method!, path!, authToken)).body.error.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
      }
      expect(state.findSession(authToken)).toBeUndefined();
      expect(state.findSessionByJwt(jwt)).toBeUndefined();
    }
    expect((await callAsClient('PUT', '/me', other.authToken)).status).toBe(200);
  });

  it.each<[boolean, number, string | undefined]>([
    [false, 400, 'ERR_UID_ALREADY_EXISTS'],
    [true, 200, undefined],
  ])('should keep the uid reserved unless permanent (permanent: %s)', async (permanent, status, code) => {
    await call('DELETE', '/users/cometchat-uid-4', { body: { permanent } });

    const reply = await call('POST', '/users', { body: { uid: 'cometchat-uid-4', name: 'Reborn' } });

    expect(reply.status).toBe(status);
    expect(reply.body.error?.code).toBe(code);
  });

  it('should permanently delete a user deleted before, freeing its uid', async () => {
    await call('DELETE', '/users/cometchat-uid-4');

    const purge = await call('DELETE', '/users/cometchat-uid-4', { body: { permanent: true } });
    const recreate = await call('POST', '/users', { body: { uid: 'cometchat-uid-4', name: 'Reborn' } });

    expect(purge.body.data.success).toBe(true);
    expect(recreate.status).toBe(200);
  });

  it('should refuse a permanent flag that is not a boolean', async () => {
    const reply = await call('DELETE', '/users/cometchat-uid-4', { body: { permanent: 'yes' } });

    expect(reply.body.error.details).toEqual({ permanent: ['The permanent field must be true or false.'] });
    expect(state.findUser('cometchat-uid-4')).toBeDefined();
  });

  it('should answer ERR_UID_NOT_FOUND for an unknown uid', async () => {
    const reply = await call('DELETE', '/users/ghost');

    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('ERR_UID_NOT_FOUND');
  });
});
