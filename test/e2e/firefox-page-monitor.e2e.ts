import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@/emulator';
import type { FirefoxWithExtension } from './support/firefox';
import { startFirefoxAppTestBed, type FirefoxAppTestBed } from './support/firefox-app-test-bed';
import { MONITOR_STRIP, panelActivities, panelEventTypes } from './support/firefox-app-panel';
import { openFirefoxDevtoolsPanel, type FirefoxDevtoolsPanel } from './support/firefox-devtools';
import { FixtureApp } from './support/fixture-app';
import { recordRelayReady, relayAndLoadTimes } from './support/relay-timing';
import type { FixtureServer } from './support/fixture-server';

const PAGE_USER = '[data-testid="page-user"]';
const CURRENT_USER = '[data-testid="current-user"]';

/**
 * The live page monitor in real Firefox (the MV2 build) and its real DevTools: a web app on an allowed site logs in
 * and out by itself, and its WebSocket drops and comes back, and the panel shows each live, without a Refresh — for
 * an app with the official SDK as a global and for one that bundles it with none (chromium-page-monitor.e2e.ts's twin).
 */
describe.each([
  ['with the SDK as a global', false],
  ['with the SDK bundled (no global)', true],
])('the live page monitor in Firefox DevTools, app %s', (_variant, bundled) => {
  let bed: FirefoxAppTestBed;
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let firefox: FirefoxWithExtension;
  let app: FixtureApp<Page>;
  let panel: FirefoxDevtoolsPanel;

  beforeAll(async () => {
    bed = await startFirefoxAppTestBed();
    ({ emulator, fixtures, firefox } = bed);

    app = new FixtureApp(await firefox.browser.newPage());
    await app.open(fixtures.url, emulator.appId, emulator.hostAndPort, { bundled });
    panel = await openFirefoxDevtoolsPanel(firefox.browser, app.page, 'CometChat');
  });

  afterEach(async ({ task }) => {
    await bed?.reportFailure(task.result?.state === 'fail', panel);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('should show that the page is watched and that nobody is logged in yet', async () => {
    await expect.poll(() => panel.text(MONITOR_STRIP)).toContain('nobody logged in');
    expect(await panel.text(MONITOR_STRIP)).toContain('Live');
    if (bundled) expect(await app.page.evaluate(() => 'CometChat' in window)).toBe(false);
  });

  it('should show the app logging in by itself, live: the user, the SDK version, the REST calls and the WebSocket', async () => {
    expect(await app.appLogin('cometchat-uid-1', emulator.authKey)).toMatchObject({ uid: 'cometchat-uid-1' });

    await expect.poll(() => panel.text(MONITOR_STRIP)).toContain('runs cometchat-uid-1');
    await expect.poll(() => panel.text(MONITOR_STRIP), { timeout: 15_000 }).toContain('WebSocket connected');
    expect(await panel.text(MONITOR_STRIP)).toContain(`SDK javascript@4.2.0${bundled ? ' (bundled)' : ''}`);
    // The page card follows too, without a Refresh.
    await expect.poll(() => panel.text(PAGE_USER)).toContain('Andrew Joseph');
    await expect
      .poll(() => panelActivities(panel))
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^POST users\/cometchat-uid-1\/auth_tokens → 200 /),
          expect.stringMatching(/^PUT me → 200 /),
          'app login cometchat-uid-1',
          'socket authenticated cometchat-uid-1',
        ]),
      );
    // Never a token, an Auth Key or a body in what the panel shows.
    const shown = await panel.text('body');
    expect(shown).not.toContain(emulator.authKey);
    expect(shown).not.toMatch(/cometchat-uid-1_\d{10}/);
  });

  it('should still show what the app runs after the tester clears the timeline', async () => {
    await panel.clickButton('Clear');

    await expect.poll(() => panelActivities(panel)).toEqual([]);
    expect(await panel.text(MONITOR_STRIP)).toContain('runs cometchat-uid-1');
    expect(await panel.text(MONITOR_STRIP)).toContain('WebSocket connected');
  });

  it('should show the WebSocket dropped by the network, then connected again by the SDK', async () => {
    expect(emulator.dropSockets('cometchat-uid-1')).toBeGreaterThan(0);

    await expect.poll(() => panel.text(MONITOR_STRIP), { timeout: 5_000 }).toContain('WebSocket disconnected');
    // The SDK reconnects by itself about 5 s later.
    await expect.poll(() => panel.text(MONITOR_STRIP), { timeout: 20_000 }).toContain('WebSocket connected');
    expect(await panelActivities(panel)).toEqual(expect.arrayContaining(['socket closed 1006 cometchat-uid-1']));
  });

  it('should show the app logging out by itself', async () => {
    expect(await app.appLogout()).toEqual({});

    await expect.poll(() => panel.text(MONITOR_STRIP)).toContain('nobody logged in');
    await expect.poll(() => panelActivities(panel)).toEqual(expect.arrayContaining([expect.stringMatching(/^DELETE me → 200 /), 'app logout —']));
    await expect.poll(() => panel.text(PAGE_USER)).not.toContain('Andrew Joseph');
  });

  it('should take a forged report as information only: cut to size, and no command carried out', async () => {
    const before = await panel.text(CURRENT_USER);
    await app.page.evaluate(() => {
      const send = (detail: unknown) => document.dispatchEvent(new CustomEvent('__cometchat_inspector_report', { detail: JSON.stringify(detail) }));
      const status = { sdkVersion: null, hasGlobalSdk: false, users: [], socket: null, pin: null };
      send({ activity: { kind: 'storage', appId: 'forged-app', uid: `forged-${'x'.repeat(10_000)}` }, status });
      send({ type: 'login', uid: 'cometchat-uid-5' });
      send({ kind: 'request', id: 1, request: { type: 'resetStorage' } });
      send({ activity: { kind: 'start' }, status, pad: 'x'.repeat(100_000) });
    });

    await expect.poll(() => panelActivities(panel)).toEqual(expect.arrayContaining([expect.stringMatching(/^app login forged-x+…$/)]));
    const forged = (await panelActivities(panel)).find((row) => row.includes('forged-'))!;
    expect(forged.length).toBeLessThan(120);
    expect(await panel.text(CURRENT_USER)).toBe(before);
    expect(await panelEventTypes(panel)).toEqual([]);
  });

  it("should pass the page's reports on only once the page has loaded: its load never waits for the extension", async () => {
    await app.page.evaluateOnNewDocument(recordRelayReady);
    const loads = async () => (await panelActivities(panel)).filter((row) => row === 'page loaded —').length;
    const loadsBefore = await loads();
    await app.page.reload();
    const times = () => app.page.evaluate(relayAndLoadTimes);

    await expect.poll(async () => (await times()).readyAt).not.toBeNull();
    const { readyAt, loadEnd } = await times();
    expect(loadEnd).toBeGreaterThan(0);
    expect(readyAt).toBeGreaterThanOrEqual(loadEnd);
    // And the reports kept until then arrive: the reloaded page is watched.
    await expect.poll(loads).toBe(loadsBefore + 1);
  });
});
