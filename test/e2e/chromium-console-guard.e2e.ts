import { describe, expect, it } from 'vitest';
import { launchChromiumWithExtension } from './support/chromium';

/** Shaped like a CometChat auth token (`<uid>_<10 digits><30 hex>`); built here so no real one is needed. */
const TOKEN_SHAPED = `cometchat-uid-1_1700000000${'abcdef'.repeat(5)}`;

/**
 * Every Chromium e2e suite closes its browser through a guard that fails the suite if an extension console
 * showed a secret. This proves the guard itself can fail. (Firefox has its own route to the same guard, since
 * WebDriver BiDi never delivers console messages of moz-extension pages: see firefox-console-guard.e2e.ts.)
 */
describe('the console-secret guard', () => {
  it('should fail a Chromium run whose extension page logged a token', async () => {
    const browser = await launchChromiumWithExtension();
    const popup = await browser.openPage('popup.html');

    await popup.evaluate((token) => console.log(`debug ${token}`), TOKEN_SHAPED);

    await expect.poll(() => browser.consoleMessages().some((message) => message.includes('debug'))).toBe(true);
    await expect(browser.close()).rejects.toThrow('A console showed a secret');
  });
});
