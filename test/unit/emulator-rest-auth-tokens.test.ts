/**
 * The emulator's REST API v3 for servers (protocol doc §8), a user's auth tokens (`users/{uid}/auth_tokens`), and
 * the one place every way a token can end is reported (`onRevoke`).
 */
import { describe, expect, it } from 'vitest';
import { MAX_TOKENS_PER_USER } from '@/emulator/state/emulator-state';
import type { AuthSession } from '@/emulator/state/tokens';
import { call, callAsClient, serveApisForEachTest, state } from './support/rest-api';

serveApisForEachTest();

describe('users/{uid}/auth_tokens', () => {
  it('should list a user’s tokens, oldest first, without session secrets', async () => {
    const first = state.issueAuthToken('cometchat-uid-1');
    const second = state.issueAuthToken('cometchat-uid-1');
    state.issueAuthToken('cometchat-uid-2');

    const reply = await call('GET', '/users/cometchat-uid-1/auth_tokens');

    expect(reply.body).toEqual({
      data: [first, second].map(({ authToken, createdAt }) => ({ authToken, uid: 'cometchat-uid-1', createdAt })),
    });
  });

  it('should list no tokens for a user that has none', async () => {
    expect((await call('GET', '/users/cometchat-uid-3/auth_tokens')).body).toEqual({ data: [] });
  });

  it.each(['GET', 'PUT'])('should answer %s of one token with the token', async (method) => {
    const { authToken, createdAt } = state.issueAuthToken('cometchat-uid-1');

    const reply = await call(method, `/users/cometchat-uid-1/auth_tokens/${authToken}`, method === 'PUT' ? { body: { platform: 'WEB' } } : {});

    expect(reply.body).toEqual({ data: { authToken, uid: 'cometchat-uid-1', createdAt } });
  });

  it('should delete one token, ending its session and no other', async () => {
    const revoked = state.issueAuthToken('cometchat-uid-1').authToken;
    const kept = state.issueAuthToken('cometchat-uid-1').authToken;

    const reply = await call('DELETE', `/users/cometchat-uid-1/auth_tokens/${revoked}`);

    expect(reply.body).toEqual({ data: { success: true, message: `Auth token ${revoked} has been deleted successfully.` } });
    expect((await callAsClient('PUT', '/me', revoked)).body.error.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
    expect((await callAsClient('PUT', '/me', kept)).status).toBe(200);
  });

  it('should flush every token of the user and no other user’s', async () => {
    const tokens = [state.issueAuthToken('cometchat-uid-1').authToken, state.issueAuthToken('cometchat-uid-1').authToken];
    const other = state.issueAuthToken('cometchat-uid-2').authToken;

    const reply = await call('DELETE', '/users/cometchat-uid-1/auth_tokens');

    expect(reply.body).toEqual({ data: { success: true, message: 'All auth tokens of cometchat-uid-1 have been deleted successfully.' } });
    for (const token of tokens) expect((await callAsClient('PUT', '/me', token)).body.error.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
    expect((await callAsClient('PUT', '/me', other)).status).toBe(200);
    expect((await call('GET', '/users/cometchat-uid-1/auth_tokens')).body.data).toEqual([]);
  });

  it.each([
    ['an unknown token', () => 'cometchat-uid-1_0000000000000000000000000000000000000000'],
    ['another user’s token', () => state.issueAuthToken('cometchat-uid-2').authToken],
    [
      'a deleted token',
      () => {
        const { authToken } = state.issueAuthToken('cometchat-uid-1');
        state.revokeAuthToken(authToken);
        return authToken;
      },
    ],
  ])('should answer ERR_AUTH_TOKEN_NOT_FOUND for %s', async (_, tokenOf) => {
    const token = tokenOf();

    for (const method of ['GET', 'PUT', 'DELETE']) {
      const reply = await call(method, `/users/cometchat-uid-1/auth_tokens/${token}`);

      expect(reply.status).toBe(404);
      expect(reply.body.error).toEqual({
        code: 'ERR_AUTH_TOKEN_NOT_FOUND',
        message: `The auth token ${token} does not exist for the UID cometchat-uid-1.`,
        details: {},
      });
    }
  });

  it.each([
    ['GET', '/users/ghost/auth_tokens'],
    ['DELETE', '/users/ghost/auth_tokens'],
    ['GET', '/users/ghost/auth_tokens/ghost_0000000000000000000000000000000000000000'],
  ])('should answer ERR_UID_NOT_FOUND for %s %s', async (method, path) => {
    const reply = await call(method, path);

    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('ERR_UID_NOT_FOUND');
  });
});

describe('onRevoke', () => {
  const UID = 'cometchat-uid-1';
  it.each<[string, (session: AuthSession) => unknown]>([
    ['logout (DELETE me)', ({ authToken }) => callAsClient('DELETE', '/me', authToken)],
    ['deleting the token', ({ authToken }) => call('DELETE', `/users/${UID}/auth_tokens/${authToken}`)],
    ['flushing the user’s tokens', () => call('DELETE', `/users/${UID}/auth_tokens`)],
    ['deleting the user', () => call('DELETE', `/users/${UID}`)],
    ['deleting the user permanently', () => call('DELETE', `/users/${UID}`, { body: { permanent: true } })],
    [
      'passing the per-user cap',
      () => {
        for (let count = 0; count < MAX_TOKENS_PER_USER; count += 1) state.issueAuthToken(UID);
      },
    ],
  ])('should fire once for the token when it ends by %s', async (_, end) => {
    const session = state.issueAuthToken(UID);
    const revoked: AuthSession[] = [];
    state.onRevoke((ended) => revoked.push(ended));

    await end(session);

    expect(revoked.filter((ended) => ended.authToken === session.authToken)).toEqual([session]);
    expect((await callAsClient('PUT', '/me', session.authToken)).body.error.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
  });
});
