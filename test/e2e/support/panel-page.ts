import type { Locator, Page } from 'playwright-core';

/** The devtools panel page: the extension's user and the live event list. */
export class PanelPage {
  constructor(readonly page: Page) {}

  get currentUser(): Locator {
    return this.page.getByTestId('current-user');
  }

  /** Event types in the list, oldest first. */
  async eventTypes(): Promise<string[]> {
    const types = await this.page.locator('[data-testid="event-list"] li').evaluateAll((items) =>
      items.map((item) => `${item.getAttribute('data-type')} ${item.querySelector('.event-uid')?.textContent ?? ''}`),
    );
    return types.reverse();
  }
}
