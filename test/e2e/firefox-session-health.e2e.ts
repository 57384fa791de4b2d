import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { FirefoxPopupPage } from './support/firefox-popup-page';

/**
 * The login rule for a held uid, session health and Forget with revoke in real Firefox ESR (the MV2 build): the
 * popup and the panel page as a tester sees them, and what the emulator was asked.
 */
describe('session health in Firefox', () => {
  let emulator: Emulator;
  let firefox: FirefoxWithExtension;
  let popup: FirefoxPopupPage;
  let panel: Page;

  /** What the emulator was asked since the last clear, as "METHOD route" (CORS preflights left out). */
  const requests = () => emulator.requestLog.filter((entry) => entry.method !== 'OPTIONS').map(({ method, route }) => `${method} ${route}`);
  const text = (page: Page, css: string) => page.evaluate((selector) => document.querySelector<HTMLElement>(selector)?.innerText ?? '', css);
  const count = (page: Page, css: string) => page.evaluate((selector) => document.querySelectorAll(selector).length, css);
  /**
   * Firefox throttles animation frames in background tabs, and Puppeteer's locators wait for frames before they act:
   * a tester acts in the tab in front, so each step brings its page to the front first.
   */
  const click = async (page: Page, name: string) => {
    await page.bringToFront();
    await page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`).click();
  };
  const held = (uid: string) => `[data-testid="current-user"] .held-list li[data-uid="${uid}"]`;
  const panelStatus = () => text(panel, '[data-testid="current-user"] [role="status"]');

  /** The active session's token, through the panel's Reveal (and hidden again). */
  async function revealActiveToken(): Promise<string> {
    await click(panel, 'Reveal');
    await panel.waitForSelector('[aria-label="token (revealed)"]');
    const token = await text(panel, '[aria-label="token (revealed)"]');
    await click(panel, 'Hide');
    return token;
  }

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    firefox = await launchFirefoxWithExtension();
    popup = new FirefoxPopupPage(await firefox.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid="current-user"]')?.innerText.includes('No user logged in.'),
      {
        timeout: 10_000,
      },
    );
    panel = await firefox.openPage('devtools-panel.html', { width: 1000, height: 900 });
  });

  afterEach(({ task }) => {
    if (task.result?.state === 'fail' && firefox?.consoleMessages.length) console.error(`Console:\n${firefox.consoleMessages.join('\n')}`);
  });

  afterAll(async () => {
    await firefox?.close();
    await emulator?.close();
  });

  it('should reuse the held session for the same uid with no request, and mint one when "fresh session" is ticked', async () => {
    await popup.page.bringToFront();
    await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');
    await expect.poll(() => popup.currentUser()).toContain('cometchat-uid-3');
    await popup.loginWithAuthToken(emulator.createAuthToken('cometchat-uid-2'));
    await expect.poll(() => popup.currentUser()).toContain('George Alan');
    emulator.requestLog.length = 0;

    await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');
    await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
    await popup.loginWithUid('cometchat-uid-2');
    await expect.poll(() => popup.currentUser()).toContain('George Alan');
    expect(requests()).toEqual([]);

    await popup.page.locator('::-p-aria([name="fresh session"][role="checkbox"])').click();
    await popup.loginWithUid('cometchat-uid-3');
    await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
    await expect.poll(requests).toEqual(['POST users/cometchat-uid-3/auth_tokens', 'PUT me']);
  });

  it('should show the token age in the panel', async () => {
    await expect.poll(() => text(panel, '[data-testid="token-age"]')).toMatch(/^token from .+, 0 days old$/);
  });

  it('should flag a revoked token dead when a popup opens, and log in again from it', async () => {
    const token = emulator.createAuthToken('cometchat-uid-5');
    await popup.page.bringToFront();
    await popup.loginWithAuthToken(token);
    await expect.poll(() => popup.currentUser()).toContain('John Paul');
    emulator.revokeAuthToken(token);
    emulator.requestLog.length = 0;

    const reopened = await firefox.openPage('popup.html');

    await expect.poll(() => text(reopened, '[data-testid="dead-session"]')).toContain('John Paul');
    expect(await text(reopened, '[data-testid="dead-session"]')).toContain(
      'Session dead: the token was revoked or expired (AUTH_ERR_AUTH_TOKEN_NOT_FOUND).',
    );
    expect(requests()).toEqual(['GET me', 'GET me', 'GET me']);
    await expect.poll(() => text(panel, `${held('cometchat-uid-5')} [data-testid="dead-session"]`)).toContain('the token was revoked or expired');

    await click(reopened, 'Log in again as John Paul (cometchat-uid-5)');

    await expect.poll(() => count(reopened, '[data-testid="dead-session"]')).toBe(0);
    expect(requests().slice(3)).toEqual(['POST users/cometchat-uid-5/auth_tokens', 'PUT me']);
    await reopened.close();
  });

  it('should flag a revoked token dead after "Check" in the panel, and log in again there', async () => {
    emulator.revokeAuthToken(await revealActiveToken());
    emulator.requestLog.length = 0;

    await click(panel, 'Check');

    await expect.poll(panelStatus).toBe('Checked 3 sessions: 1 dead.');
    expect(await text(panel, `${held('cometchat-uid-5')} [data-testid="dead-session"]`)).toContain(
      'Session dead: the token was revoked or expired (AUTH_ERR_AUTH_TOKEN_NOT_FOUND).',
    );
    await click(panel, 'Log in again as John Paul (cometchat-uid-5)');
    await expect.poll(() => count(panel, `${held('cometchat-uid-5')} [data-testid="dead-session"]`)).toBe(0);
    expect(requests()).toEqual(['GET me', 'GET me', 'GET me', 'POST users/cometchat-uid-5/auth_tokens', 'PUT me']);
  });

  it('should revoke the token when "Forget" is answered with revoke, and the emulator then refuses it', async () => {
    const token = await revealActiveToken();

    await click(panel, 'Forget the session of John Paul (cometchat-uid-5)');
    await click(panel, 'Forget and revoke');

    await expect.poll(panelStatus).toBe('Forgot John Paul (cometchat-uid-5); the server revoked its token.');
    expect(await count(panel, held('cometchat-uid-5'))).toBe(0);
    const reply = await fetch(`${emulator.url}/v3.0/me`, {
      method: 'PUT',
      headers: { appid: emulator.appId, authtoken: token, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(((await reply.json()) as { error?: { code: string } }).error?.code).toBe('AUTH_ERR_AUTH_TOKEN_NOT_FOUND');
  });
});
