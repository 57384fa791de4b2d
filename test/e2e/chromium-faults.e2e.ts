import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type FaultKind } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { createHiddenTargets } from './support/hidden-targets';
import { PanelPage } from './support/panel-page';
import { PopupPage } from './support/popup-page';

/** What the stored state looks like, read from the extension's own IndexedDB. */
async function storedState(page: PopupPage['page']) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('COMETCHAT_SESSION_INSPECTOR');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
    });
    const all = (store: string) =>
      new Promise<unknown[]>((resolve) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
      });
    const [profiles, sessions] = await Promise.all([all('profiles'), all('sessions')]);
    db.close();
    return JSON.stringify({ profiles, sessions });
  });
}

/**
 * A misbehaving CometChat (through the emulator's fault injection) and hostile input: every case ends in
 * a clear CometChat-style error, changes nothing stored, and leaves the popup usable.
 */
describe('server faults and hostile input in Chromium', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  let panel: PanelPage;
  let before: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension();
    popup = new PopupPage(await browser.openPage('popup.html'));
    panel = new PanelPage(await browser.openPage('devtools-panel.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.loginAsTestUser('Nancy Grace');
    await popup.currentUser.getByText('Nancy Grace').waitFor();
    before = await storedState(popup.page);
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it.each([
    ['an HTML 502 from a proxy', 'html-502', 'not JSON'],
    ['a reply cut off mid-JSON', 'truncated-json', 'not JSON'],
    ['a dropped connection', 'drop', 'Could not reach CometChat'],
    ['a 10 MB reply', 'huge-reply', 'larger than 1 MB'],
  ] as Array<[string, FaultKind, string]>)('should turn %s into FAILED_TO_FETCH and keep Nancy Grace', async (_name, kind, message) => {
    emulator.setFault({ route: 'me', kind });

    await popup.loginWithUid('cometchat-uid-4'); // by UID: never a held session, so the request is always made

    await expect.poll(() => popup.error.textContent()).toContain('FAILED_TO_FETCH');
    expect(await popup.error.textContent()).toContain(message);
    expect(await popup.currentUser.textContent()).toContain('Nancy Grace');
    expect(await storedState(popup.page)).toBe(before);
    emulator.clearFaults();
  });

  it('should give up on a server that hangs, after the 15 s timeout, and stay usable', async () => {
    emulator.setFault({ route: 'auth_tokens', kind: 'delay', delayMs: 60_000 });
    const startedAt = Date.now();

    await popup.loginAsTestUser('George Alan');

    await expect.poll(() => popup.error.textContent(), { timeout: 25_000 }).toContain('did not answer within 15 s');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(14_000);
    expect(await storedState(popup.page)).toBe(before);
    emulator.clearFaults();
    await popup.loginAsTestUser('George Alan');
    await expect.poll(() => popup.currentUser.textContent()).toContain('George Alan');
    await popup.loginAsTestUser('Nancy Grace');
    await expect.poll(() => popup.currentUser.textContent()).toContain('Nancy Grace');
    before = await storedState(popup.page);
  }, 45_000);

  it.each([
    ['spaces', '   ', 'MISSING_PARAMETERS'],
    ['101 characters', 'a'.repeat(101), 'ERR_INVALID_UID'],
    ['unicode', 'usér-ü', 'ERR_INVALID_UID'],
    ['a path', '../x', 'ERR_INVALID_UID'],
    ['an encoded slash', '%2F', 'ERR_INVALID_UID'],
  ])('should refuse a UID of %s before any request, changing nothing', async (_name, uid, code) => {
    const requests = emulator.requestLog.length;

    await popup.loginWithUid(uid);

    await expect.poll(() => popup.error.textContent()).toContain(code);
    expect(emulator.requestLog.length).toBe(requests);
    expect(await storedState(popup.page)).toBe(before);
  });

  it.each([
    ['10 kB', 'x'.repeat(10 * 1024), 'ERR_INVALID_AUTH_TOKEN'],
    ['with a space', 'cometchat-uid-1_abc def', 'ERR_INVALID_AUTH_TOKEN'],
  ])('should refuse a token of %s before any request', async (_name, token, code) => {
    const requests = emulator.requestLog.length;

    await popup.loginWithAuthToken(token);

    await expect.poll(() => popup.error.textContent()).toContain(code);
    expect(emulator.requestLog.length).toBe(requests);
  });

  it.each([
    [
      "another user's revoked token",
      () => {
        const token = emulator.createAuthToken('cometchat-uid-5');
        emulator.revokeAuthToken(token);
        return token;
      },
    ],
    ["another app's token", () => 'cometchat-uid-1_1795000000aaaaaaaaaabbbbbbbbbbcccccccccc'],
  ])('should report %s as AUTH_ERR_AUTH_TOKEN_NOT_FOUND and keep the session', async (_name, tokenFor) => {
    await popup.loginWithAuthToken(tokenFor());

    await expect.poll(() => popup.error.textContent()).toContain('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
    expect(await storedState(popup.page)).toBe(before);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)', 'The API host must be'],
    ['file:', 'file:///etc/passwd', 'The API host must be'],
    ['not a URL', 'http://', 'The API host must be'],
    ['plain http to another machine', 'http://chat.example.com', 'Plain http:// is allowed only on this machine'],
    ['carrying a password', 'https://me:secret@chat.example.com', 'may not contain a user name or password'],
    ['carrying a query', 'https://chat.example.com/?appId=x', 'may not have a query'],
  ])('should refuse an API host that is %s and keep the app as it was', async (_name, apiHost, says) => {
    await popup.openApps();
    await popup.page.getByRole('button', { name: /^Edit / }).click();
    await popup.page.getByLabel('API host (optional)').fill(apiHost);
    await popup.page.getByRole('button', { name: 'Save' }).click();

    await expect.poll(() => popup.error.textContent()).toContain('ERR_INVALID_PROFILE');
    expect(await popup.error.textContent()).toContain(says);
    await popup.page.getByRole('button', { name: 'Cancel' }).click();
    await popup.page.getByRole('button', { name: 'Done' }).click();
    expect(await storedState(popup.page)).toBe(before);
  });

  it('should log each failure in the timeline, with the views still in step', async () => {
    const before = await panel.eventCountCaughtUp();

    emulator.setFault({ route: 'me', kind: 'html-502' });
    // By UID, not by tile: a tile of a held session (George Alan, after the hang test) switches without a request.
    await popup.loginWithUid('cometchat-uid-4');
    await expect.poll(() => popup.error.textContent()).toContain('not JSON');
    emulator.clearFaults();
    await popup.loginWithUid('../x');
    await expect.poll(() => popup.error.textContent()).toContain('ERR_INVALID_UID');
    await popup.loginWithAuthToken('cometchat-uid-1_abc def');
    await expect.poll(() => popup.error.textContent()).toContain('ERR_INVALID_AUTH_TOKEN');

    await expect.poll(() => panel.eventCount.textContent()).toBe(`${before + 3} events`);
    expect((await panel.eventTypes()).slice(-3)).toEqual(['loginFailure cometchat-uid-4', 'loginFailure ../x', 'loginFailure —']);
    expect(await panel.currentUser.textContent()).toContain('Nancy Grace');
  });

  // Its first listing ran as one of the view's actions: while it loaded, "Allow site" was disabled, so Enter in the
  // field submitted nothing, and a slow background swallowed the tester's key (seen once in CI, under load). The
  // background is held here with its debugger paused (Chromium's DevTools protocol reaches a service worker; Firefox's
  // does not, and the view is the same file there).
  it('should refuse a typed wildcard in Sites while the background is still listing the allowed sites', async () => {
    const page = await browser.openPage('popup.html');
    await page.getByTestId('current-user').getByText('Nancy Grace').waitFor();
    const hidden = createHiddenTargets(browser.cdp);
    const worker = (await hidden.targets()).find(
      (target) => target.type === 'service_worker' && target.url.startsWith(`chrome-extension://${browser.extensionId}/`),
    );
    const send = await hidden.attach(worker!.targetId);
    await send('Debugger.enable');
    await send('Debugger.pause');
    try {
      await page.getByRole('button', { name: 'Sites', exact: true }).click();
      const field = page.getByLabel('Site to allow', { exact: true });
      await field.waitFor();

      expect(await page.getByRole('button', { name: 'Allow site', exact: true }).isDisabled()).toBe(false);
      await field.fill('https://*');
      await field.press('Enter');
      await expect.poll(() => page.locator('#add-site-error').textContent()).toContain('is not one.');
      expect(await page.getByText('No site allowed yet.').count(), 'the listing is still held').toBe(0);
    } finally {
      await send('Debugger.resume');
      await send('Debugger.disable');
    }
    await page.getByText('No site allowed yet.').waitFor();
    expect(await page.locator('#add-site-error').textContent()).toContain('is not one.');
    await page.close();
  });
});
