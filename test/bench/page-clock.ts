import type { Page } from 'playwright-core';

/**
 * Timing read inside the pages themselves (epoch ms with sub-ms precision from `performance`), so
 * Playwright's own round trips never count. Every page gets `window.__bench.until(selector, text)`,
 * which resolves to the moment an element matching `selector` first contains `text` (or, for a text
 * starting with `=`, reads exactly the rest).
 *
 * `early` lists what a page's load is timed by (`[selector, text]`): those are watched from the document's start, so
 * `until` called after `page.goto` returns (after the load event and a round trip) still gets the moment the element
 * appeared. Armed only then, a view shown before the call (a shell, a quick popup) was timed by Playwright's round trip.
 * Each match is also written to the console, which `openTimed` reads without running anything in the page.
 */
export async function installPageClock(page: Page, early: ReadonlyArray<readonly [selector: string, text: string]> = []): Promise<void> {
  await page.addInitScript(
    ([watched, shownLine]) => {
      const now = () => performance.timeOrigin + performance.now();
      const matches = (selector: string, text: string) => {
        const content = document.querySelector(selector)?.textContent ?? null;
        return content !== null && (text.startsWith('=') ? content === text.slice(1) : content.includes(text));
      };
      // Each early watch lasts until its `until` call takes over (or it has matched): no observer stays on the page after.
      const pending = new Map(watched.map(([selector, text]) => [`${selector}\0${text}`, [selector, text] as const]));
      const seen = new Map<string, number>();
      const earlyWatch = new MutationObserver(() => {
        for (const [key, [selector, text]] of pending) {
          if (matches(selector, text)) {
            seen.set(key, now());
            pending.delete(key);
            // For openTimed, which reads it without running anything in the page.
            console.debug(`${shownLine} ${JSON.stringify(key)} ${performance.now()}`);
          }
        }
        if (pending.size === 0) earlyWatch.disconnect();
      });
      if (pending.size > 0) earlyWatch.observe(document, { childList: true, subtree: true, characterData: true });
      (window as any).__bench = {
        now,
        until(selector: string, text: string): Promise<number> {
          const key = `${selector}\0${text}`;
          pending.delete(key);
          if (pending.size === 0) earlyWatch.disconnect();
          // Only the first call gets the early moment: a later one waits for its own change (a switch back to the user).
          const seenAt = seen.get(key);
          seen.delete(key);
          if (seenAt !== undefined) return Promise.resolve(seenAt);
          return new Promise((resolve) => {
            const check = () => {
              if (!matches(selector, text)) return false;
              observer.disconnect();
              resolve(now());
              return true;
            };
            const observer = new MutationObserver(check);
            observer.observe(document, { childList: true, subtree: true, characterData: true });
            check();
          });
        },
      };
    },
    [early, SHOWN_LINE] as const,
  );
}

/** How an early watch's match starts its console line. */
const SHOWN_LINE = '__bench:shown';

/**
 * Opens `url` in `page` and returns when the early watch `[selector, text]` (see installPageClock) matched, in ms from
 * the document's start, read from the line it writes to the console: nothing runs in the page until it has loaded
 * and shown it. Asked with `page.evaluate` once `goto` had returned, the first evaluation in a new document made
 * Playwright install its scripts there (~10 ms of the page's main thread), at the load event: a shell showed its
 * stand-in before that, but the panel, whose rows come after its load, had them compete with its render (1.53× its
 * shell with them, 1.39× without, in one run of 30 pairs).
 */
export async function openTimed(page: Page, url: string, selector: string, text: string): Promise<number> {
  const prefix = `${SHOWN_LINE} ${JSON.stringify(`${selector}\0${text}`)} `;
  const shown = page.waitForEvent('console', { predicate: (message) => message.text().startsWith(prefix), timeout: 20_000 });
  // Awaited together: a page that never shows it fails here, not as an unhandled rejection.
  const [line] = await Promise.all([shown, page.goto(url)]);
  return Number(line.text().slice(prefix.length));
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
