import type { Page } from 'puppeteer-core';
import { screenshotPath } from './paths';

export interface AppSettings {
  appId?: string;
  region?: string;
  authKey?: string;
  apiHost?: string;
}

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

  /** The "Likely cause: … Fix: …" line under the error, or '' when none shows. */
  errorExplanation(): Promise<string> {
    return this.shownText('[data-testid="error"] .error-explanation');
  }

  /** The error's details as shown (CometChat's sentence, or JSON for structured details), or '' when none show. */
  errorDetails(): Promise<string> {
    return this.shownText('[data-testid="error"] [aria-label="Error details"]');
  }

  /** Submits the app settings form as it is. */
  async saveSettings(): Promise<void> {
    await this.button('Save').click();
  }

  /** First-run set-up: "Use the local emulator", then point it at the test's emulator. */
  async setUpWithEmulator({ apiHost }: { apiHost: string }): Promise<void> {
    await this.button('Use the local emulator').click();
    await this.textbox('API host (optional)').fill(apiHost);
    await this.button('Save').click();
  }

  /** Adds an app from the Apps list; the new app becomes the active one and the main view shows. */
  async addApp(settings: AppSettings & { label: string }): Promise<void> {
    await this.openApps();
    await this.button('Add an app').click();
    await this.textbox('Label (optional)').fill(settings.label);
    await this.fillSettings(settings);
    await this.button('Save').click();
  }

  /** The header's "Apps" button: the list of app profiles. */
  async openApps(): Promise<void> {
    await this.button('Apps').click();
  }

  /** "Done" on the Apps list, back to the main view. */
  async closeApps(): Promise<void> {
    await this.button('Done').click();
  }

  /** The labels on the Apps list, top to bottom. */
  appLabels(): Promise<string[]> {
    return this.page.$$eval('.profile-list strong', (labels) => labels.map((label) => label.textContent ?? ''));
  }

  /** The label of the entry the Apps list marks as in use (`aria-current`). */
  appMarkedInUse(): Promise<string> {
    return this.page.evaluate(() => document.querySelector('.profile-list [aria-current="true"] strong')?.textContent ?? '');
  }

  /** Chooses the active app by its label in the header's "App" select (shown once there are two or more). */
  async useApp(label: string): Promise<void> {
    const select = await this.page.locator('::-p-aria([name="App"][role="combobox"])').waitHandle();
    try {
      const value = await select.evaluate(
        (element, wanted) => [...(element as HTMLSelectElement).options].find((option) => option.text === wanted)?.value,
        label,
      );
      if (value === undefined) throw new Error(`The App select has no option labelled "${label}"`);
      // ElementHandle.select picks by value and fires input + change, as a tester's choice would.
      await select.select(value);
    } finally {
      await select.dispose();
    }
  }

  /** The app the main view's header names: the chosen option of the App select, or the lone app's label. */
  activeApp(): Promise<string> {
    return this.page.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>('select.app-select');
      return select ? (select.selectedOptions[0]?.text ?? '') : (document.querySelector('.app-label')?.textContent ?? '');
    });
  }

  /** The computed colours of the page's body, as `rgb(…)` strings: what the colour scheme resolved to. */
  bodyColours(): Promise<{ background: string; text: string }> {
    return this.page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return { background: style.backgroundColor, text: style.color };
    });
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
    // In one input event, as loginWithAuthToken (see there): the field keeps the last uid when a login failed.
    await this.textbox('UID').fill(uid, { typingThreshold: 0 });
    await this.button('Log in').click();
  }

  async loginWithAuthToken(token: string): Promise<void> {
    // A password input has no ARIA role, so no role + name query finds it: use the id its <label> points to.
    // Pasted, as the field asks ("paste an auth token"): the whole token in one input event. Puppeteer would
    // otherwise empty the field without an input event and type the token key by key, and a render in between
    // (a snapshot arriving) puts the field's previous text back in front of the keys typed after it.
    await this.page.locator('#token-login').fill(token, { typingThreshold: 0 });
    await this.button('Log in with token').click();
  }

  async logout(): Promise<void> {
    await this.button('Log out').click();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath(name), fullPage: true });
  }

  private async fillSettings({ appId, region, authKey, apiHost }: AppSettings): Promise<void> {
    if (appId !== undefined) await this.textbox('App ID').fill(appId);
    if (region !== undefined) await this.page.locator('::-p-aria([name="Region"][role="combobox"])').fill(region);
    // A password input has no ARIA role (see loginWithAuthToken): use the id its <label> points to.
    if (authKey !== undefined) await this.page.locator('#setup-authKey').fill(authKey);
    if (apiHost !== undefined) await this.textbox('API host (optional)').fill(apiHost);
  }

  private button(name: string) {
    return this.page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`);
  }

  private textbox(name: string) {
    return this.page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="textbox"])`);
  }

  private visibleText(selector: string): Promise<string> {
    return this.page.evaluate((css) => document.querySelector<HTMLElement>(css)?.innerText ?? '', selector);
  }

  /** Like visibleText, but '' for an element that is in the page yet not rendered (hidden, zero-sized by CSS). */
  private shownText(selector: string): Promise<string> {
    return this.page.evaluate((css) => {
      const element = document.querySelector<HTMLElement>(css);
      return element?.checkVisibility({ opacityProperty: true, visibilityProperty: true }) ? element.innerText : '';
    }, selector);
  }
}
