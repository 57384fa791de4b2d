import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { seedVisualDatabase, visualSeed } from './support/visual-state';

/** A CometChat auth token as the log would hold one unmasked: `<uid>_<10-digit time><30 hex>`. */
const RAW_TOKEN = /cometchat-uid-\d+_\d{10}[0-9a-f]{30}/;

/**
 * The panel's timeline in Firefox ESR, opened as a page of its own with the fixed log of visual-state.ts: the main pane
 * of a tall dock, and an event opened from the keyboard and copied as JSON.
 */
describe('the panel timeline in Firefox', () => {
  let firefox: FirefoxWithExtension;

  beforeAll(async () => {
    firefox = await launchFirefoxWithExtension();
    const seeder = await firefox.openPage('popup.html');
    await seeder.waitForFunction(() => document.readyState === 'complete', { timeout: 10_000 });
    await seeder.evaluate(seedVisualDatabase, visualSeed(true, 42));
    await seeder.close();
  });

  afterAll(async () => {
    await firefox?.close();
  });

  async function openPanel(width: number, height: number): Promise<Page> {
    const panel = await firefox.openPage('devtools-panel.html', { width, height });
    await panel.waitForFunction(() => document.querySelector('[data-testid="event-count"]')?.textContent === '6 events', { timeout: 10_000 });
    return panel;
  }

  it.each([1100, 400])(
    'should show the timeline on the first screen of an 880 px dock %i px wide, the page itself never scrolling',
    async (width) => {
      const panel = await openPanel(width, 880);
      try {
        const layout = await panel.evaluate(() => {
          const list = document.querySelector('[aria-label="Auth event timeline"]')!.getBoundingClientRect();
          return { top: list.top, bottom: list.bottom, pageScrolls: document.documentElement.scrollHeight > innerHeight };
        });

        expect(layout.top, 'the list starts within the first half of the dock').toBeLessThan(880 / 2);
        expect(layout.bottom, 'the whole list is on screen').toBeLessThanOrEqual(880);
        expect(layout.pageScrolls, 'the page itself scrolls').toBe(false);
      } finally {
        await panel.close();
      }
    },
  );

  it('should open an event with Enter and copy it as JSON, its token masked as it is shown', async () => {
    const panel = await openPanel(1100, 800);
    try {
      // What the panel copies is recorded rather than read back from the system clipboard, as in the Chromium suite.
      await panel.evaluate(() => {
        navigator.clipboard.writeText = async (text: string) => void ((window as any).__copied = text);
      });
      // Opened from the keyboard, as a DevTools row is.
      await panel.focus('[data-seq="2"]');
      await panel.keyboard.press('Enter');
      await panel.waitForSelector('[data-testid="event-details"]');

      await panel.locator('::-p-aria(Copy as JSON)').click();

      await panel.waitForFunction(() => typeof (window as any).__copied === 'string', { timeout: 10_000 });
      const copied = await panel.evaluate(() => (window as any).__copied as string);
      expect(JSON.parse(copied)).toMatchObject({ seq: 2, type: 'loginFailure', error: { code: 'ERR_UID_NOT_FOUND' } });
      expect(copied).toContain('••••••••');
      expect(copied).not.toMatch(RAW_TOKEN);
    } finally {
      await panel.close();
    }
  });
});
