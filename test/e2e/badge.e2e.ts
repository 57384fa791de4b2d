import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { BROWSERS, launchExtension, type ExtensionUnderTest } from './support/extension-driver';
import { Popup } from './support/popup';

/** The toolbar badge, read through the extension API as the browser draws it (`chrome.action`, Firefox's MV2 `browserAction`). */
describe.each(BROWSERS)('toolbar badge in %s', (name) => {
  let emulator: Emulator;
  let extension: ExtensionUnderTest;
  let popup: Popup;

  const badge = () =>
    popup.tab.evaluate(async (api) => {
      const [namespace, key] = api.split('.') as [string, string];
      const action = (globalThis as any)[namespace][key];
      const [text, color, title] = await Promise.all([action.getBadgeText({}), action.getBadgeBackgroundColor({}), action.getTitle({})]);
      return { text, color: `rgb(${color.slice(0, 3).join(',')})`, title };
    }, extension.actionApi);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    extension = await launchExtension(name);
    popup = new Popup(await extension.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
  });

  afterAll(async () => {
    await extension?.close();
    await emulator?.close();
  });

  it('should be empty and grey while nobody is logged in', async () => {
    await expect
      .poll(badge)
      .toEqual({ text: '', color: 'rgb(90,95,110)', title: `CometChat: nobody logged in · app Local emulator (${emulator.appId})` });
  });

  it('should say U3 after logging in as cometchat-uid-3, with the user and app in the tooltip', async () => {
    await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');

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

  it('should keep the badge after the background is stopped (service worker, event page) and the popup opened again', async () => {
    await extension.stopBackground();
    await popup.tab.close();
    popup = new Popup(await extension.openPage('popup.html'));

    await expect.poll(() => popup.currentUser()).toContain('qa-tester');
    await expect.poll(badge).toMatchObject({ text: 'QA' });
  });

  it('should go neutral after logging out', async () => {
    await popup.logout();

    await expect.poll(badge).toMatchObject({ text: '', color: 'rgb(90,95,110)' });
  });
});
