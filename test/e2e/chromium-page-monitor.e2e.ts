import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@/emulator';
import { startAppTestBed, type AppTestBed } from './support/app-test-bed';
import { FixtureApp } from './support/fixture-app';
import { recordRelayReady, relayAndLoadTimes } from './support/relay-timing';
import type { PanelPage } from './support/panel-page';

/**
 * The live page monitor in Chromium: a web app on an allowed site logs in and out by itself, and its WebSocket drops
 * and comes back, and the panel shows each live, without a Refresh — for an app with the official SDK as a global and
 * for one that bundles it with none.
 */
describe.each([
  ['with the SDK as a global', false],
  ['with the SDK bundled (no global)', true],
])('the live page monitor in Chromium, app %s', (_variant, bundled) => {
  let bed: AppTestBed;
  let emulator: Emulator;
  let app: FixtureApp;
  let panel: PanelPage;

  beforeAll(async () => {
    bed = await startAppTestBed();
    emulator = bed.emulator;
    app = new FixtureApp(await bed.browser.context.newPage());
    await app.open(bed.fixtures.url, emulator.appId, emulator.hostAndPort, { bundled });
    panel = await bed.openPanel(app.page);
  });

  afterAll(async () => {
    await bed?.close();
  });

  it('should show that the page is watched and that nobody is logged in yet', async () => {
    await expect.poll(() => panel.monitorStrip.textContent()).toContain('nobody logged in');
    expect(await panel.monitorStrip.textContent()).toContain('Live');
    if (bundled) expect(await app.page.evaluate(() => 'CometChat' in window)).toBe(false);
  });

  it('should show the app logging in by itself, live: the user, the SDK version, the REST calls and the WebSocket', async () => {
    await app.appLogin('cometchat-uid-1', emulator.authKey);

    await expect.poll(() => panel.monitorStrip.textContent()).toContain('cometchat-uid-1');
    await expect.poll(() => panel.monitorStrip.textContent()).toContain('WebSocket connected');
    expect(await panel.monitorStrip.textContent()).toContain(`SDK javascript@4.2.0${bundled ? ' (bundled)' : ''}`);
    // The page card follows too, without a Refresh.
    await expect.poll(() => panel.pageUser.textContent()).toContain('Andrew Joseph');
    const activities = await panel.activities();
    expect(activities).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^POST users\/cometchat-uid-1\/auth_tokens → 200 /),
        expect.stringMatching(/^PUT me → 200 /),
        'app login cometchat-uid-1',
        'socket authenticated cometchat-uid-1',
      ]),
    );
    // Never a token, an Auth Key or a body in what the monitor kept.
    const stored = JSON.stringify(await panel.page.evaluate(() => document.body.innerText));
    expect(stored).not.toContain(emulator.authKey);
    expect(stored).not.toMatch(/cometchat-uid-1_\d{10}/);
  });

  it('should still show what the app runs after the tester clears the timeline', async () => {
    await panel.page.getByRole('button', { name: 'Clear', exact: true }).click();

    await expect.poll(() => panel.activities()).toEqual([]);
    expect(await panel.monitorStrip.textContent()).toContain('runs cometchat-uid-1');
    expect(await panel.monitorStrip.textContent()).toContain('WebSocket connected');
  });

  it('should show the WebSocket dropped by the network, then connected again by the SDK', async () => {
    expect(emulator.dropSockets('cometchat-uid-1')).toBeGreaterThan(0);

    await expect.poll(() => panel.monitorStrip.textContent(), { timeout: 5_000 }).toContain('WebSocket disconnected');
    // The SDK reconnects by itself about 5 s later.
    await expect.poll(() => panel.monitorStrip.textContent(), { timeout: 15_000 }).toContain('WebSocket connected');
    expect(await panel.activities()).toEqual(expect.arrayContaining(['socket closed 1006 cometchat-uid-1']));
  });

  it('should show the app logging out by itself', async () => {
    await app.appLogout();

    await expect.poll(() => panel.monitorStrip.textContent()).toContain('nobody logged in');
    await expect.poll(() => panel.activities()).toEqual(expect.arrayContaining([expect.stringMatching(/^DELETE me → 200 /), 'app logout —']));
    await expect.poll(() => panel.pageUser.textContent()).not.toContain('Andrew Joseph');
  });

  it('should take a forged report as information only: cut to size, and no command carried out', async () => {
    const before = await panel.page.evaluate(() => document.querySelector('[data-testid="current-user"]')?.textContent);
    await app.page.evaluate(() => {
      const send = (detail: unknown) => document.dispatchEvent(new CustomEvent('__cometchat_inspector_report', { detail: JSON.stringify(detail) }));
      const status = { sdkVersion: null, hasGlobalSdk: false, users: [], socket: null, pin: null };
      send({ activity: { kind: 'storage', appId: 'forged-app', uid: `forged-${'x'.repeat(10_000)}` }, status });
      send({ type: 'login', uid: 'cometchat-uid-5' });
      send({ kind: 'request', id: 1, request: { type: 'resetStorage' } });
      send({ activity: { kind: 'start' }, status, pad: 'x'.repeat(100_000) });
    });

    await expect.poll(() => panel.activities()).toEqual(expect.arrayContaining([expect.stringMatching(/^app login forged-x+…$/)]));
    const forged = (await panel.activities()).find((row) => row.includes('forged-'))!;
    expect(forged.length).toBeLessThan(120);
    expect(await panel.page.evaluate(() => document.querySelector('[data-testid="current-user"]')?.textContent)).toBe(before);
    expect(await panel.eventTypes()).toEqual([]);
  });

  it("should pass the page's reports on only once the page has loaded: its load never waits for the extension", async () => {
    await app.page.addInitScript(recordRelayReady);
    const loads = async () => (await panel.activities()).filter((row) => row === 'page loaded —').length;
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
