import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { FixtureApp } from './support/fixture-app';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { PanelPage } from './support/panel-page';
import { PopupPage } from './support/popup-page';
import { openPanelInspecting } from './support/stubbed-devtools';
import { siteOf } from '@/lib/sites';

/**
 * The panel switching the session of a real web app that uses the official SDK against the emulator.
 * The panel runs as a tab whose `devtools.inspectedWindow` evaluates in that app's page (the real
 * DevTools path is covered in devtools.e2e.ts).
 */
describe('page session through the panel in Chromium', () => {
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let browser: ChromiumWithExtension;
  let app: FixtureApp;
  let panel: PanelPage;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    browser = await launchChromiumWithExtension({ acceptSelfSigned: true, allowedSites: [siteOf(fixtures.url)] });
    const popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.page.close();

    app = new FixtureApp(await browser.context.newPage());
    await app.open(fixtures.url, emulator.appId, emulator.hostAndPort);
    await app.login('cometchat-uid-1', emulator.authKey);

    const panelPage = await browser.context.newPage();
    await panelPage.setViewportSize({ width: 1000, height: 900 });
    await openPanelInspecting(panelPage, app.page, `chrome-extension://${browser.extensionId}/devtools-panel.html`);
    panel = new PanelPage(panelPage);
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await emulator?.close();
  });

  it("should show cometchat-uid-1 as the page's own user, with its app and hosts", async () => {
    await expect.poll(() => panel.pageUser.textContent()).toContain('Andrew Joseph');

    const text = await panel.pageUser.textContent();
    expect(text).toContain('cometchat-uid-1');
    expect(text).toContain(emulator.appId);
    expect(text).toContain(emulator.hostAndPort);
    // The app's own requests are in the timeline, its longest line in a 630 px list: nothing in it runs under the next
    // cell, and the request shows whole (its source gives way first).
    const request = panel.page.locator('.event-type', { hasText: 'POST users/cometchat-uid-1/auth_tokens → 200' });
    await expect.poll(() => request.count()).toBe(1);
    expect(await panel.unreadableTimelineCells()).toEqual([]);
    const widths = await request.evaluate((cell) => {
      const text = document.createRange();
      text.selectNodeContents(cell);
      return { text: text.getBoundingClientRect().width, shown: cell.getBoundingClientRect().width };
    });
    expect(widths.text, "the request's width, against its cell's").toBeLessThanOrEqual(widths.shown);
    await panel.screenshot('chromium-panel-page-session');
  });

  it("should switch the page to cometchat-uid-4, verified by the page's own SDK, once the tester agreed to this site", async () => {
    await panel.switchPageTo('Susan Marie');

    // The first write of this app's sessions into the site asks, naming the origin the browser reports for the tab.
    await expect.poll(() => panel.pageQuestion.textContent()).toContain(`Site: ${fixtures.url}`);
    expect(await app.loggedInUid()).toBe('cometchat-uid-1');
    await panel.answerPageQuestion('Yes, write into this site');

    await expect.poll(() => panel.pageStatus.textContent()).toContain('The page is now logged in as Susan Marie (cometchat-uid-4).');
    expect(await panel.pageStatus.textContent()).toContain("Verified by the page's own CometChat SDK.");
    expect(await app.loggedInUid()).toBe('cometchat-uid-4');
    expect(await app.getUser('cometchat-uid-2')).toEqual({ name: 'George Alan' });
    await expect.poll(() => panel.pageUser.textContent()).toContain('Susan Marie');
    await expect.poll(async () => (await panel.eventTypes()).at(-1)).toBe('loginSuccess cometchat-uid-4');
  });

  it("should drop the switch's message once the app logs itself in as someone else", async () => {
    await app.login('cometchat-uid-1', emulator.authKey);
    await panel.page.bringToFront();
    await panel.page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => panel.pageUser.textContent()).toContain('Andrew Joseph');

    expect(await panel.pageStatus.count(), 'a message that the page runs Susan Marie, under a card that shows Andrew').toBe(0);
    await app.login('cometchat-uid-4', emulator.authKey);
    await panel.page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => panel.pageUser.textContent()).toContain('Susan Marie');
  });

  it('should refuse a revoked token, leave the page as cometchat-uid-4 and say why', async () => {
    const revoked = emulator.createAuthToken('cometchat-uid-2');
    emulator.revokeAuthToken(revoked);

    await panel.switchPageWithToken(revoked);

    await expect.poll(() => panel.pageError.textContent()).toContain('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
    expect(await app.loggedInUid()).toBe('cometchat-uid-4');
    expect(await app.getUser('cometchat-uid-5')).toEqual({ name: 'John Paul' });
    expect(await panel.pageError.textContent()).not.toContain(revoked);
  });

  it('should log the page out and revoke its token', async () => {
    await panel.logOutPage({ revoke: true });

    await expect.poll(() => panel.pageStatus.textContent()).toContain('The page is logged out and its token revoked.');
    expect(await app.loggedInUid()).toBeNull();
    expect(emulator.requestLog).toContainEqual(expect.objectContaining({ method: 'DELETE', route: 'me' }));
  });

  it("should switch a logged-out page to a test user and adopt the page's session into the extension", async () => {
    await panel.switchPageTo('Nancy Grace');
    await expect.poll(() => panel.pageStatus.textContent()).toContain('Nancy Grace (cometchat-uid-3)');

    await panel.adoptPageSession();

    await expect
      .poll(() => panel.pageStatus.textContent())
      .toContain('The extension now holds a session of its own for Nancy Grace (cometchat-uid-3); the page keeps its token.');
    await expect.poll(() => panel.currentUser.textContent()).toContain('Nancy Grace');
    expect(await app.loggedInUid()).toBe('cometchat-uid-3');
  });

  it('should switch the page to a session the extension holds, checked with the server first', async () => {
    await panel.switchPageTo('Susan Marie');
    await expect.poll(() => panel.pageStatus.textContent()).toContain('The page is now logged in as Susan Marie (cometchat-uid-4).');
    const before = emulator.requestLog.length;

    await panel.switchPageTo('Nancy Grace');

    await expect.poll(() => panel.pageStatus.textContent()).toContain('The page is now logged in as Nancy Grace (cometchat-uid-3).');
    expect(await app.loggedInUid()).toBe('cometchat-uid-3');
    // A fresh token for the page: never the one the extension holds.
    expect(emulator.requestLog.slice(before).filter((entry) => entry.method === 'POST' && entry.route.endsWith('auth_tokens'))).toEqual([
      expect.objectContaining({ method: 'POST', route: 'users/cometchat-uid-3/auth_tokens' }),
    ]);
    const held = await heldToken(panel, 'cometchat-uid-3');
    expect(await pageToken(app, emulator.appId)).not.toBe(held);

    // The app logs itself out with its own SDK: its token ends, the extension's does not.
    await app.page.evaluate(() => (window as any).CometChat.logout());
    expect(await app.loggedInUid()).toBeNull();
    expect(await putMeStatus(app, emulator, held)).toBe(200);
    await expect.poll(() => panel.currentUser.textContent()).toContain('Nancy Grace');
  });

  it('should forget a held session from the user inspector', async () => {
    await panel.page.getByRole('button', { name: 'Forget the session of Nancy Grace (cometchat-uid-3)' }).click();
    await panel.page.getByRole('button', { name: 'Forget only' }).click();

    await expect.poll(() => panel.currentUser.textContent()).toContain('No user logged in.');
    expect(await panel.currentUser.getByRole('status').textContent()).toBe(
      'Forgot Nancy Grace (cometchat-uid-3); its token stays valid on the server.',
    );
    expect(await panel.currentUser.textContent()).toContain('Sessions held (0)');
  });

  it("should show the page events in the timeline with the page's origin", async () => {
    await panel.filterByType('loginFailure');

    await expect.poll(() => panel.eventTypes()).toEqual(['loginFailure —']);
    // The row names the page's tab by its origin (the timeline names a row's tab, not its source kind).
    expect(await panel.page.locator('[aria-label="Auth event timeline"]').textContent()).toContain(fixtures.url);
    await panel.filterByType('loginFailure');
  });

  it('should finish a switch whose panel closed in the middle of it, and show the outcome in every other view', async () => {
    const watching = new PanelPage(await browser.openPage('devtools-panel.html', { width: 1000, height: 800 }));
    const asking = await browser.context.newPage();
    await openPanelInspecting(asking, app.page, `chrome-extension://${browser.extensionId}/devtools-panel.html`);
    const closing = new PanelPage(asking);
    await expect.poll(() => closing.pageUser.textContent()).toContain(emulator.appId);
    const logMark = emulator.requestLog.length;
    // The page's token is minted slowly, so the panel can close while the switch is underway.
    emulator.setFault({ route: 'auth_tokens', method: 'POST', kind: 'delay', delayMs: 1500 });
    try {
      await closing.switchPageTo('John Paul');
      await expect
        .poll(() =>
          emulator.requestLog.slice(logMark).some((entry) => entry.method === 'POST' && entry.route === 'users/cometchat-uid-5/auth_tokens'),
        )
        .toBe(true);
      await asking.close();
    } finally {
      emulator.clearFaults();
    }

    await expect.poll(() => app.loggedInUid(), { timeout: 10_000 }).toBe('cometchat-uid-5');
    await expect.poll(async () => (await watching.eventTypes()).at(-1), { timeout: 10_000 }).toBe('loginSuccess cometchat-uid-5');
    await expect.poll(async () => (await panel.eventTypes()).at(-1)).toBe('loginSuccess cometchat-uid-5');
    await watching.page.close();
  });

  it("should switch the page to a user found in the panel's directory", async () => {
    await panel.page.bringToFront();
    await panel.page.getByRole('button', { name: "Show the app's users" }).click();
    const directory = panel.page.getByTestId('directory');
    // The directory lists with a held session's token: none is active yet.
    await expect.poll(() => directory.getByTestId('error').textContent()).toContain('ERR_DIRECTORY_NEEDS_SESSION');
    await panel.adoptPageSession();
    await expect.poll(() => directory.getByTestId('directory-count').textContent()).toBe('5 users');

    await directory.getByLabel('Search users').fill('george');
    await expect.poll(() => directory.getByTestId('directory-count').textContent()).toBe('1 user matching “george”');
    await directory.getByRole('button', { name: 'Switch the page to George Alan (cometchat-uid-2) from the directory' }).click();

    await expect.poll(() => directory.getByRole('status').textContent()).toContain('The page is now logged in as George Alan (cometchat-uid-2).');
    expect(await app.loggedInUid()).toBe('cometchat-uid-2');
    await directory.getByRole('button', { name: 'Done' }).click();
  });

  it('should put the page back and leave no valid token minted for it when the switch does not verify', async () => {
    // The app logs its own user back in on every load, as an app with an auto-login would: a switch cannot verify.
    const own = emulator.createAuthToken('cometchat-uid-5');
    const key = `${emulator.appId}:common_store/user`;
    await app.page.evaluate(({ raw }) => sessionStorage.setItem('fixture-stubborn-user', raw), {
      raw: JSON.stringify(JSON.stringify({ uid: 'cometchat-uid-5', name: 'John Paul', authToken: own })),
    });
    await app.page.addInitScript((userKey) => {
      const stubborn = sessionStorage.getItem('fixture-stubborn-user');
      if (stubborn) localStorage.setItem(userKey, stubborn);
    }, key);
    await app.page.reload();
    expect(await app.loggedInUid()).toBe('cometchat-uid-5');
    const before = await validTokensOf(app, emulator, 'cometchat-uid-2');
    const logMark = emulator.requestLog.length;

    await panel.switchPageTo('George Alan');

    await expect.poll(() => panel.pageError.textContent()).toContain('ERR_PAGE_SWITCH_NOT_VERIFIED');
    expect(await app.loggedInUid()).toBe('cometchat-uid-5');
    // A token was minted for the page, then ended: the server knows no more valid tokens of George than before.
    expect(emulator.requestLog.slice(logMark)).toContainEqual(
      expect.objectContaining({ method: 'POST', route: 'users/cometchat-uid-2/auth_tokens' }),
    );
    await expect.poll(() => validTokensOf(app, emulator, 'cometchat-uid-2')).toEqual(before);
    await app.page.evaluate(() => sessionStorage.removeItem('fixture-stubborn-user'));
  });

  it('should warn when the page stores a session of another app', async () => {
    await app.page.evaluate(() =>
      sessionStorage.setItem('other-app:common_store/user', JSON.stringify(JSON.stringify({ uid: 'someone-else', name: 'Someone Else' }))),
    );
    await panel.page.bringToFront();
    await panel.page.getByRole('button', { name: 'Refresh' }).click();

    await panel.page.getByLabel('Stored app').selectOption({ label: 'other-app (sessionStorage) · someone-else' });

    await expect
      .poll(() => panel.pageSession.getByRole('note').textContent())
      .toContain(`The page uses app other-app, but the extension is set up for ${emulator.appId}`);
    await panel.page.setViewportSize({ width: 420, height: 1100 });
    await panel.screenshot('chromium-panel-narrow');
  });
});

