import type { Locator, Page } from 'playwright-core';
import { evaluateIn, type AnyPage } from './any-page';
import { screenshotPath } from './paths';

export interface AppSettings {
  appId?: string;
  region?: string;
  authKey?: string;
  apiHost?: string;
}

/** The popup as a tester sees it: labelled fields, named buttons, the current-user card. */
export class PopupPage {
  constructor(readonly page: Page) {}

  /**
   * A tester looks at the view they click in. Chromium pauses animation frames in background tabs,
   * and Playwright waits for one before clicking, so bring this tab to the front first.
   */
  private async focus(): Promise<void> {
    await this.page.bringToFront();
  }

  get currentUser(): Locator {
    return this.page.getByTestId('current-user');
  }

  get error(): Locator {
    return this.page.getByTestId('error');
  }

  /** The "Likely cause: … Fix: …" line under the error. */
  get errorExplanation(): Locator {
    return this.error.locator('.error-explanation');
  }

  /** The error's details as shown: CometChat's sentence, or JSON for structured details. */
  get errorDetails(): Locator {
    return this.error.getByLabel('Error details');
  }

  /** First-run set-up: "Use the local emulator", then point it at the test's emulator. */
  async setUpWithEmulator(settings: AppSettings): Promise<void> {
    await this.focus();
    await this.page.getByRole('button', { name: 'Use the local emulator' }).click();
    await this.fillSettings(settings);
    await this.page.getByRole('button', { name: 'Save' }).click();
  }

  /** Submits the app settings form as it is. */
  async saveSettings(): Promise<void> {
    await this.focus();
    await this.page.getByRole('button', { name: 'Save' }).click();
  }

  /** Edits the app labelled `label` (the only one when omitted) from the Apps list, then returns to the main view. */
  async changeApp(settings: AppSettings, label?: string): Promise<void> {
    await this.focus();
    await this.openApps();
    await this.page.getByRole('button', { name: label ? `Edit ${label}` : /^Edit / }).click();
    await this.fillSettings(settings);
    await this.page.getByRole('button', { name: 'Save' }).click();
    await this.page.getByRole('button', { name: 'Done' }).click();
  }

  /** Adds an app from the Apps list; the new app becomes the active one. */
  async addApp(settings: AppSettings & { label: string }): Promise<void> {
    await this.focus();
    await this.openApps();
    await this.page.getByRole('button', { name: 'Add an app' }).click();
    await this.page.getByLabel('Label (optional)').fill(settings.label);
    await this.fillSettings(settings);
    await this.page.getByRole('button', { name: 'Save' }).click();
  }

  async openApps(): Promise<void> {
    await this.page.getByRole('button', { name: 'Apps', exact: true }).click();
  }

  /** Chooses the active app in the header. */
  async useApp(label: string): Promise<void> {
    await this.focus();
    await this.page.getByLabel('App', { exact: true }).selectOption({ label });
  }

  private async fillSettings({ appId, region, authKey, apiHost }: AppSettings): Promise<void> {
    if (appId !== undefined) await this.page.getByLabel('App ID').fill(appId);
    if (region !== undefined) await this.page.getByLabel('Region').selectOption(region);
    if (authKey !== undefined) await this.page.getByLabel('Auth Key').fill(authKey);
    if (apiHost !== undefined) await this.page.getByLabel('API host (optional)').fill(apiHost);
  }

  /** Clicks a test-user tile by the user's name. */
  async loginAsTestUser(name: string): Promise<void> {
    await this.focus();
    await this.page.getByRole('button', { name: new RegExp(`^Log in as ${name} `) }).click();
  }

  async loginWithUid(uid: string): Promise<void> {
    await this.focus();
    await this.page.getByLabel('UID', { exact: true }).fill(uid);
    await this.page.getByRole('button', { name: 'Log in', exact: true }).click();
  }

  async loginWithAuthToken(token: string): Promise<void> {
    await this.focus();
    await this.page.getByLabel('Auth Token', { exact: true }).fill(token);
    await this.page.getByRole('button', { name: 'Log in with token' }).click();
  }

  async logout(): Promise<void> {
    await this.focus();
    await this.page.getByRole('button', { name: 'Log out' }).click();
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath(name), fullPage: true });
  }
}

/** What the popup shows of the extension's session, read in one go for invariant checks. */
export interface PopupViewState {
  /** The uid on the current-user card; null for "No user logged in.". */
  activeUid: string | null;
  /** Test users whose tile carries the "session held" dot, sorted. */
  heldTestUids: string[];
  /** The code of the error notice on screen, if any. */
  errorCode: string | null;
}

type SettleWindow = Window & { __popupSettledActions?: number };

/** Reads the popup's state straight from its DOM (one round trip, no focus needed); Chromium's popup or Firefox's. */
export async function readPopupViewState(page: AnyPage): Promise<PopupViewState> {
  return evaluateIn(page, () => {
    const card = document.querySelector('[data-testid="current-user"]');
    const tiles = [...document.querySelectorAll('.user-tile')];
    return {
      activeUid: card?.querySelector('.user-uid')?.textContent ?? null,
      heldTestUids: tiles
        .filter((tile) => tile.querySelector('.held-dot'))
        .map((tile) => `cometchat-${tile.querySelector('.tile-uid')?.textContent ?? ''}`)
        .sort(),
      errorCode: document.querySelector('[data-testid="error"] .error-code')?.textContent ?? null,
    };
  });
}

/**
 * Counts the popup's finished actions: `main[aria-busy]` going from true to false is the moment a
 * clicked action settled (resolved or rejected) in the view's own session client.
 */
export async function watchPopupSettledActions(page: AnyPage): Promise<void> {
  await evaluateIn(page, () => {
    const target = window as SettleWindow;
    if (target.__popupSettledActions !== undefined) return;
    target.__popupSettledActions = 0;
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.oldValue === 'true' && (record.target as Element).getAttribute('aria-busy') === 'false') target.__popupSettledActions! += 1;
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-busy'], attributeOldValue: true });
  });
}

/** How many popup actions have settled since `watchPopupSettledActions`. */
export async function popupSettledActions(page: AnyPage): Promise<number> {
  return evaluateIn(page, () => (window as SettleWindow).__popupSettledActions ?? 0);
}
