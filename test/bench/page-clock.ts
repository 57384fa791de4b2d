import type { Page } from 'playwright-core';

/**
 * Timing read inside the pages themselves (epoch ms with sub-ms precision from `performance`), so
 * Playwright's own round trips never count. Every page gets `window.__bench.until(selector, text)`,
 * which resolves to the moment an element matching `selector` first contains `text` (or, for a text
 * starting with `=`, reads exactly the rest).
 */
export async function installPageClock(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const now = () => performance.timeOrigin + performance.now();
    (window as any).__bench = {
      now,
      until(selector: string, text: string): Promise<number> {
        return new Promise((resolve) => {
          const check = () => {
            const element = document.querySelector(selector);
            const content = element?.textContent ?? null;
            if (content !== null && (text.startsWith('=') ? content === text.slice(1) : content.includes(text))) {
              observer.disconnect();
              resolve(now());
              return true;
            }
            return false;
          };
          const observer = new MutationObserver(check);
          observer.observe(document, { childList: true, subtree: true, characterData: true });
          check();
        });
      },
    };
  });
}

/** Starts watching now, in the page, for `text` in `selector`; await the result later (fails after 20 s). */
export async function watch(page: Page, selector: string, text: string): Promise<() => Promise<number>> {
  const key = `w${Math.random().toString(36).slice(2)}`;
  // The block body matters: returning the promise would make Playwright wait for it right here.
  await page.evaluate(
    ([k, s, t]) => {
      (window as any)[k] = (window as any).__bench.until(s, t);
    },
    [key, selector, text] as const,
  );
  const shownNow = () => page.evaluate((s) => document.querySelector(s)?.textContent ?? '(no such element)', selector).catch(() => '(unreadable)');
  return () =>
    Promise.race([
      page.evaluate((k) => (window as any)[k], key),
      new Promise<number>((_, reject) =>
        setTimeout(() => void shownNow().then((shown) => reject(new Error(`Never saw "${text}" in ${selector}: it said "${shown}"`))), 20_000),
      ),
    ]);
}

/** Clicks the button with this accessible text inside the page and returns the epoch time of the click. */
export function clickAt(page: Page, selector: string): Promise<number> {
  return page.evaluate((s) => {
    const element = document.querySelector<HTMLElement>(s);
    if (!element) throw new Error(`Nothing matches ${s}`);
    const at = (window as any).__bench.now();
    element.click();
    return at;
  }, selector);
}