/** The token the extension holds for `uid`, read from its database in one of its own pages. */
function heldToken(panel: PanelPage, uid: string): Promise<string> {
  return panel.page.evaluate(
    (wanted) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('COMETCHAT_SESSION_INSPECTOR');
        open.onerror = () => reject(open.error ?? new Error('IndexedDB failed'));
        open.onsuccess = () => {
          const all = open.result.transaction('sessions').objectStore('sessions').getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve(all.result.find((session: { uid: string }) => session.uid === wanted).authToken);
          };
        };
      }),
    uid,
  );
}

/** The token the page's SDK stored with its user. */
function pageToken(app: FixtureApp, appId: string): Promise<string> {
  return app.page.evaluate((key) => JSON.parse(JSON.parse(localStorage.getItem(key) ?? '""') || 'null')?.authToken, `${appId}:common_store/user`);
}

/** `PUT me` with `token` from the app's page (which trusts the emulator's certificate): 200 while the token is valid. */
/** The tokens of `uid` the emulator still accepts, as its REST API lists them (asked from the app's page, which trusts its certificate). */
function validTokensOf(app: FixtureApp, emulator: Emulator, uid: string): Promise<string[]> {
  return app.page.evaluate(
    async ({ url, appId, apikey, user }) => {
      const reply = await fetch(`${url}/v3/users/${user}/auth_tokens`, { headers: { appid: appId, apikey } });
      return ((await reply.json()).data as Array<{ authToken: string }>).map((token) => token.authToken).sort();
    },
    { url: emulator.url, appId: emulator.appId, apikey: emulator.restApiKey, user: uid },
  );
}

function putMeStatus(app: FixtureApp, emulator: Emulator, token: string): Promise<number> {
  return app.page.evaluate(
    async ({ url, appId, authToken }) =>
      (await fetch(`${url}/v3.0/me`, { method: 'PUT', headers: { appId, authToken, 'Content-Type': 'application/json' }, body: '{}' })).status,
    { url: emulator.url, appId: emulator.appId, authToken: token },
  );
}
