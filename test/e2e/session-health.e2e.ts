import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { BROWSERS, launchExtension, type ExtensionPage, type ExtensionUnderTest, reportConsoleOnFailure } from './support/extension-driver';
import { Popup } from './support/popup';

const CURRENT_USER = '[data-testid="current-user"]';
/** The panel's row for a held session. */
const held = (uid: string) => `${CURRENT_USER} .held-list li[data-uid="${uid}"]`;
const DEAD = '[data-testid="dead-session"]';
const JOHN_DEAD = 'Session dead: the token was revoked or expired (AUTH_ERR_AUTH_TOKEN_NOT_FOUND).';

/**
 * The login rule for a held uid, session health and Forget with revoke, in each browser against the real emulator:
 * what the tester sees in the popup and the panel, and what the emulator was asked.
 */
describe.each(BROWSERS)('session health in %s', (name) => {
  let emulator: Emulator;
  let extension: ExtensionUnderTest;
  let popup: Popup;
  let panel: ExtensionPage;
  /** George Alan's first session comes from a pasted token. */
  let georgeToken: string;

  /** What the emulator was asked since the last clear, as "METHOD route" (CORS preflights left out). */
  const requests = () => emulator.requestLog.filter((entry) => entry.method !== 'OPTIONS').map(({ method, route }) => `${method} ${route}`);
  const panelStatus = () => panel.text(`${CURRENT_USER} [role="status"]`);
  /** The panel's auth events as "type uid", oldest first (the timeline shows newest first); the apps' own activity left out. */
  const eventTypes = () =>
    panel.evaluate(() =>
      [...document.querySelectorAll('[aria-label="Auth event timeline"] [data-seq]:not([data-type="pageActivity"])')]
        .map((row) => ({
          seq: Number(row.getAttribute('data-seq')),
          text: `${row.getAttribute('data-type')} ${row.querySelector('.event-uid')?.textContent ?? ''}`,
        }))
        .sort((a, b) => a.seq - b.seq)
        .map((row) => row.text),
    );

  /** The active session's token, through the panel's Reveal (and hidden again). */
  async function revealActiveToken(): Promise<string> {
    const field = { within: `${CURRENT_USER} .secret:has([aria-label^="token ("])` };
    await panel.click('Reveal', field);
    await panel.waitFor('[aria-label="token (revealed)"]');
    const token = await panel.text('[aria-label="token (revealed)"]');
    await panel.click('Hide', field);
    return token;
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

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    extension = await launchExtension(name);
    popup = new Popup(await extension.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.tab.waitFor(CURRENT_USER, 'No user logged in.');
    panel = await extension.openPage('devtools-panel.html', { width: 1000, height: 900 });
  });

  afterEach(reportConsoleOnFailure(() => extension));

  afterAll(async () => {
    await extension?.close();
    await emulator?.close();
  });

  it('should reuse the held session when the same uid logs in again, from the tile and from the UID field, with no request', async () => {
    await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');
    await expect.poll(() => popup.currentUser()).toContain('cometchat-uid-3');
    georgeToken = emulator.createAuthToken('cometchat-uid-2');
    await popup.loginWithAuthToken(georgeToken);
    await expect.poll(() => popup.currentUser()).toContain('George Alan');
    emulator.requestLog.length = 0;

    await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');
    await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
    await popup.loginWithUid('cometchat-uid-2');
    await expect.poll(() => popup.currentUser()).toContain('George Alan');
    await popup.loginWithUid('cometchat-uid-3');
    await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');

    expect(requests()).toEqual([]);
    await expect
      .poll(eventTypes)
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

    await popup.tab.setChecked('fresh session', true);
    await popup.loginWithUid('cometchat-uid-2');
    await expect.poll(() => popup.currentUser()).toContain('George Alan');

    await expect.poll(requests).toEqual(['POST users/cometchat-uid-2/auth_tokens', 'PUT me']);
    await popup.tab.setChecked('fresh session', false);
    expect(await revealActiveToken()).not.toBe(georgeToken);
  });

  it('should show the token age in the panel and as a title in the popup', async () => {
    const year = String(new Date().getFullYear());

    await expect.poll(() => panel.text(`${CURRENT_USER} [data-testid="token-age"]`)).toMatch(new RegExp(`^token from .*${year}.*, 0 days old$`));
    expect((await popup.testUserTile('cometchat-uid-3')).title).toMatch(/^token from .*, 0 days old$/);
  });

  it('should flag a token revoked on the server as dead when a popup opens, with the reason, and log in again from that popup', async () => {
    const johnToken = emulator.createAuthToken('cometchat-uid-5');
    await popup.loginWithAuthToken(johnToken);
    await expect.poll(() => popup.currentUser()).toContain('John Paul');
    emulator.revokeAuthToken(johnToken);
    emulator.requestLog.length = 0;

    const reopened = new Popup(await extension.openPage('popup.html'));

    await expect.poll(() => reopened.tab.text(DEAD)).toContain('John Paul');
    expect(await reopened.tab.text(DEAD)).toContain(JOHN_DEAD);
    expect((await reopened.testUserTile('cometchat-uid-5')).text).toContain('Session dead: the token was revoked or expired');
    expect(requests()).toEqual(['GET me', 'GET me', 'GET me']);
    await expect.poll(() => panel.text(`${held('cometchat-uid-5')} ${DEAD}`)).toContain('the token was revoked or expired');

    // A second popup within the minute does not ask again.
    const again = await extension.openPage('popup.html');
    await expect.poll(() => again.count(DEAD)).toBe(1);
    expect(requests()).toEqual(['GET me', 'GET me', 'GET me']);
    await again.close();

    await reopened.tab.click('Log in again as John Paul (cometchat-uid-5)');

    await expect.poll(() => reopened.tab.count(DEAD)).toBe(0);
    expect(requests().slice(3)).toEqual(['POST users/cometchat-uid-5/auth_tokens', 'PUT me']);
    await reopened.tab.close();
  });

  it('should flag a revoked token dead after "Check" in the panel, and log in again there with a fresh Auth Key login', async () => {
    emulator.revokeAuthToken(await revealActiveToken());
    emulator.requestLog.length = 0;

    await panel.click('Check', { within: CURRENT_USER });

    await expect.poll(panelStatus).toBe('Checked 3 sessions: 1 dead.');
    expect(await panel.text(`${held('cometchat-uid-5')} ${DEAD}`)).toContain(JOHN_DEAD);
    await panel.click('Log in again as John Paul (cometchat-uid-5)', { within: held('cometchat-uid-5') });

    await expect.poll(() => panel.count(`${held('cometchat-uid-5')} ${DEAD}`)).toBe(0);
    expect(requests()).toEqual(['GET me', 'GET me', 'GET me', 'POST users/cometchat-uid-5/auth_tokens', 'PUT me']);
  });

  it('should flag a revoked token dead after "Check" in the panel, and log in again from the popup', async () => {
    emulator.revokeAuthToken(await revealActiveToken());
    emulator.requestLog.length = 0;

    await panel.click('Check', { within: CURRENT_USER });

    await expect.poll(panelStatus).toBe('Checked 3 sessions: 1 dead.');
    expect(await panel.text(`${held('cometchat-uid-5')} ${DEAD}`)).toContain(JOHN_DEAD);
    expect(requests()).toEqual(['GET me', 'GET me', 'GET me']);
    // The popup that stayed open hears it too.
    await expect.poll(() => popup.tab.text(DEAD)).toContain('John Paul');

    await popup.tab.click('Log in again as John Paul (cometchat-uid-5)');

    await expect.poll(() => popup.tab.count(DEAD)).toBe(0);
    await expect.poll(() => panel.count(`${held('cometchat-uid-5')} ${DEAD}`)).toBe(0);
    expect(requests().slice(3)).toEqual(['POST users/cometchat-uid-5/auth_tokens', 'PUT me']);
  });

  it('should revoke the token when "Forget" is answered with revoke, and say so; the emulator then refuses it', async () => {
    const token = await revealActiveToken();

    await panel.click('Forget the session of John Paul (cometchat-uid-5)', { within: held('cometchat-uid-5') });
    await panel.click('Forget and revoke', { within: held('cometchat-uid-5') });

    await expect.poll(panelStatus).toBe('Forgot John Paul (cometchat-uid-5); the server revoked its token.');
    expect(await panel.count(held('cometchat-uid-5'))).toBe(0);
    const refused = await putMe(token);
    expect(refused.error?.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
  });

  it('should say when the server no longer knew the token, and forget without asking the server when told to', async () => {
    await panel.click('Switch to Nancy Grace (cometchat-uid-3)', { within: held('cometchat-uid-3') });
    await expect.poll(() => panel.text(`${CURRENT_USER} .panel-user .user-uid`)).toBe('cometchat-uid-3');
    emulator.revokeAuthToken(await revealActiveToken());

    await panel.click('Forget the session of Nancy Grace (cometchat-uid-3)', { within: held('cometchat-uid-3') });
    await panel.click('Forget and revoke', { within: held('cometchat-uid-3') });
    await expect.poll(panelStatus).toBe('Forgot Nancy Grace (cometchat-uid-3); the server no longer knew its token.');

    emulator.requestLog.length = 0;
    await panel.click('Forget the session of George Alan (cometchat-uid-2)', { within: held('cometchat-uid-2') });
    await panel.click('Forget only', { within: held('cometchat-uid-2') });
    await expect.poll(panelStatus).toBe('Forgot George Alan (cometchat-uid-2); its token stays valid on the server.');
    expect(requests()).toEqual([]);
  });
});
