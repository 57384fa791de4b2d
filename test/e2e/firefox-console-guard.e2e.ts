import { describe, expect, it } from 'vitest';
import { launchFirefoxWithExtension } from './support/firefox';

/** Shaped like a CometChat auth token (`<uid>_<10 digits><30 hex>`); built here so no real one is needed. */
const TOKEN_SHAPED = `cometchat-uid-1_1700000000${'abcdef'.repeat(5)}`;
/** Shaped like a JWT (three base64url parts, the first a JSON header). */
const JWT_SHAPED = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjb21ldGNoYXQtdWlkLTEifQ.c2lnbmF0dXJl';

/**
 * Every Firefox e2e suite closes its browser through a guard that fails the suite if a console of the extension
 * showed a secret: its pages' and its event page's, read from Firefox's own console storage (WebDriver BiDi
 * delivers no console call of a moz-extension page). This proves the guard sees both, and can fail.
 */
describe('the console-secret guard in Firefox', () => {
  it('should fail a Firefox run whose popup logged a token', async () => {
    const firefox = await launchFirefoxWithExtension();
    const popup = await firefox.openPage('popup.html');

    await popup.evaluate((token) => console.log(`debug ${token}`), TOKEN_SHAPED);

    await expect
      .poll(async () => (await firefox.extensionConsole()).filter((message) => message.includes('debug')))
      .toEqual([`${firefox.extensionOrigin}/popup.html: [log] debug ${TOKEN_SHAPED}`]);
    await expect(firefox.close()).rejects.toThrow('A console showed a secret');
  });

  it('should fail a Firefox run whose event page logged a JWT', async () => {
    const firefox = await launchFirefoxWithExtension();
    const popup = await firefox.openPage('popup.html');

    // The event page's own console: the call runs there, in its window (getBackgroundPage wakes a stopped one).
    await popup.evaluate(async (jwt) => {
      const background = await (globalThis as any).browser.runtime.getBackgroundPage();
      background.console.warn(`debug ${jwt}`);
    }, JWT_SHAPED);

    await expect
      .poll(async () => (await firefox.extensionConsole()).filter((message) => message.includes('debug')))
      .toEqual([expect.stringMatching(new RegExp(`^${firefox.extensionOrigin}/[\\w-]*background[\\w-]*\\.html: \\[warn\\] debug ${JWT_SHAPED}$`))]);
    await expect(firefox.close()).rejects.toThrow('A console showed a secret');
  });

  it('should let a Firefox run pass whose consoles showed no secret', async () => {
    const firefox = await launchFirefoxWithExtension();
    const popup = await firefox.openPage('popup.html');

    await popup.evaluate(() => console.log('debug nothing secret here'));

    await expect.poll(async () => (await firefox.extensionConsole()).some((message) => message.includes('debug nothing secret'))).toBe(true);
    await expect(firefox.close()).resolves.toBeUndefined();
  });
});
