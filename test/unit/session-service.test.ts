import { describe, expect, it, vi } from 'vitest';
import { CometChatException } from '@/lib/cometchat/exception';
import { maskSecret } from '@/lib/mask';
import { readState } from '@/lib/store/state';
import type { KnownFacts } from '@/lib/store/transaction';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';

type Background = ReturnType<typeof createMemoryBackground>;

const pick = ({ epoch, revision, lastSeq, lastLoginError }: KnownFacts): KnownFacts => ({ epoch, revision, lastSeq, lastLoginError });

async function setUp() {
  const background = createMemoryBackground();
  await background.profiles.saveProfile(PROFILE);
  return background;
}

describe('session service', () => {
  it('should refuse to log in before an app is set up', async () => {
    const { service } = createMemoryBackground();

    await expect(service.login('cometchat-uid-1', 'popup')).rejects.toMatchObject({ code: 'ERR_APP_NOT_CONFIGURED' });
  });

  it('should hold a fresh login as the active session', async () => {
    const { service, loggedInUser } = await setUp();

    const user = await service.login('cometchat-uid-3', 'popup');

    expect(user.name).toBe('Nancy Grace');
    expect(await loggedInUser()).toMatchObject({ uid: 'cometchat-uid-3' });
  });

  it('should leave the stored session as it was when a login fails', async () => {
    const { service, context, log } = await setUp();
    await service.login('cometchat-uid-1', 'popup');
    const before = await context.readState();

    await expect(service.login('nobody', 'popup')).rejects.toMatchObject({ code: 'ERR_UID_NOT_FOUND' });
    const after = await context.readState();

    expect(after.activeUid).toBe('cometchat-uid-1');
    expect(after.sessions).toEqual(before.sessions);
    expect((await log.getEvents()).at(-1)).toMatchObject({ type: 'loginFailure', uid: 'nobody', error: { code: 'ERR_UID_NOT_FOUND' } });
  });

  it('should say a login by uid needs the Auth Key in an app without one, and log in with a token there', async () => {
    const { service, profiles, fake, log } = createMemoryBackground();
    await profiles.saveProfile({ ...PROFILE, authKey: '' });

    await expect(service.login('cometchat-uid-1', 'popup')).rejects.toMatchObject({ code: 'ERR_NO_AUTH_KEY' });
    expect(fake.calls).toEqual([]);
    expect((await log.getEvents()).at(-1)).toMatchObject({ type: 'loginFailure', uid: 'cometchat-uid-1', error: { code: 'ERR_NO_AUTH_KEY' } });

    // A token minted elsewhere (by the app's server) still logs in.
    const token = (await fake.client.login('cometchat-uid-2', 'good-key')).authToken;
    await expect(service.loginWithAuthToken(token, 'popup')).resolves.toMatchObject({ uid: 'cometchat-uid-2' });
  });

  it('should switch to a held session without any network call', async () => {
    const { service, fake } = await setUp();
    await service.login('cometchat-uid-1', 'popup');
    await service.login('cometchat-uid-2', 'popup');
    fake.calls.length = 0;

    const user = await service.switchSession('cometchat-uid-1', 'devtools-panel');

    expect(user.uid).toBe('cometchat-uid-1');
    expect(fake.calls).toEqual([]);
  });

  it('should decide a login from the state it last committed, reading no IndexedDB before the commit', async () => {
    const { service, store, fake, loggedInUser } = await setUp();
    await service.login('cometchat-uid-1', 'popup');
    await service.login('cometchat-uid-2', 'popup');
    const read = vi.spyOn(store, 'read');

    // A held uid (a switch, no network) and a fresh one: the app and its sessions come from memory (~4 ms of IndexedDB
    // reads on a busy machine before the first request).
    await service.login('cometchat-uid-1', 'popup');
    fake.calls.length = 0;
    await service.login('cometchat-uid-3', 'popup');

    expect(read).not.toHaveBeenCalled();
    expect(fake.calls).toHaveLength(1);
    expect(await loggedInUser()).toMatchObject({ uid: 'cometchat-uid-3' });
  });

  it('should read the stored sessions again once a write outside a command may have changed the state', async () => {
    const { service, store, context } = await setUp();
    await service.login('cometchat-uid-1', 'popup');
    // A login's outcome logged as a note (no view does this; a login is a command): it moves the last login error.
    await context.record({ type: 'loginFailure', appId: PROFILE.appId, uid: 'cometchat-uid-9', source: 'popup', at: 0, durationMs: 0 });
    const read = vi.spyOn(store, 'read');

    await service.switchSession('cometchat-uid-1', 'popup');

    expect(read).toHaveBeenCalled();
  });

  it('should tell each write the facts stored as they are, so that it reads none of them', async () => {
    const { service, store, context } = await setUp();
    await service.login('cometchat-uid-3', 'popup');
    const told: Array<{ told: KnownFacts | undefined; stored: KnownFacts }> = [];
    const write = store.write.bind(store);
    vi.spyOn(store, 'write').mockImplementation(async (body, known) => {
      const { epoch, revision, lastSeq, lastLoginError } = await store.read(readState);
      told.push({ told: known && pick(known), stored: { epoch, revision, lastSeq, lastLoginError } });
      return write(body, known);
    });

    // A fresh login, a failed one (its error stored), an app's own event (a note), a switch, a fresh login again.
    await service.login('cometchat-uid-1', 'popup');
    await expect(service.login('nobody', 'popup')).rejects.toMatchObject({ code: 'ERR_UID_NOT_FOUND' });
    await context.record({
      type: 'loginSuccess',
      appId: PROFILE.appId,
      uid: 'cometchat-uid-2',
      source: 'page',
      target: 'page',
      at: 0,
      durationMs: 0,
    });
    await service.switchSession('cometchat-uid-3', 'popup');
    await service.login('cometchat-uid-5', 'popup');

    expect(told).toHaveLength(5);
    for (const { told: facts, stored } of told) expect(facts).toEqual(stored);
    expect(await context.readState()).toMatchObject({ activeUid: 'cometchat-uid-5', lastLoginError: null, lastSeq: 6 });
  });

  it('should log in with a token and hold the session it belongs to', async () => {
    const { service } = await setUp();
    await service.login('cometchat-uid-5', 'popup');
    const token = await service.revealSecret('cometchat-uid-5', 'authToken');
    await service.logout('popup').catch(() => undefined);
    await service.login('cometchat-uid-2', 'popup');

    await expect(service.loginWithAuthToken(token, 'popup')).rejects.toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
    const fresh = await service.revealSecret('cometchat-uid-2', 'authToken');
    const user = await service.loginWithAuthToken(`  ${fresh} `, 'popup');

    expect(user.uid).toBe('cometchat-uid-2');
  });

  it('should answer logout without a session with ERR_NOT_LOGGED_IN', async () => {
    const { service } = await setUp();

    const error = await service.logout('popup').catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(CometChatException);
    expect(error).toMatchObject({ code: 'ERR_NOT_LOGGED_IN', message: 'No active user session.' });
  });

  it('should clear the local session even when the server logout fails, as the SDK does', async () => {
    const { service, fake, context, log } = await setUp();
    await service.login('cometchat-uid-1', 'popup');
    fake.failNextLogout(new CometChatException({ code: 'FAILED_TO_FETCH', message: 'offline', details: {} }));

    await expect(service.logout('popup')).rejects.toMatchObject({ code: 'FAILED_TO_FETCH' });
    const state = await context.readState();

    expect(state.activeUid).toBeNull();
    expect((await log.getEvents()).at(-1)).toMatchObject({ type: 'logoutFailure', error: { code: 'FAILED_TO_FETCH' } });
  });

  it('should run concurrent commands one at a time in arrival order', async () => {
    const { service, context, log, fake } = await setUp();
    const release = fake.holdLogins();

    const first = service.login('cometchat-uid-1', 'popup');
    const second = service.login('cometchat-uid-2', 'devtools-panel');
    release();
    await Promise.all([first, second]);
    const state = await context.readState();

    expect(state.activeUid).toBe('cometchat-uid-2');
    expect((await log.getEvents()).map((event) => [event.seq, event.uid])).toEqual([
      [1, 'cometchat-uid-1'],
      [2, 'cometchat-uid-2'],
    ]);
  });

  it('should keep the sessions of the app when its settings are saved again without an Auth Key', async () => {
    const { service, profiles, loggedInUser } = await setUp();
    await service.login('cometchat-uid-1', 'popup');

    await profiles.saveProfile({ ...PROFILE, authKey: '', label: 'Renamed' });

    expect(await loggedInUser()).toMatchObject({ uid: 'cometchat-uid-1' });
    await expect(service.login('cometchat-uid-2', 'popup')).resolves.toMatchObject({ uid: 'cometchat-uid-2' });
  });

  it('should never put the Auth Key or a token in a snapshot', async () => {
    const { service, context } = await setUp();
    await service.login('cometchat-uid-1', 'popup');
    const token = await service.revealSecret('cometchat-uid-1', 'authToken');

    const text = JSON.stringify(await context.snapshot());

    expect(text).not.toContain(PROFILE.authKey);
    expect(text).not.toContain(token);
    expect(text).not.toContain(`jwt-${token}`);
  });

  it.each([
    [
      'the Auth Key CometChat refused',
      async ({ profiles, service }: Background) => {
        await profiles.saveProfile({ ...PROFILE, authKey: 'wrong-key-123' });
        return { attempt: service.login('cometchat-uid-1', 'popup'), secret: 'wrong-key-123' };
      },
    ],
    [
      'a pasted token CometChat refused',
      async ({ service }: Background) => {
        const pasted = 'stranger_pasted-token-xyz';
        return { attempt: service.loginWithAuthToken(pasted, 'popup'), secret: pasted };
      },
    ],
  ])('should mask %s in the error and in the stored log', async (_name, arrange) => {
    const background = await setUp();
    const { attempt, secret } = await arrange(background);

    const error = (await attempt.catch((thrown: unknown) => thrown)) as CometChatException;
    const stored = JSON.stringify(await background.log.getEvents());

    expect(error.message).toContain('does not exist');
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(stored).not.toContain(secret);
    expect(stored).toContain(maskSecret(secret));
  });
});
