import { describe, expect, it } from 'vitest';
import { BROWSERS, launchExtension } from './support/extension-driver';

/** Shaped like a CometChat auth token (`<uid>_<10 digits><30 hex>`); built here so no real one is needed. */
const TOKEN_SHAPED = `cometchat-uid-1_1700000000${'abcdef'.repeat(5)}`;
/** Shaped like a JWT (three base64url parts, the first a JSON header). */
const JWT_SHAPED = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjb21ldGNoYXQtdWlkLTEifQ.c2lnbmF0dXJl';
/** The background's document: Chromium's service worker script, Firefox's generated event page. */
const BACKGROUND_DOCUMENT = { chromium: 'background\\.js', firefox: '[\\w-]*background[\\w-]*\\.html' } as const;

/**
 * Every e2e suite closes its browser through a guard that fails the suite if a console of the extension showed a
 * secret: its pages' and its background's. Chromium's come from Playwright's console events (pages and service
 * worker); Firefox's from its own console storage, since WebDriver BiDi delivers no console call of a moz-extension
 * page. This proves the guard sees both, and can fail.
 */
describe.each(BROWSERS)('the console-secret guard in %s', (name) => {
  it('should fail a run whose popup logged a token', async () => {
    const extension = await launchExtension(name);
    const popup = await extension.openPage('popup.html');

    await popup.evaluate((token) => console.log(`debug ${token}`), TOKEN_SHAPED);

    await expect
      .poll(async () => (await extension.extensionConsole()).filter((message) => message.includes('debug')))
      .toEqual([`${extension.extensionOrigin}/popup.html: [log] debug ${TOKEN_SHAPED}`]);
    await expect(extension.close()).rejects.toThrow('A console showed a secret');
  });

  it('should fail a run whose background logged a JWT', async () => {
    const extension = await launchExtension(name);
    const popup = await extension.openPage('popup.html');

    await popup.logInBackground('warn', `debug ${JWT_SHAPED}`);

    await expect
      .poll(async () => (await extension.extensionConsole()).filter((message) => message.includes('debug')))
      .toEqual([expect.stringMatching(new RegExp(`^${extension.extensionOrigin}/${BACKGROUND_DOCUMENT[name]}: \\[warn\\] debug ${JWT_SHAPED}$`))]);
    await expect(extension.close()).rejects.toThrow('A console showed a secret');
  });

  it('should let a run pass whose consoles showed no secret', async () => {
    const extension = await launchExtension(name);
    const popup = await extension.openPage('popup.html');

    await popup.evaluate(() => console.log('debug nothing secret here'));

    await expect.poll(async () => (await extension.extensionConsole()).some((message) => message.includes('debug nothing secret'))).toBe(true);
    await expect(extension.close()).resolves.toBeUndefined();
  });
});
