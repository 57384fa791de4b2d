import { describe, expect, it } from 'vitest';
import { REDACTED } from '@/lib/redact';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';

async function setUp() {
  const background = createMemoryBackground();
  await background.profiles.saveProfile(PROFILE);
  return background;
}

describe('event log service', () => {
  it('should keep numbering after the log is cleared, so views never see a number twice', async () => {
    const { service, log } = await setUp();
    await service.login('cometchat-uid-1', 'popup');
    await service.login('cometchat-uid-2', 'popup');

    await log.clearEvents();
    await service.login('cometchat-uid-3', 'popup');

    expect((await log.getEvents()).map((event) => event.seq)).toEqual([3]);
  });

  it('should export the log with no Auth Key, token or jwt in it', async () => {
    const { service, log } = await setUp();
    await service.login('cometchat-uid-1', 'popup');
    const token = await service.revealSecret('cometchat-uid-1', 'authToken');
    const jwt = await service.revealSecret('cometchat-uid-1', 'jwt');
    await service.loginWithAuthToken(`${token}-typo`, 'popup').catch(() => undefined);

    const exported = await log.exportEvents();

    expect(JSON.parse(exported).events).toHaveLength(2);
    expect(exported).not.toContain(token);
    expect(exported).not.toContain(jwt);
    expect(exported).not.toContain(PROFILE.authKey);
  });

  it('should redact anything shaped like a CometChat token or a JWT, known or not', async () => {
    const { log, store } = await setUp();
    const foreignToken = 'someone_1700000000abcdefabcdefabcdefabcdefabcdef';
    // A log written before errors were masked on the way in (or by hand): the export must still leave secrets out.
    await store.write(({ events }) =>
      events.append({
        type: 'loginFailure',
        appId: 'app-1',
        durationMs: 3,
        at: 1,
        source: 'devtools-panel',
        error: { code: 'X', message: `bad ${foreignToken} eyJa.eyJb.c1`, details: {} },
      }),
    );

    const exported = await log.exportEvents();

    expect(exported).not.toContain(foreignToken);
    expect(exported).not.toContain('eyJa.eyJb.c1');
    expect(exported).toContain(REDACTED);
  });

  it('should mask secrets and bound the size of a reported page error before storing it', async () => {
    const { log, service } = await setUp();
    await service.login('cometchat-uid-1', 'popup');
    const held = await service.revealSecret('cometchat-uid-1', 'authToken');
    const foreignToken = 'someone_1700000000abcdefabcdefabcdefabcdefabcdef';

    const event = await log.reportPageEvent(
      {
        type: 'loginFailure',
        appId: 'app-1',
        durationMs: 3,
        pageOrigin: 'http://127.0.0.1:1',
        error: { code: 'X', message: `bad ${foreignToken} and ${held}`, details: { padding: 'x'.repeat(200_000), key: PROFILE.authKey } },
      },
      'devtools-panel',
    );

    const stored = JSON.stringify(await log.getEvents());
    expect(stored).not.toContain(foreignToken);
    expect(stored).not.toContain(held);
    expect(stored).not.toContain(`"${PROFILE.authKey}"`);
    expect(stored.length).toBeLessThan(10_000);
    expect(event.error).toMatchObject({ details: { truncated: true } });
  });

  it("should record a page event as the panel reported it, marked as the page's", async () => {
    const { log } = await setUp();

    const event = await log.reportPageEvent(
      { type: 'loginSuccess', appId: 'app-1', uid: 'cometchat-uid-4', durationMs: 812, pageOrigin: 'http://127.0.0.1:5173' },
      'devtools-panel',
    );

    expect(event).toMatchObject({
      type: 'loginSuccess',
      uid: 'cometchat-uid-4',
      target: 'page',
      source: 'devtools-panel',
      pageOrigin: 'http://127.0.0.1:5173',
    });
  });

  it.each([
    ['an unknown type', { type: 'hack' }],
    ['no duration', { durationMs: undefined }],
  ])('should refuse a page event with %s', async (_name, change) => {
    const { log } = await setUp();
    const report = { type: 'loginSuccess', appId: 'a', durationMs: 1, pageOrigin: 'o', ...change } as never;

    await expect(log.reportPageEvent(report, 'devtools-panel')).rejects.toMatchObject({ code: 'MISSING_PARAMETERS' });
  });
});

describe('page sessions', () => {
  it("should mint a fresh token for a uid without touching the extension's own session", async () => {
    const { service, pages, loggedInUser } = await setUp();
    await service.login('cometchat-uid-1', 'popup');
    const extensionToken = await service.revealSecret('cometchat-uid-1', 'authToken');

    const grant = await pages.preparePageSession({ uid: 'cometchat-uid-4' });

    expect(grant).toMatchObject({ user: { uid: 'cometchat-uid-4', name: 'Susan Marie' }, jwt: expect.any(String) });
    expect(grant.authToken).not.toBe(extensionToken);
    expect(await loggedInUser()).toMatchObject({ uid: 'cometchat-uid-1' });
  });

  it('should give a page a fresh token of a held session, never the one the extension holds', async () => {
    const { service, pages, fake } = await setUp();
    await service.login('cometchat-uid-2', 'popup');
    const held = await service.revealSecret('cometchat-uid-2', 'authToken');
    fake.calls.length = 0;

    const grant = await pages.preparePageSession({ heldUid: 'cometchat-uid-2' });
    expect(fake.calls).toEqual(['login cometchat-uid-2']);
    await pages.revokeAuthToken(grant.authToken);

    expect(grant.user.uid).toBe('cometchat-uid-2');
    expect(grant.authToken).not.toBe(held);
    // The page's logout ended the page's token only: the extension's session still works.
    await expect(service.loginWithAuthToken(held, 'popup')).resolves.toMatchObject({ uid: 'cometchat-uid-2' });
  });

  it("should refuse to revoke a token the extension holds, and keep the extension's session", async () => {
    const { service, pages } = await setUp();
    await service.login('cometchat-uid-2', 'popup');
    const held = await service.revealSecret('cometchat-uid-2', 'authToken');

    await expect(pages.revokeAuthToken(held)).rejects.toMatchObject({ code: 'ERR_TOKEN_HELD' });
    await expect(service.loginWithAuthToken(held, 'popup')).resolves.toMatchObject({ uid: 'cometchat-uid-2' });
  });

  it('should refuse a token the server does not know', async () => {
    const { pages } = await setUp();

    await expect(pages.preparePageSession({ authToken: 'nope' })).rejects.toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
  });

  it('should say when a token to revoke was already unknown to the server', async () => {
    const { pages } = await setUp();
    const grant = await pages.preparePageSession({ uid: 'cometchat-uid-3' });

    await expect(pages.revokeAuthToken(grant.authToken)).resolves.toEqual({ revoked: true });

    await expect(pages.revokeAuthToken(grant.authToken)).resolves.toEqual({ revoked: false });
    await expect(pages.preparePageSession({ authToken: grant.authToken })).rejects.toMatchObject({ code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' });
  });
});

describe('held sessions', () => {
  it('should forget a held session and clear it as the active one', async () => {
    const { service, loggedInUser } = await setUp();
    await service.login('cometchat-uid-5', 'popup');

    await service.forgetSession('cometchat-uid-5');

    expect(await loggedInUser()).toBeNull();
    await expect(service.switchSession('cometchat-uid-5', 'popup')).rejects.toMatchObject({ code: 'ERR_SESSION_NOT_HELD' });
  });
});
