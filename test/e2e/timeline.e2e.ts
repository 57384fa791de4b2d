import { readFileSync } from 'node:fs';
import type { Page as PlaywrightPage } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { maskSecret } from '@/lib/mask';
import { BROWSERS, launchExtension, type ExtensionPage, type ExtensionUnderTest, reportConsoleOnFailure } from './support/extension-driver';
import { Popup } from './support/popup';
import { seedEvents } from './support/seed-events';
import { findPaintedHiddenText } from './support/visually-hidden-check';
import { screenshotPath } from './support/paths';

const SEEDED = 10_000;
const LEAKY_TOKEN = 'cometchat-uid-3_1795000000abcdefabcdefabcdefabcdefabcdef';
const LEAKY_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
/** A CometChat auth token as the log would hold one unmasked: `<uid>_<10-digit time><30 hex>`. */
const RAW_TOKEN = /cometchat-uid-\d+_\d{10}[0-9a-f]{30}/;
const TIMELINE = '[aria-label="Auth event timeline"]';
/** The timeline's scrolling list, for the tests that read or move its scroll. */
const LIST = `[role="list"]${TIMELINE}`;
const FIRST_FAILURE = `${TIMELINE} [data-type="loginFailure"]`;
const DETAILS = '[data-testid="event-details"]';
const EVENT_COUNT = '[data-testid="event-count"]';

type CopyWindow = Window & { __copied?: string };

/** Records what the page copies: headless Chromium refuses clipboard permissions to extension origins. */
async function recordCopies(tab: ExtensionPage): Promise<() => Promise<string | null>> {
  await tab.evaluate(() => {
    navigator.clipboard.writeText = async (text: string) => void ((window as CopyWindow).__copied = text);
  });
  return () => tab.evaluate(() => (window as CopyWindow).__copied ?? null);
}

/** The box of the first element matching `selector` (as `getBoundingClientRect` gives it), or null. */
const boxOf = (tab: ExtensionPage, selector: string) =>
  tab.evaluate((css) => {
    const box = document.querySelector(css)?.getBoundingClientRect();
    return box ? { x: box.x, y: box.y, width: box.width, height: box.height } : null;
  }, selector);

/** The brightest colour channel (0–255) of any pixel of `png` within `box` (CSS pixels; the screenshots are 1×). */
function brightestIn(png: PNG, box: { x: number; y: number; width: number; height: number }): number {
  let brightest = 0;
  for (let y = Math.round(box.y); y < Math.round(box.y + box.height); y++) {
    for (let x = Math.round(box.x); x < Math.round(box.x + box.width); x++) {
      const at = (y * png.width + x) * 4;
      brightest = Math.max(brightest, png.data[at]!, png.data[at + 1]!, png.data[at + 2]!);
    }
  }
  return brightest;
}

