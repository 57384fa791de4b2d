import type { Page } from 'playwright-core';

type HistoryWindow = Window & { __shownUserHistory?: Array<string | null> };

/**
 * Starts recording every change of the active uid a view shows on its current-user card (popup and panel
 * both mark it `data-testid="current-user"`; null is "No user logged in."). Renders may skip states, but a
 * view must never show one that did not exist, nor go back to an older one.
 */
export async function recordShownUser(page: Page): Promise<void> {
  await page.evaluate(() => {
    const target = window as HistoryWindow;
    if (target.__shownUserHistory) return;
    const read = () => document.querySelector('[data-testid="current-user"]')?.querySelector('.user-uid')?.textContent ?? null;
    const history: Array<string | null> = [read()];
    target.__shownUserHistory = history;
    new MutationObserver(() => {
      const shown = read();
      if (shown !== history.at(-1)) history.push(shown);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

export async function shownUserHistory(page: Page): Promise<Array<string | null>> {
  return page.evaluate(() => [...((window as HistoryWindow).__shownUserHistory ?? [])]);
}

/** Whether `shown` appears in `truth` in order (not necessarily next to each other). */
export function isSubsequence<T>(shown: readonly T[], truth: readonly T[]): boolean {
  let position = 0;
  for (const value of shown) {
    while (position < truth.length && truth[position] !== value) position++;
    if (position === truth.length) return false;
    position++;
  }
  return true;
}
