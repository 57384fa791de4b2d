import type { Locator, Page } from 'playwright-core';

/** The devtools panel page: the extension's user and the live event list. */
export class PanelPage {
  constructor(readonly page: Page) {}

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
