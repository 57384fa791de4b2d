import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { maskSecret } from '@/lib/mask';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { PanelPage } from './support/panel-page';
import { PopupPage } from './support/popup-page';
import { seedEvents } from './support/seed-events';
import { findPaintedHiddenText } from './support/visually-hidden-check';

const SEEDED = 10_000;
const LEAKY_TOKEN = 'cometchat-uid-3_1795000000abcdefabcdefabcdefabcdefabcdef';
const LEAKY_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('timeline with 10,000 stored events in Chromium', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let panel: PanelPage;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension();
    const popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.page.close();
    panel = new PanelPage(await browser.openPage('devtools-panel.html', { width: 1100, height: 900 }));
    await seedEvents(panel.page, SEEDED, { token: LEAKY_TOKEN, jwt: LEAKY_JWT });
  });

  // Each test starts from a freshly opened panel: no search, no filter, scrolled to the top.
  beforeEach(async () => {
    await panel.page.reload();
    await expect.poll(() => panel.eventCount.textContent()).toBe('10000 events');
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('should show all 10,000 events while rendering only the rows in view', async () => {
    const renderedRows = await panel.page.locator('[aria-label="Auth event timeline"] [data-seq]').count();
    expect(renderedRows).toBeGreaterThan(10);
    expect(renderedRows).toBeLessThan(100);
    expect(await panel.page.locator('[aria-label="Auth event timeline"] [data-seq]').first().getAttribute('data-seq')).toBe('10000');
  });

  it('should paint none of the words meant only for screen readers', async () => {
    const { hidden, painted } = await panel.page.evaluate(findPaintedHiddenText);

    expect(hidden).toBeGreaterThan(0);
    expect(painted, 'screen-reader words painted on screen').toEqual([]);
  });

  it('should search, filter by type and by uid, and show what is left', async () => {
    await panel.search('devtools-panel');
    await expect.poll(() => panel.eventCount.textContent()).toBe('5000 of 10000 events');

    await panel.filterByType('loginSuccess');
    await expect.poll(() => panel.eventCount.textContent()).toBe('2500 of 10000 events');
    await panel.page.getByLabel('Filter by UID').selectOption('cometchat-uid-3');

    await expect.poll(() => panel.eventCount.textContent()).toBe('500 of 10000 events');
    expect(new Set(await panel.eventTypes())).toEqual(new Set(['loginSuccess cometchat-uid-3']));
    await panel.screenshot('chromium-panel-timeline');
    await panel.page.emulateMedia({ colorScheme: 'dark' });
    await panel.screenshot('chromium-panel-timeline-dark');
    await panel.page.emulateMedia({ colorScheme: 'light' });
  });

  it('should show everything again when the filters are removed', async () => {
    await panel.search('devtools-panel');
    await panel.filterByType('loginSuccess');
    await panel.page.getByLabel('Filter by UID').selectOption('cometchat-uid-3');
    await expect.poll(() => panel.eventCount.textContent()).toBe('500 of 10000 events');

    await panel.search('');
    await panel.filterByType('loginSuccess');
    await panel.page.getByLabel('Filter by UID').selectOption('');

    await expect.poll(() => panel.eventCount.textContent()).toBe('10000 events');
  });

  it('should export every event as JSON without any token or jwt', async () => {
    await panel.page.bringToFront();
    const download = panel.page.waitForEvent('download');

    await panel.page.getByRole('button', { name: 'Export' }).click();
    const exported = await readFile(await (await download).path(), 'utf8');

    expect(JSON.parse(exported).events).toHaveLength(SEEDED);
    expect(exported).not.toContain(LEAKY_TOKEN);
    expect(exported).not.toContain(LEAKY_JWT);
    expect(exported).not.toContain(emulator.authKey);
  });

  it('should mask tokens in what the timeline shows', async () => {
    const titles = await panel.page
      .locator('[aria-label="Auth event timeline"] code.error-code')
      .evaluateAll((codes) => codes.map((code) => code.getAttribute('title')));

    expect(titles.length).toBeGreaterThan(0);
    expect(titles.join(' ')).not.toContain(LEAKY_TOKEN);
  });

  it('should open a row from the keyboard and show the whole event, its secrets masked', async () => {
    await panel.page.bringToFront();
    const row = panel.page.locator('[aria-label="Auth event timeline"] [data-type="loginFailure"]').first();
    const details = panel.page.getByTestId('event-details');

    await row.focus();
    await row.press('Enter');

    await expect.poll(() => row.getAttribute('aria-expanded')).toBe('true');
    const shown = await details.textContent();
    const seq = await row.getAttribute('data-seq');
    for (const part of [
      `Event ${seq}: loginFailure`,
      'AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
      'emulator-app',
      'Source',
      'Took',
      `${Number(seq) % 300} ms`,
      maskSecret(LEAKY_TOKEN),
    ]) {
      expect(shown, `the opened event shows ${part}`).toContain(part);
    }
    expect(shown).not.toContain(LEAKY_TOKEN);
    expect(shown).not.toContain(LEAKY_JWT);
    expect(await row.getAttribute('aria-controls')).toBe(await details.getAttribute('id'));

    await row.press('Space');

    await expect.poll(() => row.getAttribute('aria-expanded')).toBe('false');
    expect(await details.count()).toBe(0);
  });

  it('should stack each row in a narrow dock so no column is cut off, and keep one line in a wide one', async () => {
    const rowLayout = () =>
      panel.page.locator('[aria-label="Auth event timeline"] .event').evaluateAll((rows) =>
        rows.map((row) => {
          const box = row.getBoundingClientRect();
          const cut = [...row.querySelectorAll<HTMLElement>('.event-line > *')]
            .filter((cell) => cell.getBoundingClientRect().right > box.right + 0.5 || cell.getBoundingClientRect().bottom > box.bottom + 0.5)
            .map((cell) => cell.textContent);
          const truncated = [...row.querySelectorAll<HTMLElement>('.event-time, .event-type, .event-uid')]
            .filter((cell) => cell.scrollWidth > cell.clientWidth)
            .map((cell) => cell.textContent);
          return { height: Math.round(box.height), cut, truncated };
        }),
      );

    await panel.page.setViewportSize({ width: 360, height: 800 });

    await expect.poll(async () => (await rowLayout())[0]?.height).toBe(44);
    for (const row of await rowLayout()) expect(row, 'a timeline row in a 360 px dock').toEqual({ height: 44, cut: [], truncated: [] });
    await panel.page.setViewportSize({ width: 1100, height: 900 });
    await expect.poll(async () => (await rowLayout())[0]?.height).toBe(26);
  });

  it('should show the timeline without scrolling in an 880 px dock, its toolbar in view while the list scrolls', async () => {
    for (const width of [1100, 400]) {
      await panel.page.setViewportSize({ width, height: 880 });
      const list = panel.page.getByRole('list', { name: 'Auth event timeline' });
      const toolbar = panel.page.getByRole('toolbar', { name: 'Filter events' });

      const listBox = (await list.boundingBox())!;
      expect(listBox.y, `the list starts within the first screen of a ${width} px dock`).toBeLessThan(880 / 2);
      expect(listBox.y + listBox.height, `the whole list is on screen in a ${width} px dock`).toBeLessThanOrEqual(880);
      const toolbarTop = (await toolbar.boundingBox())!.y;
      await list.evaluate((element) => element.scrollBy(0, 5000));

      expect((await toolbar.boundingBox())!.y, 'the toolbar did not scroll away').toBe(toolbarTop);
      expect(await panel.page.evaluate(() => document.documentElement.scrollHeight <= innerHeight), 'the page itself does not scroll').toBe(true);
    }
    await panel.page.setViewportSize({ width: 1100, height: 900 });
  });

  it("should open a row's details beside it in a wide dock and directly under it in a narrow one", async () => {
    await panel.page.bringToFront();
    const row = panel.page.locator('[aria-label="Auth event timeline"] [data-seq="9998"]');
    const details = panel.page.getByTestId('event-details');

    await row.click();
    const wide = { row: (await row.boundingBox())!, details: (await details.boundingBox())! };
    await panel.page.setViewportSize({ width: 360, height: 800 });
    await expect.poll(async () => (await row.boundingBox())?.height).toBe(44);
    const narrow = { row: (await row.boundingBox())!, details: (await details.boundingBox())! };

    expect(wide.details.x, 'wide: the details start right of the row').toBeGreaterThanOrEqual(wide.row.x + wide.row.width);
    expect(wide.details.y, 'wide: the details start at the top of the list').toBeLessThan(wide.row.y + wide.row.height);
    expect(Math.abs(narrow.details.y - (narrow.row.y + narrow.row.height)), 'narrow: the details start under the row').toBeLessThan(8);
    expect(narrow.details.y + narrow.details.height, 'narrow: the details are on screen').toBeLessThanOrEqual(800);
    const next = (await panel.page.locator('[aria-label="Auth event timeline"] [data-seq="9997"]').boundingBox())!;
    expect(next.y, 'narrow: the next row moved below the details').toBeGreaterThanOrEqual(narrow.details.y + narrow.details.height);
    expect(
      await panel.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
      'no horizontal scroll at 360 px',
    ).toBe(true);
    await panel.page.setViewportSize({ width: 1100, height: 900 });
  });

  it('should copy the opened event as JSON, its tokens masked as they are shown', async () => {
    await panel.page.bringToFront();
    // Headless Chromium refuses clipboard permissions to extension origins: record what the panel copies instead.
    await panel.page.evaluate(() => {
      navigator.clipboard.writeText = async (text: string) => void ((window as any).__copied = text);
    });
    await panel.page.locator('[aria-label="Auth event timeline"] [data-type="loginFailure"]').first().click();

    await panel.page.getByRole('button', { name: 'Copy as JSON' }).click();

    await expect.poll(() => panel.page.getByTestId('event-details').getByRole('status').textContent()).toContain('Copied');
    const copied = await panel.page.evaluate(() => (window as any).__copied as string);
    expect(JSON.parse(copied)).toMatchObject({ type: 'loginFailure', appId: 'emulator-app', error: { code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' } });
    expect(copied).toContain(maskSecret(LEAKY_TOKEN));
    expect(copied).not.toContain(LEAKY_TOKEN);
    expect(copied).not.toContain(LEAKY_JWT);
  });

  it('should clear the log for every view, and keep counting from where it was', async () => {
    await panel.page.bringToFront();
    await panel.page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => panel.page.getByText('No auth events yet.').count()).toBe(1);

    const popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.loginAsTestUser('George Alan');

    await expect.poll(() => panel.eventTypes()).toEqual(['loginSuccess cometchat-uid-2']);
    expect(await panel.page.locator('[data-seq]').first().getAttribute('data-seq')).toBe(String(SEEDED + 1));
  });
});
