import type { Locator, Page } from 'playwright-core';
import { screenshotPath } from './paths';

/** The devtools panel page: the page's session, the extension's user, and the live event list. */
export class PanelPage {
  constructor(readonly page: Page) {}

  get pageSession(): Locator {
    return this.page.getByTestId('page-session');
  }

  get pageUser(): Locator {
    return this.page.getByTestId('page-user');
  }

  /** The outcome line of the last page action (success), or the error shown in the page section. */
  get pageStatus(): Locator {
    return this.pageSession.getByRole('status');
  }

  get pageError(): Locator {
    return this.pageSession.getByTestId('error');
  }

  get eventCount(): Locator {
    return this.page.getByTestId('event-count');
  }

  private async focus(): Promise<void> {
    await this.page.bringToFront();
  }

  async switchPageTo(name: string): Promise<void> {
    await this.focus();
    await this.page.getByRole('button', { name: new RegExp(`^Switch the page to ${name} `) }).click();
  }

  async switchPageWithToken(token: string): Promise<void> {
    await this.focus();
    await this.page.getByLabel('Page auth token').fill(token);
    await this.page.getByRole('button', { name: 'Switch page' }).click();
  }

  async logOutPage({ revoke = false } = {}): Promise<void> {
    await this.focus();
    if (revoke) await this.page.getByLabel('also revoke its token').check();
    await this.page.getByRole('button', { name: 'Log the page out' }).click();
  }

  async adoptPageSession(): Promise<void> {
    await this.focus();
    await this.page.getByRole('button', { name: 'Adopt into the extension' }).click();
  }

  async filterByType(type: string): Promise<void> {
    await this.focus();
    await this.page.getByRole('button', { name: type, exact: true }).click();
  }

  async search(text: string): Promise<void> {
    await this.focus();
    await this.page.getByLabel('Search events').fill(text);
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: screenshotPath(name), fullPage: true });
  }

  get currentUser(): Locator {
    return this.page.getByTestId('current-user');
  }

  /** Event rows as "type uid", oldest first (the timeline shows newest first). */
  async eventTypes(): Promise<string[]> {
    return this.page.locator('[aria-label="Auth event timeline"] [data-seq]').evaluateAll((rows) =>
      rows
        .map((row) => ({ seq: Number(row.getAttribute('data-seq')), text: `${row.getAttribute('data-type')} ${row.querySelector('.event-uid')?.textContent ?? ''}` }))
        .sort((a, b) => a.seq - b.seq)
        .map((row) => row.text),
    );
  }
}
