import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { closedPortUrl } from './support/closed-port';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { FirefoxPopupPage } from './support/firefox-popup-page';

/** The first-run form asks the event page whether a CometChat API answers at the API host before it saves. */
describe('the first-run form in the Firefox popup', () => {
  let emulator: Emulator;
  let firefox: FirefoxWithExtension;
  let popup: FirefoxPopupPage;

  const button = (name: string) => popup.page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`);
  const textOf = (selector: string) => popup.page.evaluate((wanted) => document.querySelector<HTMLElement>(wanted)?.innerText ?? '', selector);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    firefox = await launchFirefoxWithExtension();
    popup = new FirefoxPopupPage(await firefox.openPage('popup.html'));
  });

  afterAll(async () => {
    await firefox?.close();
    await emulator?.close();
  });

  it('should refuse an API host where nothing answers, by the API host field, and keep it after "Save anyway"', async () => {
    const unreachable = await closedPortUrl();

    await popup.setUpWithEmulator({ apiHost: unreachable });

    await expect.poll(() => textOf('#setup-apiHost-error')).toBe(`Could not connect to ${unreachable}.`);
    expect(await popup.page.$eval('#setup-apiHost', (field) => [field.getAttribute('aria-invalid'), field.getAttribute('aria-describedby')])).toEqual(
      ['true', 'setup-apiHost-error'],
    );
    expect(await popup.error()).toContain('ERR_API_HOST_UNREACHABLE');

    await button('Save anyway').click();

    await expect.poll(() => popup.currentUser()).toContain('No user logged in.');
  });

  it('should save an app whose API host answers as CometChat at the first Save', async () => {
    await popup.addApp({ label: 'Answers', appId: emulator.appId, apiHost: emulator.url });

    await expect.poll(() => popup.currentUser()).toContain('No user logged in.');
    expect(emulator.requestLog).toContainEqual({ method: 'GET', route: 'me' });
  });
});
