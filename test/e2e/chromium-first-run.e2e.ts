import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { closedPortUrl } from './support/closed-port';
import { PopupPage } from './support/popup-page';

/** The first-run form asks the background whether a CometChat API answers at the API host before it saves. */
describe('the first-run form in the Chromium popup', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension();
    popup = new PopupPage(await browser.openPage('popup.html'));
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('should refuse an API host where nothing answers, by the API host field, and keep it after "Save anyway"', async () => {
    const unreachable = await closedPortUrl();
    await popup.page.getByRole('button', { name: 'Use the local emulator' }).click();
    await popup.page.getByLabel('API host (optional)').fill(unreachable);

    await popup.page.getByRole('button', { name: 'Save', exact: true }).click();

    const field = popup.page.getByLabel('API host (optional)');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    const fieldError = popup.page.locator('#setup-apiHost-error');
    expect(await fieldError.textContent()).toBe(`Could not connect to ${unreachable}.`);
    expect(await field.getAttribute('aria-describedby')).toBe('setup-apiHost-error');
    expect(await popup.error.textContent()).toContain('ERR_API_HOST_UNREACHABLE');
    expect(await popup.page.getByRole('heading', { name: 'Set up a CometChat app' }).count()).toBe(1);

    await popup.page.getByRole('button', { name: 'Save anyway' }).click();

    await expect.poll(() => popup.currentUser.textContent()).toContain('No user logged in.');
  });

  it('should save an app whose API host answers as CometChat at the first Save', async () => {
    await popup.openApps();
    await popup.page.getByRole('button', { name: 'Add an app' }).click();
    await popup.page.getByLabel('Label (optional)').fill('Answers');
    await popup.page.getByLabel('App ID').fill(emulator.appId);
    await popup.page.getByLabel('API host (optional)').fill(emulator.url);

    await popup.page.getByRole('button', { name: 'Save', exact: true }).click();

    await expect.poll(() => popup.currentUser.textContent()).toContain('No user logged in.');
    expect(emulator.requestLog).toContainEqual({ method: 'GET', route: 'me' });
    expect(await popup.page.getByRole('button', { name: 'Save anyway' }).count()).toBe(0);
  });
});
