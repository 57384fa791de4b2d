import { describe, expect, it } from 'vitest';
import { deathReasonOf, tokenAgeDays, tokenCreatedAt } from '@/lib/cometchat/session-health';
import { CometChatException } from '@/lib/cometchat/exception';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';

async function setUp() {
  const background = createMemoryBackground();
  await background.profiles.saveProfile(PROFILE);
  return background;
}

const tokenOf = async (background: Awaited<ReturnType<typeof setUp>>, uid: string) =>
  (await background.context.readState()).sessions.find((session) => session.uid === uid)!.authToken;

describe('the login rule for a uid already held', () => {
  it('should reuse the held session with no network and log it like a switch', async () => {
    const { service, fake, log, loggedInUser } = await setUp();
    await service.login('cometchat-uid-1', 'popup');
    await service.login('cometchat-uid-2', 'popup');
    fake.calls.length = 0;

    await service.login('cometchat-uid-1', 'popup');

    expect(fake.calls).toEqual([]);
    expect(await loggedInUser()).toMatchObject({ uid: 'cometchat-uid-1' });
    expect((await log.getEvents()).at(-1)).toMatchObject({ type: 'loginSuccess', method: 'switch', uid: 'cometchat-uid-1', source: 'popup' });
  });

  it('should find the held session whatever the case of the typed uid', async () => {
    const { service, fake } = await setUp();
    await service.login('cometchat-uid-1', 'popup');
    fake.calls.length = 0;

    await service.login('  Cometchat-UID-1 ', 'popup');

    expect(fake.calls).toEqual([]);
  });

  it('should mint a new token when asked for a fresh session', async () => {
    const background = await setUp();
    await background.service.login('cometchat-uid-1', 'popup');
    const first = await tokenOf(background, 'cometchat-uid-1');

    await background.service.login('cometchat-uid-1', 'popup', true);

    expect(background.fake.calls).toEqual(['login cometchat-uid-1', 'login cometchat-uid-1']);
    expect(await tokenOf(background, 'cometchat-uid-1')).not.toBe(first);
    expect((await background.log.getEvents()).at(-1)).toMatchObject({ method: 'authKey' });
  });

  it('should log in afresh instead of reusing a session the last check found dead', async () => {
    const background = await setUp();
    await background.service.login('cometchat-uid-1', 'popup');
    background.fake.revoke(await tokenOf(background, 'cometchat-uid-1'));
    await background.service.checkSessions();
    background.fake.calls.length = 0;

    await background.service.login('cometchat-uid-1', 'popup');

    expect(background.fake.calls).toEqual(['login cometchat-uid-1']);
    expect((await background.context.snapshot()).active).toMatchObject({ uid: 'cometchat-uid-1', health: { state: 'ok' } });
  });

  it('should let the keyboard follow the same rule through the request the popup sends', async () => {
    const background = await setUp();
    const view = background.connectView();
    await view.request('login', { uid: 'cometchat-uid-3' });
    background.fake.calls.length = 0;

    await view.request('login', { uid: 'cometchat-uid-3' });
    await view.request('login', { uid: 'cometchat-uid-3', fresh: true });

    expect(background.fake.calls).toEqual(['login cometchat-uid-3']);
  });
});

