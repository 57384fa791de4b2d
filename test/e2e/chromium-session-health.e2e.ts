import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { PanelPage } from './support/panel-page';
import { PopupPage } from './support/popup-page';

/**
 * The login rule for a held uid, session health and Forget with revoke, in real Chromium against the real emulator:
 * what the tester sees in the popup and the panel, and what the emulator was asked.
 */
describe('session health in Chromium', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  let panel: PanelPage;
  /** George Alan's first session comes from a pasted token. */
  let georgeToken: string;

  /** What the emulator was asked since the last clear, as "METHOD route" (CORS preflights left out). */
  const requests = () => emulator.requestLog.filter((entry) => entry.method !== 'OPTIONS').map(({ method, route }) => `${method} ${route}`);
  const heldRow = (uid: string) => panel.currentUser.locator(`.held-list li[data-uid="${uid}"]`);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension();
    popup = new PopupPage(await browser.openPage('popup.html'));
    panel = new PanelPage(await browser.openPage('devtools-panel.html', { width: 900, height: 900 }));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.currentUser.getByText('No user logged in.').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('should reuse the held session when the same uid logs in again, from the tile and from the UID field, with no request', async () => {
    await popup.loginAsTestUser('Nancy Grace');
    await expect.poll(() => popup.currentUser.textContent()).toContain('cometchat-uid-3');
    georgeToken = emulator.createAuthToken('cometchat-uid-2');
    await popup.loginWithAuthToken(georgeToken);
    await expect.poll(() => popup.currentUser.textContent()).toContain('George Alan');
    emulator.requestLog.length = 0;

    await popup.loginAsTestUser('Nancy Grace');
    await expect.poll(() => popup.currentUser.textContent()).toContain('Nancy Grace');
    await popup.loginWithUid('cometchat-uid-2');
    await expect.poll(() => popup.currentUser.textContent()).toContain('George Alan');
    await popup.loginWithUid('cometchat-uid-3');
    await expect.poll(() => popup.currentUser.textContent()).toContain('Nancy Grace');

    expect(requests()).toEqual([]);
    await expect
      .poll(() => panel.eventTypes())
      .toEqual([
        'loginSuccess cometchat-uid-3',
        'loginSuccess cometchat-uid-2',
        'loginSuccess cometchat-uid-3',
        'loginSuccess cometchat-uid-2',
        'loginSuccess cometchat-uid-3',
      ]);
  });

  it('should mint a new token for a held uid when "fresh session" is ticked', async () => {
    emulator.requestLog.length = 0;

    await popup.page.getByLabel('fresh session').check();
    await popup.loginWithUid('cometchat-uid-2');
    await expect.poll(() => popup.currentUser.textContent()).toContain('George Alan');

    await expect.poll(requests).toEqual(['POST users/cometchat-uid-2/auth_tokens', 'PUT me']);
    await popup.page.getByLabel('fresh session').uncheck();
    expect(await revealActiveToken()).not.toBe(georgeToken);
  });

  it('should show the token age in the panel and as a title in the popup', async () => {
    const year = String(new Date().getFullYear());

    await expect.poll(() => panel.currentUser.getByTestId('token-age').textContent()).toMatch(new RegExp(`^token from .*${year}.*, 0 days old$`));
    expect(await popup.page.getByRole('button', { name: /^Log in as Nancy Grace / }).getAttribute('title')).toMatch(/^token from .*, 0 days old$/);
  });

  it('should flag a token revoked on the server as dead when a popup opens, with the reason', async () => {
    const johnToken = emulator.createAuthToken('cometchat-uid-5');
    await popup.loginWithAuthToken(johnToken);
    await expect.poll(() => popup.currentUser.textContent()).toContain('John Paul');
    emulator.revokeAuthToken(johnToken);
    emulator.requestLog.length = 0;

    const reopened = new PopupPage(await browser.openPage('popup.html'));
    const dead = reopened.page.getByTestId('dead-session');

    await expect.poll(() => dead.textContent()).toContain('John Paul');
    expect(await dead.textContent()).toContain('Session dead: the token was revoked or expired (AUTH_ERR_AUTH_TOKEN_NOT_FOUND).');
    expect(await reopened.page.getByRole('button', { name: /^Log in as John Paul / }).textContent()).toContain(
      'Session dead: the token was revoked or expired',
    );
    expect(requests().filter((request) => request === 'GET me')).toHaveLength(3);
    await expect.poll(() => heldRow('cometchat-uid-5').getByTestId('dead-session').textContent()).toContain('the token was revoked or expired');

    // A second popup within the minute does not ask again.
    const again = new PopupPage(await browser.openPage('popup.html'));
    await expect.poll(() => again.page.getByTestId('dead-session').count()).toBe(1);
    expect(requests().filter((request) => request === 'GET me')).toHaveLength(3);
    await again.page.close();
    await reopened.page.close();
  });

  it('should log in again from the panel with a fresh Auth Key login', async () => {
    emulator.requestLog.length = 0;

    await panel.page.bringToFront();
    await heldRow('cometchat-uid-5').getByRole('button', { name: 'Log in again as John Paul (cometchat-uid-5)' }).click();

    await expect.poll(() => heldRow('cometchat-uid-5').getByTestId('dead-session').count()).toBe(0);
    expect(requests()).toEqual(['POST users/cometchat-uid-5/auth_tokens', 'PUT me']);
  });

  it('should flag a revoked token dead after "Check" in the panel, and log in again from the popup', async () => {
    emulator.revokeAuthToken(await revealActiveToken());
    emulator.requestLog.length = 0;

    await panel.currentUser.getByRole('button', { name: 'Check', exact: true }).click();

    await expect.poll(() => panel.currentUser.getByRole('status').textContent()).toBe('Checked 3 sessions: 1 dead.');
    expect(await heldRow('cometchat-uid-5').getByTestId('dead-session').textContent()).toContain(
      'Session dead: the token was revoked or expired (AUTH_ERR_AUTH_TOKEN_NOT_FOUND).',
    );
    expect(requests()).toEqual(['GET me', 'GET me', 'GET me']);
    // The popup that stayed open hears it too.
    await expect.poll(() => popup.page.getByTestId('dead-session').textContent()).toContain('John Paul');

    await popup.page.bringToFront();
    await popup.page.getByRole('button', { name: 'Log in again as John Paul (cometchat-uid-5)' }).click();

    await expect.poll(() => popup.page.getByTestId('dead-session').count()).toBe(0);
    await expect.poll(() => heldRow('cometchat-uid-5').getByTestId('dead-session').count()).toBe(0);
    expect(requests().slice(3)).toEqual(['POST users/cometchat-uid-5/auth_tokens', 'PUT me']);
  });

  it('should revoke the token when "Forget" is answered with revoke, and say so; the emulator then refuses it', async () => {
    const token = await revealActiveToken();

    await heldRow('cometchat-uid-5').getByRole('button', { name: 'Forget the session of John Paul (cometchat-uid-5)' }).click();
    await heldRow('cometchat-uid-5').getByRole('button', { name: 'Forget and revoke' }).click();

    await expect
      .poll(() => panel.currentUser.getByRole('status').textContent())
      .toBe('Forgot John Paul (cometchat-uid-5); the server revoked its token.');
    expect(await heldRow('cometchat-uid-5').count()).toBe(0);
    const refused = await putMe(token);
    expect(refused.error?.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
  });

  it('should say when the server no longer knew the token, and forget without asking the server when told to', async () => {
    await heldRow('cometchat-uid-3').getByRole('button', { name: 'Switch to Nancy Grace (cometchat-uid-3)' }).click();
    await expect.poll(() => panel.currentUser.locator('.panel-user .user-uid').textContent()).toBe('cometchat-uid-3');
    emulator.revokeAuthToken(await revealActiveToken());

    await heldRow('cometchat-uid-3').getByRole('button', { name: 'Forget the session of Nancy Grace (cometchat-uid-3)' }).click();
    await heldRow('cometchat-uid-3').getByRole('button', { name: 'Forget and revoke' }).click();
    await expect
      .poll(() => panel.currentUser.getByRole('status').textContent())
      .toBe('Forgot Nancy Grace (cometchat-uid-3); the server no longer knew its token.');

    emulator.requestLog.length = 0;
    await heldRow('cometchat-uid-2').getByRole('button', { name: 'Forget the session of George Alan (cometchat-uid-2)' }).click();
    await heldRow('cometchat-uid-2').getByRole('button', { name: 'Forget only' }).click();
    await expect
      .poll(() => panel.currentUser.getByRole('status').textContent())
      .toBe('Forgot George Alan (cometchat-uid-2); its token stays valid on the server.');
    expect(requests()).toEqual([]);
  });

  /** The active session's token, through the panel's Reveal (and hidden again). */
  async function revealActiveToken(): Promise<string> {
    await panel.page.bringToFront();
    const reveal = panel.currentUser.locator('.secret', { hasText: 'token' }).first();
    await reveal.getByRole('button', { name: 'Reveal' }).click();
    const value = (await reveal.getByLabel('token (revealed)').textContent()) ?? '';
    await reveal.getByRole('button', { name: 'Hide' }).click();
    return value;
  }

  /** `PUT me` with `token`, straight to the emulator, as a page's SDK would. */
  async function putMe(token: string): Promise<{ error?: { code: string } }> {
    const reply = await fetch(`${emulator.url}/v3.0/me`, {
      method: 'PUT',
      headers: { appid: emulator.appId, authtoken: token, 'content-type': 'application/json' },
      body: '{}',
    });
    return (await reply.json()) as { error?: { code: string } };
  }
});
