import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { closedPortUrl } from './support/closed-port';
import { BROWSERS, launchExtension, type ExtensionUnderTest } from './support/extension-driver';
import { Popup } from './support/popup';

/** The first-run form asks the background whether a CometChat API answers at the API host before it saves. */
describe.each(BROWSERS)('the first-run form in the %s popup', (name) => {
  let emulator: Emulator;
  let extension: ExtensionUnderTest;
  let popup: Popup;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    extension = await launchExtension(name);
    popup = new Popup(await extension.openPage('popup.html'));
  });

  afterAll(async () => {
    await extension?.close();
    await emulator?.close();
  });

  it('should refuse an API host where nothing answers, by the API host field, and keep it after "Save anyway"', async () => {
    const unreachable = await closedPortUrl();

    await popup.setUpWithEmulator({ apiHost: unreachable });

    await expect.poll(() => popup.tab.text('#setup-apiHost-error')).toBe(`Could not connect to ${unreachable}.`);
    expect(await popup.tab.attribute('#setup-apiHost', 'aria-invalid')).toBe('true');
    expect(await popup.tab.attribute('#setup-apiHost', 'aria-describedby')).toBe('setup-apiHost-error');
    expect(await popup.error()).toContain('ERR_API_HOST_UNREACHABLE');
    expect(await popup.tab.text('h1')).toBe('Set up a CometChat app');
    expect(await popup.tab.countButtons('Save anyway')).toBe(1);

    await popup.tab.click('Save anyway');

    await expect.poll(() => popup.currentUser()).toContain('No user logged in.');
  });

  it('should save an app whose API host answers as CometChat at the first Save', async () => {
    await popup.addApp({ label: 'Answers', appId: emulator.appId, apiHost: emulator.url });

    await expect.poll(() => popup.currentUser()).toContain('No user logged in.');
    expect(emulator.requestLog).toContainEqual(expect.objectContaining({ method: 'GET', route: 'me' }));
    expect(await popup.tab.countButtons('Save anyway')).toBe(0);
  });
});