/** The panel's timeline with 10,000 stored events, in each browser: virtual rows, filters, export, details, layout, clearing. */
describe.each(BROWSERS)('timeline with 10,000 stored events in %s', (name) => {
  let emulator: Emulator;
  let extension: ExtensionUnderTest;
  let panel: ExtensionPage;

  /** Opens the panel afresh (no search, no filter, scrolled to the top) once it counts every seeded event. */
  async function openPanel(width = 1100, height = 900): Promise<ExtensionPage> {
    const opened = await extension.openPage('devtools-panel.html', { width, height });
    await expect.poll(() => opened.text(EVENT_COUNT)).toBe('10000 events');
    return opened;
  }

  /** Auth event rows as "type uid", oldest first (the timeline shows newest first). */
  const eventTypes = () =>
    panel.evaluate(
      (list) =>
        [...document.querySelectorAll(`${list} [data-seq]:not([data-type="pageActivity"])`)]
          .map((row) => ({
            seq: Number(row.getAttribute('data-seq')),
            text: `${row.getAttribute('data-type')} ${row.querySelector('.event-uid')?.textContent ?? ''}`,
          }))
          .sort((a, b) => a.seq - b.seq)
          .map((row) => row.text),
      TIMELINE,
    );

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    extension = await launchExtension(name);
    const popup = new Popup(await extension.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.tab.waitFor('[data-testid="current-user"]', 'No user logged in.');
    await seedEvents(popup.tab.page, SEEDED, { token: LEAKY_TOKEN, jwt: LEAKY_JWT });
    await popup.tab.close();
    // The background read the state before the seed (the popup's): it must read the seeded log afresh (see seedEvents).
    await extension.stopBackground();
  });

  // Each test starts from a freshly opened panel (over BiDi a reloaded page takes no clicks: opened again instead).
  beforeEach(async () => {
    await panel?.close();
    panel = await openPanel();
  });

  afterEach(reportConsoleOnFailure(() => extension));

  afterAll(async () => {
    await extension?.close();
    await emulator?.close();
  });

  it('should show all 10,000 events while rendering only the rows in view', async () => {
    const renderedRows = await panel.count(`${TIMELINE} [data-seq]`);
    expect(renderedRows).toBeGreaterThan(10);
    expect(renderedRows).toBeLessThan(100);
    expect(await panel.attribute(`${TIMELINE} [data-seq]`, 'data-seq')).toBe('10000');
  });

  it("should open an event's details and the app's users at the first click, their code loaded once it had painted", async () => {
    // Both are left out of the panel's one file, which loads sooner for it, and loaded after its first paint: a first
    // click finds them there, never "Loading…" (openPanel waited for the whole log, well after that paint).
    await panel.evaluate(() => {
      const watched = window as unknown as { sawLoading?: boolean };
      new MutationObserver(() => {
        if ([...document.querySelectorAll('.connecting')].some((shown) => shown.textContent?.includes('Loading'))) watched.sawLoading = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });

    await panel.clickElement(`${TIMELINE} [data-seq="10000"]`);
    await panel.waitFor('[data-testid="event-details"]', '10000');
    await panel.click("Show the app's users");
    await panel.waitFor('[data-testid="directory"] input');

    expect(await panel.evaluate(() => (window as unknown as { sawLoading?: boolean }).sawLoading ?? false)).toBe(false);
  });

  it('should paint none of the words meant only for screen readers', async () => {
    const { hidden, painted } = await panel.evaluate(findPaintedHiddenText);

    expect(hidden).toBeGreaterThan(0);
    expect(painted, 'screen-reader words painted on screen').toEqual([]);
  });

  it('should search, filter by type and by uid, and show what is left', async () => {
    await panel.fill('Search events', 'devtools-panel');
    await expect.poll(() => panel.text(EVENT_COUNT)).toBe('5000 of 10000 events');

    await panel.click('loginSuccess');
    await expect.poll(() => panel.text(EVENT_COUNT)).toBe('2500 of 10000 events');
    await panel.select('Filter by UID', 'cometchat-uid-3');

    await expect.poll(() => panel.text(EVENT_COUNT)).toBe('500 of 10000 events');
    expect(new Set(await eventTypes())).toEqual(new Set(['loginSuccess cometchat-uid-3']));
    await panel.screenshot(`${name}-panel-timeline`);
    const background = () => panel.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await panel.preferColorScheme('dark');
    await expect.poll(background, { message: 'the panel turned dark' }).not.toBe(light);
    await panel.screenshot(`${name}-panel-timeline-dark`);
    // The list's scrollbar, inside its right border (the 500 rows shown overflow): dark with the panel, not the white
    // track Firefox drew until the theme gave scrollbars its colours. Headless Chromium hides scrollbars.
    const list = (await boxOf(panel, TIMELINE))!;
    const shot = PNG.sync.read(readFileSync(screenshotPath(`${name}-panel-timeline-dark`)));
    const brightest = brightestIn(shot, { x: list.x + list.width - 14, y: list.y + 2, width: 12, height: list.height - 4 });
    expect(brightest, "the brightest channel in the list's scrollbar").toBeLessThan(200);
    await panel.preferColorScheme('light');
    await expect.poll(background, { message: 'the panel turned light again' }).toBe(light);
  });

  it('should show everything again when the filters are removed', async () => {
    await panel.fill('Search events', 'devtools-panel');
    await panel.click('loginSuccess');
    await panel.select('Filter by UID', 'cometchat-uid-3');
    await expect.poll(() => panel.text(EVENT_COUNT)).toBe('500 of 10000 events');

    await panel.fill('Search events', '');
    await panel.click('loginSuccess');
    await panel.select('Filter by UID', 'All UIDs');

    await expect.poll(() => panel.text(EVENT_COUNT)).toBe('10000 events');
  });

  it('should export every event as JSON without any token or jwt', async () => {
    const exported = await panel.download('Export');

    expect(JSON.parse(exported).events).toHaveLength(SEEDED);
    expect(exported).not.toContain(LEAKY_TOKEN);
    expect(exported).not.toContain(LEAKY_JWT);
    expect(exported).not.toContain(emulator.authKey);
  });

  it('should mask tokens in what the timeline shows', async () => {
    const titles = await panel.evaluate(
      (list) => [...document.querySelectorAll(`${list} code.error-code`)].map((code) => code.getAttribute('title')),
      TIMELINE,
    );

    expect(titles.length).toBeGreaterThan(0);
    expect(titles.join(' ')).not.toContain(LEAKY_TOKEN);
  });

  it('should open a row from the keyboard and show the whole event, its secrets masked', async () => {
    const seq = await panel.attribute(FIRST_FAILURE, 'data-seq');
    const row = `${TIMELINE} [data-seq="${seq}"]`;

    await panel.pressOn(row, 'Enter');

    await expect.poll(() => panel.attribute(row, 'aria-expanded')).toBe('true');
    const shown = await panel.evaluate((css) => document.querySelector(css)?.textContent ?? '', DETAILS);
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
    expect(await panel.attribute(row, 'aria-controls')).toBe(await panel.attribute(DETAILS, 'id'));
    // The row shows the time of day; its tooltip, the date and time the details show.
    const rowTitle = await panel.attribute(`${row} .event-time`, 'title');
    expect(rowTitle).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect(await panel.text(`${DETAILS} time`)).toBe(rowTitle);

    await panel.pressOn(row, 'Space');

    await expect.poll(() => panel.attribute(row, 'aria-expanded')).toBe('false');
    expect(await panel.count(DETAILS)).toBe(0);
  });

  it('should open an event with Enter and copy it as JSON, its token masked as it is shown', async () => {
    const copied = await recordCopies(panel);
    const seq = Number(await panel.attribute(FIRST_FAILURE, 'data-seq'));
    // Opened from the keyboard, as a DevTools row is.
    await panel.pressOn(`${TIMELINE} [data-seq="${seq}"]`, 'Enter');
    await panel.waitFor(DETAILS);

    await panel.click('Copy as JSON');

    await expect.poll(copied).not.toBeNull();
    const json = (await copied())!;
    expect(JSON.parse(json)).toMatchObject({ seq, type: 'loginFailure', error: { code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' } });
    expect(json).toContain('••••••••');
    expect(json).not.toMatch(RAW_TOKEN);
  });

  it('should stack each row in a narrow dock so no column is cut off, and keep one line in a wide one', async () => {
    const rowLayout = () =>
      panel.evaluate(
        (list) =>
          [...document.querySelectorAll(`${list} .event`)].map((row) => {
            const box = row.getBoundingClientRect();
            const cut = [...row.querySelectorAll<HTMLElement>('.event-line > *')]
              .filter((cell) => cell.getBoundingClientRect().right > box.right + 0.5 || cell.getBoundingClientRect().bottom > box.bottom + 0.5)
              .map((cell) => cell.textContent);
            const truncated = [...row.querySelectorAll<HTMLElement>('.event-time, .event-type, .event-uid')]
              .filter((cell) => cell.scrollWidth > cell.clientWidth)
              .map((cell) => cell.textContent);
            return { height: Math.round(box.height), cut, truncated };
          }),
        TIMELINE,
      );

    await panel.setViewport({ width: 360, height: 800 });

    await expect.poll(async () => (await rowLayout())[0]?.height).toBe(44);
    for (const row of await rowLayout()) expect(row, 'a timeline row in a 360 px dock').toEqual({ height: 44, cut: [], truncated: [] });
    await panel.setViewport({ width: 1100, height: 900 });
    await expect.poll(async () => (await rowLayout())[0]?.height).toBe(26);
  });

  it('should paint its first frame with the rows where they stay, filling the list, in a wide dock and a narrow one', async () => {
    // The panel opened afresh in a frame of this one: this page's animation frames run in each of the frame's frames,
    // before its paint, so the first that holds rows sees the layout the first painted frame has.
    const firstAndSettled = ({ width, height, list }: { width: number; height: number; list: string }) =>
      new Promise<Array<{ tops: number[]; filled: boolean }>>((resolve, reject) => {
        const frame = document.createElement('iframe');
        frame.style.cssText = `width: ${width}px; height: ${height}px; border: 0; position: fixed; top: 0; left: 0`;
        frame.src = '/devtools-panel.html';
        const layout = (doc: Document) => {
          const viewport = doc.querySelector(list)!.getBoundingClientRect();
          const rows = [...doc.querySelectorAll(`${list} .virtual-row`)].map((row) => row.getBoundingClientRect());
          return {
            tops: rows.slice(0, 5).map((row) => Math.round(row.top - viewport.top)),
            filled: Math.max(...rows.map((row) => row.bottom)) >= viewport.bottom - 1,
          };
        };
        const frames: Array<{ tops: number[]; filled: boolean }> = [];
        const giveUp = setTimeout(() => reject(new Error(`The panel in a frame never settled: ${JSON.stringify(frames)}`)), 10_000);
        const everyFrame = () => {
          const doc = frame.contentDocument;
          if (doc?.querySelector(`${list} .virtual-row`)) frames.push(layout(doc));
          // Settled: the whole log counted, and two frames after that.
          const settled = doc?.querySelector('[data-testid="event-count"]')?.textContent === '10000 events' && frames.length > 3;
          if (!settled) return requestAnimationFrame(everyFrame);
          clearTimeout(giveUp);
          frame.remove();
          resolve([frames[0]!, frames.at(-1)!]);
        };
        document.body.append(frame);
        requestAnimationFrame(everyFrame);
      });

    for (const [width, height] of [
      [1100, 900],
      [500, 700],
    ]) {
      const [first, settled] = await panel.evaluate(firstAndSettled, { width: width!, height: height!, list: TIMELINE });
      expect(first, `the first frame of a ${width}×${height} panel`).toEqual(settled);
      expect(first!.filled, `the first frame of a ${width}×${height} panel fills its list`).toBe(true);
    }
  });

  it('should show the timeline without scrolling in an 880 px dock, its toolbar in view while the list scrolls', async () => {
    const toolbar = '[role="toolbar"][aria-label="Filter events"]';
    for (const width of [1100, 400]) {
      await panel.setViewport({ width, height: 880 });

      const listBox = (await boxOf(panel, LIST))!;
      expect(listBox.y, `the list starts within the first screen of a ${width} px dock`).toBeLessThan(880 / 2);
      expect(listBox.y + listBox.height, `the whole list is on screen in a ${width} px dock`).toBeLessThanOrEqual(880);
      const toolbarTop = (await boxOf(panel, toolbar))!.y;
      await panel.evaluate((list) => document.querySelector(list)!.scrollBy(0, 5000), LIST);

      expect((await boxOf(panel, toolbar))!.y, 'the toolbar did not scroll away').toBe(toolbarTop);
      expect(await panel.evaluate(() => document.documentElement.scrollHeight <= innerHeight), 'the page itself does not scroll').toBe(true);
    }
    await panel.setViewport({ width: 1100, height: 900 });
  });

  it.each([1100, 400])(
    'should show the timeline on the first screen of an 880 px dock %i px wide, the page itself never scrolling',
    async (width) => {
      const docked = await openPanel(width, 880);
      try {
        const layout = await docked.evaluate((list) => {
          const box = document.querySelector(list)!.getBoundingClientRect();
          return { top: box.top, bottom: box.bottom, pageScrolls: document.documentElement.scrollHeight > innerHeight };
        }, TIMELINE);

        expect(layout.top, 'the list starts within the first half of the dock').toBeLessThan(880 / 2);
        expect(layout.bottom, 'the whole list is on screen').toBeLessThanOrEqual(880);
        expect(layout.pageScrolls, 'the page itself scrolls').toBe(false);
      } finally {
        await docked.close();
      }
    },
  );

  it("should open a row's details beside it in a wide dock and directly under it in a narrow one", async () => {
    const row = `${TIMELINE} [data-seq="9998"]`;

    await panel.clickElement(row);
    await panel.waitFor(DETAILS);
    const wide = { row: (await boxOf(panel, row))!, details: (await boxOf(panel, DETAILS))! };
    await panel.setViewport({ width: 360, height: 800 });
    await expect.poll(async () => (await boxOf(panel, row))?.height).toBe(44);
    // The details move under the row once the panel has seen the narrower dock (a render after the rows' new height).
    const detailsGap = async () => {
      const [rowBox, detailsBox] = [(await boxOf(panel, row))!, (await boxOf(panel, DETAILS))!];
      return Math.abs(detailsBox.y - (rowBox.y + rowBox.height));
    };
    await expect.poll(detailsGap, { message: 'narrow: the details start under the row' }).toBeLessThan(8);
    const narrow = { row: (await boxOf(panel, row))!, details: (await boxOf(panel, DETAILS))! };

    expect(wide.details.x, 'wide: the details start right of the row').toBeGreaterThanOrEqual(wide.row.x + wide.row.width);
    expect(wide.details.y, 'wide: the details start at the top of the list').toBeLessThan(wide.row.y + wide.row.height);
    expect(Math.abs(narrow.details.y - (narrow.row.y + narrow.row.height)), 'narrow: the details start under the row').toBeLessThan(8);
    expect(narrow.details.y + narrow.details.height, 'narrow: the details are on screen').toBeLessThanOrEqual(800);
    const next = (await boxOf(panel, `${TIMELINE} [data-seq="9997"]`))!;
    expect(next.y, 'narrow: the next row moved below the details').toBeGreaterThanOrEqual(narrow.details.y + narrow.details.height);
    expect(
      await panel.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth),
      'no horizontal scroll at 360 px',
    ).toBe(true);
    await panel.setViewport({ width: 1100, height: 900 });
  });

  /**
   * Reopens the panel 360 px wide with the details' code held back, clicks the lowest row in view (its details, once
   * there, run past the list's foot unless the list scrolls for them) and waits for "Loading…" under it. A click before
   * that code has loaded (a busy machine, a quick tester) sees this. Chromium's DevTools protocol pauses the extension's
   * own module request; holding a moz-extension page's module over Firefox's WebDriver BiDi was not tried, so these
   * cases are Chromium's (the list is the same code in both).
   * Resolves to the row's seq, the list's box and a function that lets the code through.
   */
  async function openRowBeforeItsCode() {
    const page = panel.page as PlaywrightPage;
    await page.setViewportSize({ width: 360, height: 900 });
    const cdp = await page.context().newCDPSession(page);
    const held: string[] = [];
    cdp.on('Fetch.requestPaused', ({ requestId }) => void held.push(requestId));
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/chunks/EventDetails-*' }] });
    await page.reload();
    await expect.poll(() => panel.text(EVENT_COUNT)).toBe('10000 events');
    await expect.poll(() => held.length, { message: "the details' code asked for and held" }).toBe(1);
    const list = (await boxOf(panel, LIST))!;
    const seq = await panel.evaluate(
      ({ selector, foot }) =>
        [...document.querySelectorAll(selector)]
          .filter((row) => row.getBoundingClientRect().bottom <= foot)
          .map((row) => row.getAttribute('data-seq')!)
          .at(-1)!,
      { selector: `${TIMELINE} [data-seq]`, foot: list.y + list.height },
    );

    await panel.clickElement(`${TIMELINE} [data-seq="${seq}"]`);
    await panel.waitFor(`${TIMELINE} .connecting`, 'Loading');
    const release = async () => {
      await cdp.send('Fetch.continueRequest', { requestId: held[0]! });
      await panel.waitFor(DETAILS, seq);
      await cdp.send('Fetch.disable');
      await cdp.detach();
    };
    return { seq, list, release };
  }

  const listScrollTop = () => panel.evaluate((selector) => document.querySelector(selector)!.scrollTop, LIST);

  it.runIf(name === 'chromium')(
    'should bring an opened row\'s details into view when their code arrives after the click, not only the "Loading…" before them',
    async () => {
      const { seq, list, release } = await openRowBeforeItsCode();

      await release();

      const details = async () => (await boxOf(panel, DETAILS))!;
      await expect
        .poll(async () => (await details()).y + (await details()).height, { message: "the details' foot, in the list" })
        .toBeLessThanOrEqual(list.y + list.height);
      const row = (await boxOf(panel, `${TIMELINE} [data-seq="${seq}"]`))!;
      expect(row.y, 'the row itself still in view').toBeGreaterThanOrEqual(list.y);
    },
  );

  it.runIf(name === 'chromium')("should leave the list where the tester scrolled it while an opened row's details loaded", async () => {
    const { release } = await openRowBeforeItsCode();
    await panel.evaluate((selector) => document.querySelector(selector)!.scrollBy(0, 3000), LIST);
    await expect.poll(listScrollTop).toBeGreaterThan(3000);
    const scrolled = await listScrollTop();

    await release();

    // A wait for something not to happen: many frames for the details' new height to be seen and acted on.
    await panel.evaluate(() => new Promise((done) => setTimeout(done, 250)));
    expect(await listScrollTop(), 'where the tester scrolled').toBe(scrolled);
  });

  it('should copy the opened event as JSON, its tokens masked as they are shown', async () => {
    const copied = await recordCopies(panel);
    await panel.clickElement(FIRST_FAILURE);

    await panel.click('Copy as JSON');

    await expect.poll(() => panel.text(`${DETAILS} [role="status"]`)).toContain('Copied');
    const json = (await copied())!;
    expect(JSON.parse(json)).toMatchObject({ type: 'loginFailure', appId: 'emulator-app', error: { code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND' } });
    expect(json).toContain(maskSecret(LEAKY_TOKEN));
    expect(json).not.toContain(LEAKY_TOKEN);
    expect(json).not.toContain(LEAKY_JWT);
  });

  it('should clear the log for every view, and keep counting from where it was', async () => {
    await panel.click('Clear');
    await expect
      .poll(() => panel.evaluate(() => [...document.querySelectorAll('p')].filter((p) => p.textContent === 'No auth events yet.').length))
      .toBe(1);

    const popup = new Popup(await extension.openPage('popup.html'));
    await popup.loginAsTestUser('George Alan', 'cometchat-uid-2');

    await expect.poll(eventTypes).toEqual(['loginSuccess cometchat-uid-2']);
    expect(await panel.attribute('[data-seq]', 'data-seq')).toBe(String(SEEDED + 1));
    await popup.tab.close();
  });
});
