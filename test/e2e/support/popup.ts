import type { ExtensionPage } from './extension-driver';

/** The popup as a tester uses it, in either browser (extension-driver.ts): named buttons, labelled fields, shown text. */
export class Popup {
  constructor(readonly tab: ExtensionPage) {}

  /** The current-user card's text, e.g. "No user logged in." or the name and uid. */
  currentUser(): Promise<string> {
    return this.tab.text('[data-testid="current-user"]');
  }

  /** The error notice's text (code, message, details), or '' when no error shows. */
  error(): Promise<string> {
    return this.tab.text('[data-testid="error"]');
  }

  /** The "Likely cause: … Fix: …" line under the error, or '' when none shows. */
  errorExplanation(): Promise<string> {
    return this.shownText('[data-testid="error"] .error-explanation');
  }

  /** The error's details as shown (CometChat's sentence, or JSON for structured details), or '' when none show. */
  errorDetails(): Promise<string> {
    return this.shownText('[data-testid="error"] [aria-label="Error details"]');
  }

  /** The app the main view's header names: the chosen option of the App select, or the lone app's label. */
  activeApp(): Promise<string> {
    return this.tab.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>('select.app-select');
      return select ? (select.selectedOptions[0]?.text ?? '') : (document.querySelector('.app-label')?.textContent ?? '');
    });
  }

  /** Submits the app settings form as it is. */
  async saveSettings(): Promise<void> {
    await this.tab.click('Save');
  }

  /** First-run set-up: "Use the local emulator", then point it at the test's emulator. */
  async setUpWithEmulator({ apiHost }: { apiHost: string }): Promise<void> {
    await this.tab.click('Use the local emulator');
    await this.tab.fill('API host (optional)', apiHost);
    await this.tab.click('Save');
  }

  /** The header's "Apps" button: the list of app profiles. */
  async openApps(): Promise<void> {
    await this.tab.click('Apps');
  }

  /** "Done" on the Apps list, back to the main view. */
  async closeApps(): Promise<void> {
    await this.tab.click('Done');
  }

  /** Adds an app from the Apps list; the new app becomes the active one and the main view shows. */
  async addApp({ label, appId, authKey, apiHost }: { label: string; appId: string; authKey?: string; apiHost: string }): Promise<void> {
    await this.openApps();
    await this.tab.click('Add an app');
    await this.tab.fill('Label (optional)', label);
    await this.tab.fill('App ID', appId);
    if (authKey !== undefined) await this.tab.fill('Auth Key (optional)', authKey);
    await this.tab.fill('API host (optional)', apiHost);
    await this.tab.click('Save');
  }

  /** Changes the Auth Key of the app labelled `label` from the Apps list (Edit, Save), then returns to the main view. */
  async changeAuthKey(authKey: string, label = 'Local emulator'): Promise<void> {
    await this.openApps();
    await this.tab.click(`Edit ${label}`);
    await this.tab.fill('Auth Key (optional)', authKey);
    await this.tab.click('Save');
    await this.closeApps();
  }

  /** Clicks the test user's tile, "Log in as {name} ({uid})". */
  async loginAsTestUser(name: string, uid: string): Promise<void> {
    await this.tab.clickContaining(`Log in as ${name} (${uid})`);
  }

  async loginWithUid(uid: string): Promise<void> {
    await this.tab.fill('UID', uid);
    await this.tab.click('Log in');
  }

  /** Pastes `token` into the Auth Token field and logs in with it. */
  async loginWithAuthToken(token: string): Promise<void> {
    await this.tab.fill('Auth Token', token);
    await this.tab.click('Log in with token');
  }

  /** The test user's tile for `uid`: all its text (what a screen reader says, e.g. "Session dead: …"), its tooltip, whether it is disabled. */
  testUserTile(uid: string): Promise<{ text: string; title: string | null; disabled: boolean }> {
    return this.tab.evaluate((wanted) => {
      const tile = [...document.querySelectorAll<HTMLButtonElement>('button.user-tile')].find((candidate) =>
        candidate.textContent?.includes(`(${wanted})`),
      );
      if (!tile) throw new Error(`No tile for ${wanted}`);
      return { text: tile.textContent ?? '', title: tile.getAttribute('title'), disabled: tile.disabled };
    }, uid);
  }

  /** Chooses the active app by its label in the header's "App" select (shown once there are two or more). */
  async useApp(label: string): Promise<void> {
    await this.tab.select('App', label);
  }

  /** The labels on the Apps list, top to bottom. */
  appLabels(): Promise<string[]> {
    return this.tab.evaluate(() => [...document.querySelectorAll('.profile-list strong')].map((label) => label.textContent ?? ''));
  }

  /** The label of the entry the Apps list marks as in use (`aria-current`). */
  appMarkedInUse(): Promise<string> {
    return this.tab.text('.profile-list [aria-current="true"] strong');
  }

  /** The computed colours of the page's body, as `rgb(…)` strings: what the colour scheme resolved to. */
  bodyColours(): Promise<{ background: string; text: string }> {
    return this.tab.evaluate(() => {
      const style = getComputedStyle(document.body);
      return { background: style.backgroundColor, text: style.color };
    });
  }

  async logout(): Promise<void> {
    await this.tab.click('Log out');
  }

  /** The text of the first element matching `selector`, or '' when it is in the page yet not rendered (hidden by CSS). */
  private shownText(selector: string): Promise<string> {
    return this.tab.evaluate((css) => {
      const element = document.querySelector<HTMLElement>(css);
      return element?.checkVisibility({ opacityProperty: true, visibilityProperty: true }) ? element.innerText : '';
    }, selector);
  }
}
