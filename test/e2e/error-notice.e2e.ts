import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { startErrorReplyServer, type ErrorReplyServer } from './support/error-reply-server';
import { BROWSERS, launchExtension, type ExtensionUnderTest, reportConsoleOnFailure } from './support/extension-driver';
import { Popup } from './support/popup';

/** CometChat's own shape for some errors: `details` is a sentence, not an object. Markup in it must stay text. */
const SENTENCE_DETAILS = 'Please verify the UID and try again. <b>Not bold</b>';

/**
 * What a tester sees of an error in the popup: the code and message, the likely cause and the fix next to it, and the
 * details whether CometChat sends them as an object or as a sentence.
 */
describe.each(BROWSERS)('error notice in the %s popup', (name) => {
  let emulator: Emulator;
  let sentenceServer: ErrorReplyServer;
  let extension: ExtensionUnderTest;
  let popup: Popup;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    sentenceServer = await startErrorReplyServer({ code: 'ERR_UID_NOT_FOUND', message: 'The UID ghost does not exist.', details: SENTENCE_DETAILS });
    extension = await launchExtension(name);
    popup = new Popup(await extension.openPage('popup.html'));
  });

  afterEach(reportConsoleOnFailure(() => extension));

  afterAll(async () => {
    await extension?.close();
    await sentenceServer?.close();
    await emulator?.close();
  });

  it('should show structured details as JSON naming the wrong field when the App ID is missing', async () => {
    await popup.saveSettings();

    await expect.poll(() => popup.error()).toContain('ERR_INVALID_PROFILE');
    expect(JSON.parse(await popup.errorDetails())).toMatchObject({ appId: ['The App ID is required.'] });
    await expect
      .poll(() => popup.errorExplanation())
      .toBe('Likely cause: Some app settings are not valid. Fix: Correct the fields named in the details.');
  });

  it('should show the likely cause and the fix next to ERR_UID_NOT_FOUND for an unknown uid', async () => {
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await expect.poll(() => popup.currentUser()).toContain('No user logged in.');

    await popup.loginWithUid('no-such-user');

    await expect.poll(() => popup.error()).toContain('ERR_UID_NOT_FOUND');
    expect(await popup.error()).toContain('The UID no-such-user does not exist');
    await expect
      .poll(() => popup.errorExplanation())
      .toBe(
        "Likely cause: No user with this UID exists in the app. Fix: Check the spelling (UIDs are lower-cased), or let the extension create the user with the app's Auth Key (the Create button by the UID, or Users → Create a user).",
      );
  });

  it('should show details CometChat sends as a sentence, as the text it sent, with markup left as text', async () => {
    await popup.addApp({ label: 'Sentence server', appId: 'sentence-app', authKey: 'sentence-auth-key', apiHost: sentenceServer.url });
    await expect.poll(() => popup.activeApp()).toBe('Sentence server');
    await expect.poll(() => popup.currentUser()).toContain('No user logged in.');

    await popup.loginWithUid('ghost');

    await expect.poll(() => popup.error()).toContain('The UID ghost does not exist.');
    // Saving the app asked the server's `me` first (is a CometChat API there?), then the login its token.
    expect(sentenceServer.requests).toEqual(['GET /me', 'POST /users/ghost/auth_tokens']);
    expect(await popup.errorDetails()).toBe(SENTENCE_DETAILS);
    expect(await popup.tab.evaluate(() => document.querySelectorAll('[data-testid="error"] [aria-label="Error details"] b').length)).toBe(0);
    expect(await popup.errorExplanation()).not.toBe('');
  });
});