describe('session health', () => {
  it('should mark a revoked token dead and a live one ok, in one commit, and broadcast it', async () => {
    const background = await setUp();
    await background.service.login('cometchat-uid-1', 'popup');
    await background.service.login('cometchat-uid-2', 'popup');
    background.fake.revoke(await tokenOf(background, 'cometchat-uid-1'));
    const before = (await background.context.snapshot()).revision;

    const report = await background.service.checkSessions();
    const snapshot = await background.context.snapshot();

    expect(report.skipped).toBe(false);
    expect(snapshot.revision).toBe(before + 1);
    const byUid = Object.fromEntries(snapshot.sessions.map((session) => [session.uid, session.health]));
    expect(byUid['cometchat-uid-1']).toMatchObject({ state: 'dead', reason: 'revoked', code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
    expect(byUid['cometchat-uid-2']).toMatchObject({ state: 'ok' });
  });

  it('should say a deleted user', async () => {
    const background = await setUp();
    await background.service.login('cometchat-uid-4', 'popup');
    background.fake.deleteUser('cometchat-uid-4');

    await background.service.checkSessions();

    expect((await background.context.snapshot()).active?.health).toMatchObject({ state: 'dead', reason: 'user-deleted', code: 'ERR_UID_NOT_FOUND' });
  });

  it.each([
    ['app-changed', () => new CometChatException({ code: 'AUTH_ERR_INVALID_APPID', message: 'no such app', details: {} }), 'AUTH_ERR_INVALID_APPID'],
    ['other-user', () => ({ uid: 'someone-else', name: 'Someone' }), undefined],
    ['user-deleted', () => ({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', deactivatedAt: 1_700_000_000 }), undefined],
  ] as const)('should say %s', async (reason, answer, code) => {
    const background = await setUp();
    await background.service.login('cometchat-uid-1', 'popup');
    background.fake.answerGetMe(answer);

    await background.service.checkSessions();

    const health = (await background.context.snapshot()).active?.health;
    expect(health).toMatchObject({ state: 'dead', reason });
    expect(health?.code).toBe(code);
  });

  it('should leave the verdict as it was when CometChat cannot be reached, and say why', async () => {
    const background = await setUp();
    await background.service.login('cometchat-uid-1', 'popup');
    const before = (await background.context.snapshot()).active?.health;
    background.fake.setUnreachable();

    const report = await background.service.checkSessions();

    expect(report.results[0]).toMatchObject({ uid: 'cometchat-uid-1', error: { code: 'FAILED_TO_FETCH' } });
    expect((await background.context.snapshot()).active?.health).toEqual(before);
  });

  it('should check at most once a minute when throttled, and always when asked directly', async () => {
    const background = await setUp();
    await background.service.login('cometchat-uid-1', 'popup');
    background.fake.calls.length = 0;

    await background.service.checkSessions(true);
    const again = await background.service.checkSessions(true);
    await background.service.checkSessions();

    expect(again.skipped).toBe(true);
    expect(background.fake.calls).toEqual(['getMe', 'getMe']);
  });

  it('should read a session stored without health (an older version) as not checked', async () => {
    const background = await setUp();
    await background.service.login('cometchat-uid-1', 'popup');
    const state = await background.context.readState();
    const { health: _health, ...old } = state.sessions[0]!;
    await background.store.write(({ sessions }) => sessions.put(old));

    expect((await background.context.snapshot()).active).toMatchObject({ uid: 'cometchat-uid-1', health: null });
  });
});

describe('forget with revoke', () => {
  it('should revoke the token on the server, then forget the session', async () => {
    const background = await setUp();
    await background.service.login('cometchat-uid-1', 'popup');
    const token = await tokenOf(background, 'cometchat-uid-1');

    await expect(background.service.forgetSession('cometchat-uid-1', true)).resolves.toEqual({ revoked: true });

    expect((await background.context.readState()).sessions).toEqual([]);
    await expect(background.fake.client.loginWithAuthToken(token)).rejects.toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
  });

  it('should say the server no longer knew the token', async () => {
    const background = await setUp();
    await background.service.login('cometchat-uid-1', 'popup');
    background.fake.revoke(await tokenOf(background, 'cometchat-uid-1'));

    await expect(background.service.forgetSession('cometchat-uid-1', true)).resolves.toEqual({ revoked: false });
  });

  it('should keep the session when the revoke fails for another reason, and forget without asking by default', async () => {
    const background = await setUp();
    await background.service.login('cometchat-uid-1', 'popup');
    background.fake.failNextLogout(new CometChatException({ code: 'FAILED_TO_FETCH', message: 'offline', details: {} }));

    await expect(background.service.forgetSession('cometchat-uid-1', true)).rejects.toMatchObject({ code: 'FAILED_TO_FETCH' });
    expect((await background.context.readState()).sessions).toHaveLength(1);

    background.fake.calls.length = 0;
    await expect(background.service.forgetSession('cometchat-uid-1')).resolves.toEqual({ revoked: null });
    expect(background.fake.calls).toEqual([]);
  });
});

describe('token helpers', () => {
  it('should read the minting time from a CometChat token', () => {
    expect(tokenCreatedAt('cometchat-uid-1_1700000000abcdef0123456789abcdef01234567')).toBe(1_700_000_000);
    expect(tokenCreatedAt('cometchat-uid-1_token-3')).toBeNull();
    expect(tokenCreatedAt('x_0000000001abcdef0123456789abcdef01234567')).toBeNull();
    expect(tokenAgeDays(1_700_000_000, 1_700_000_000_000 + 3 * 86_400_000 + 5)).toBe(3);
  });

  it('should map CometChat codes to reasons, and leave network failures undecided', () => {
    expect(deathReasonOf('AUTH_ERR_AUTH_TOKEN_NOT_FOUND')).toBe('revoked');
    expect(deathReasonOf('ERR_UID_NOT_FOUND')).toBe('user-deleted');
    expect(deathReasonOf('AUTH_ERR_INVALID_APPID')).toBe('app-changed');
    expect(deathReasonOf('FAILED_TO_FETCH')).toBeNull();
  });
});
