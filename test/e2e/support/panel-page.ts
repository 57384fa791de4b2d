import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { evaluateIn, type AnyPage } from './any-page';
import { readStoredTruth } from './extension-db';
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

  /** What the background asks before it writes into the page (a first write into a site, a new session). */
  get pageQuestion(): Locator {
    return this.page.getByTestId('page-write-question');
  }

  /** Answers the open question with the button named `answer` ("Yes, write into this site", "Cancel"…). */
  async answerPageQuestion(answer: string): Promise<void> {
    await this.focus();
    await this.pageQuestion.getByRole('button', { name: answer }).click();
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
    await this.page.getByRole('button', { name: 'Use this session in the extension' }).click();
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

  /** The live line about the inspected tab (SDK, user, WebSocket, pin). */
  get monitorStrip(): Locator {
    return this.page.getByTestId('monitor-strip');
  }

  /** Each open tab of the site as the Tabs card shows it: its title, user line and warnings. */
  async appTabRows(): Promise<{ tabId: number; text: string; stale: boolean; pinned: boolean }[]> {
    return this.page.getByTestId('app-tab').evaluateAll((rows) =>
      rows.map((row) => ({
        tabId: Number(row.getAttribute('data-tab-id')),
        text: (row as HTMLElement).innerText,
        stale: row.getAttribute('data-stale') === 'true',
        pinned: row.getAttribute('data-pinned') === 'true',
      })),
    );
  }

  get currentUser(): Locator {
    return this.page.getByTestId('current-user');
  }

  /** Auth event rows as "type uid", oldest first (the timeline shows newest first); the apps' own activity left out. */
  async eventTypes(): Promise<string[]> {
    return this.page.locator('[aria-label="Auth event timeline"] [data-seq]:not([data-type="pageActivity"])').evaluateAll((rows) =>
      rows
        .map((row) => ({
          seq: Number(row.getAttribute('data-seq')),
          text: `${row.getAttribute('data-type')} ${row.querySelector('.event-uid')?.textContent ?? ''}`,
        }))
        .sort((a, b) => a.seq - b.seq)
        .map((row) => row.text),
    );
  }

  /**
   * Each timeline row's text drawn where the tester cannot read it: a cell overlapping the next one (a long activity
   * running under the uid: in a wide list the row's two lines are one), or cut off without an ellipsis. As "row text:
   * cell text" entries.
   */
  async unreadableTimelineCells(): Promise<string[]> {
    return this.page.locator('[aria-label="Auth event timeline"] .event').evaluateAll((rows) =>
      rows.flatMap((row) => {
        const cells = [...row.querySelectorAll<HTMLElement>('.event-line > *')];
        const overlaps = (a: DOMRect, b: DOMRect) =>
          a.right > b.left + 0.5 && a.left < b.right - 0.5 && a.bottom > b.top + 0.5 && a.top < b.bottom - 0.5;
        return cells
          .filter((cell, at) => {
            const next = cells[at + 1];
            const style = getComputedStyle(cell);
            const isEllipsized = style.textOverflow === 'ellipsis' && style.overflowX === 'hidden';
            const isCut = cell.scrollWidth > cell.clientWidth + 1 && !isEllipsized;
            return isCut || (next !== undefined && overlaps(cell.getBoundingClientRect(), next.getBoundingClientRect()));
          })
          .map((cell) => `${row.textContent}: ${cell.textContent}`);
      }),
    );
  }

  /** How many events are stored, once the timeline's count shows exactly that: a baseline no late event can change. */
  async eventCountCaughtUp(): Promise<number> {
    // Both sides are read again on every try: an event may still be committing when this is called.
    let stored = -1;
    await expect
      .poll(
        async () => {
          stored = (await readStoredTruth(this.page)).events.length;
          return parseInt((await this.eventCount.textContent()) ?? '', 10) === stored;
        },
        { message: 'the timeline counts every stored event' },
      )
      .toBe(true);
    return stored;
  }
}

/** What the panel shows of the extension's session and its timeline, read in one go for invariant checks. */
export interface PanelViewState {
  /** The uid in "Extension session"; null for "No user logged in.". */
  activeUid: string | null;
  /** "Sessions held": uids, sorted. */
  heldUids: string[];
  /** The timeline's "N events" (or "1 event") count, unfiltered. */
  eventCount: number | null;
  /** The newest timeline row's seq (the list shows newest first), when scrolled to the top. */
  newestSeq: number | null;
}

/** Reads the panel's state straight from its DOM (one round trip, no focus needed); Chromium's panel or Firefox's. */
export async function readPanelViewState(page: AnyPage): Promise<PanelViewState> {
  return evaluateIn(page, () => {
    const inspector = document.querySelector('[data-testid="current-user"]');
    const count = document.querySelector('[data-testid="event-count"]')?.textContent ?? '';
    const newest = document.querySelector('[aria-label="Auth event timeline"] [data-seq]')?.getAttribute('data-seq');
    return {
      activeUid: inspector?.querySelector('.panel-user .user-uid')?.textContent ?? null,
      heldUids: [...(inspector?.querySelectorAll('.held-list .held-name .muted') ?? [])].map((uid) => uid.textContent ?? '').sort(),
      eventCount: /^(\d+) events?$/.test(count) ? Number(count.split(' ')[0]) : null,
      newestSeq: newest ? Number(newest) : null,
    };
  });
}

/** A timeline row as the panel renders it. */
export interface TimelineRow {
  seq: number;
  type: string;
  uid: string;
}

/**
 * Every row of the (virtualised) timeline, oldest first: scrolls the list a screen at a time, collecting the
 * rows rendered at each stop, and scrolls back to the top. The tab is brought to the front first because
 * Chromium renders (and fires scroll events for) background tabs lazily.
 */
export async function readAllTimelineRows(page: AnyPage): Promise<TimelineRow[]> {
  await page.bringToFront();
  return evaluateIn(page, async () => {
    const list = document.querySelector<HTMLElement>('[aria-label="Auth event timeline"]');
    if (!list) return [];
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const rows = new Map<number, { seq: number; type: string; uid: string }>();
    const collect = () => {
      for (const row of list.querySelectorAll('[data-seq]')) {
        const seq = Number(row.getAttribute('data-seq'));
        rows.set(seq, { seq, type: row.getAttribute('data-type') ?? '', uid: row.querySelector('.event-uid')?.textContent ?? '' });
      }
    };
    for (let top = 0; ; top += Math.max(1, list.clientHeight - 26)) {
      list.scrollTop = top;
      list.dispatchEvent(new Event('scroll'));
      await frame();
      collect();
      if (top + list.clientHeight >= list.scrollHeight) break;
    }
    list.scrollTop = 0;
    list.dispatchEvent(new Event('scroll'));
    await frame();
    return [...rows.values()].sort((a, b) => a.seq - b.seq);
  });
}
