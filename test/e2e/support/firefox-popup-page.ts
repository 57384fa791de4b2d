import type { Page } from 'puppeteer-core';
import { screenshotPath } from './paths';

/**
 * The popup as a tester sees it, for Puppeteer (the Firefox suite): controls are found by their
 * accessible role and name, and what the page shows is read as rendered text.
 */
export class FirefoxPopupPage {
  constructor(readonly page: Page) {}

  /** The current-user card's text, e.g. "No user logged in." or the name and uid. */
  currentUser(): Promise<string> {
    return this.visibleText('[data-testid="current-user"]');
  }

  /** The error notice's text (code, message, details), or '' when no error shows. */
  error(): Promise<string> {
    return this.visibleText('[data-testid="error"]');
  }

  /** First-run set-up: "Use the local emulator", then point it at the test's emulator. */
  async setUpWithEmulator({ apiHost }: { apiHost: string }): Promise<void> {
    await this.button('Use the local emulator').click();
    await this.textbox('API host (optional)').fill(apiHost);
    await this.button('Save').click();
  }

  /** Clicks a test-user tile, e.g. "Log in as Nancy Grace (cometchat-uid-3)". */
  /** Clicks the tile whose text (avatar initials aside) reads "Log in as {name} ({uid})". */
  async loginAsTestUser(name: string, uid: string): Promise<void> {
    const spoken = `Log in as ${name} (${uid})`;
    const tile = await this.page.waitForFunction(
      (wanted: string) =>
        [...document.querySelectorAll('button.user-tile')].find((button) => (button.textContent ?? '').replace(/\s+/g, ' ').includes(wanted)),
      {},
      spoken,
    );
    await (tile as unknown as { click(): Promise<void> }).click();
  }

  async loginWithUid(uid: string): Promise<void> {
    await this.textbox('UID').fill(uid);
    await this.button('Log in').click();
  }

  async loginWithAuthToken(token: string): Promise<void> {
    // A password input has no ARIA role, so no role + name query finds it: use the id its <label> points to.
    await this.page.locator('#token-login').fill(token);
    await this.button('Log in with token').click();
  }

  async logout(): Promise<void> {
    await this.button('Log out').click();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath(name), fullPage: true });
  }

  private button(name: string) {
    return this.page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`);
  }

  private textbox(name: string) {
    return this.page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="textbox"])`);
  }

  private visibleText(selector: string): Promise<string> {
    return this.page.evaluate((css) => (document.querySelector(css) as HTMLElement | null)?.innerText ?? '', selector);
  }
}
