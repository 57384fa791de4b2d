import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { PopupPage } from './support/popup-page';

/** The toolbar badge, read through the extension API as the browser would draw it. */
describe('toolbar badge in Chromium', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;

  const badge = () =>
    popup.page.evaluate(async () => {
      const action = (globalThis as any).chrome.action;
      const [text, color, title] = await Promise.all([action.getBadgeText({}), action.getBadgeBackgroundColor({}), action.getTitle({})]);
      return { text, color: `rgb(${color.slice(0, 3).join(',')})`, title };
    });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension();
    popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('should be empty and grey while nobody is logged in', async () => {
    await expect
      .poll(badge)
      .toEqual({ text: '', color: 'rgb(90,95,110)', title: `CometChat: nobody logged in · app Local emulator (${emulator.appId})` });
  });

  it('should say U3 after logging in as cometchat-uid-3, with the user and app in the tooltip', async () => {
    await popup.loginAsTestUser('Nancy Grace');

    await expect
      .poll(badge)
      .toEqual({ text: 'U3', color: 'rgb(57,68,188)', title: `CometChat: Nancy Grace (cometchat-uid-3) · app Local emulator (${emulator.appId})` });
  });

  it('should turn red after a failed login, and back after the next success', async () => {
    await popup.loginWithUid('nobody-here');
    await expect.poll(async () => (await badge()).color).toBe('rgb(179,38,30)');
    expect((await badge()).title).toContain('Last login failed: ERR_UID_NOT_FOUND');

    await popup.loginWithUid('cometchat-uid-2');

    await expect.poll(badge).toMatchObject({ text: 'U2', color: 'rgb(57,68,188)' });
  });

  it('should show initials for a uid that is not a test user', async () => {
    await emulator.close();
    emulator = await startEmulator({ port: emulator.port });
    await fetch(`${emulator.url}/v3.0/users`, {
      method: 'POST',
      headers: { appid: emulator.appId, apikey: emulator.restApiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ uid: 'qa-tester', name: 'Quinn Avery' }),
    });

    await popup.loginWithUid('qa-tester');

    await expect.poll(badge).toMatchObject({ text: 'QA' });
  });

  it('should keep the badge after the service worker restarts', async () => {
    await browser.stopServiceWorker();
    await popup.page.reload();

    await expect.poll(badge).toMatchObject({ text: 'QA' });
  });

  it('should go neutral after logging out', async () => {
    await popup.logout();

    await expect.poll(badge).toMatchObject({ text: '', color: 'rgb(90,95,110)' });
  });
});
