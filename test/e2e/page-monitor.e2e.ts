import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@/emulator';
import { evaluateIn, type AnyPage } from './support/any-page';
import { reportPanelOnFailure, startAppBed, type AppBed } from './support/app-bed';
import { BROWSERS } from './support/extension-driver';
import type { FixtureApp } from './support/fixture-app';
import type { Panel } from './support/panel';
import { recordRelayReady, relayAndLoadTimes } from './support/relay-timing';

/**
 * The live page monitor: a web app on an allowed site logs in and out by itself, and its WebSocket drops and comes
 * back, and the panel shows each live, without a Refresh — for an app with the official SDK as a global and for one
 * that bundles CometChat's v3 SDK, with none. The panel is the one in the app tab's DevTools (app-bed.ts: the real DevTools in Firefox).
 */
describe.each(BROWSERS)('the live page monitor in %s', (name) => {
  describe.each([
    ['with the SDK as a global', false],
    ['with the v3 SDK bundled (no global)', true],
  ])('app %s', (_variant, bundled) => {
    let bed: AppBed;
    let emulator: Emulator;
    let app: FixtureApp<AnyPage>;
    let panel: Panel;

    beforeAll(async () => {
      bed = await startAppBed(name);
      emulator = bed.emulator;
      app = await bed.openApp({ bundled });
      panel = await bed.openPanel(app);
    });

    afterEach(
      reportPanelOnFailure(
        () => bed,
        () => panel,
      ),
    );

    afterAll(async () => {
      await bed?.close();
    });

    it('should show that the page is watched and that nobody is logged in yet', async () => {
      await expect.poll(() => panel.monitorStrip()).toContain('nobody logged in');
      expect(await panel.monitorStrip()).toContain('Live');
      if (bundled) expect(await evaluateIn(app.page, () => 'CometChat' in window)).toBe(false);
    });

    it('should show the app logging in by itself, live: the user, the SDK version, the REST calls and the WebSocket', async () => {
      expect(await app.appLogin('cometchat-uid-1', emulator.authKey)).toMatchObject({ uid: 'cometchat-uid-1' });

      await expect.poll(() => panel.monitorStrip()).toContain('runs cometchat-uid-1');
      await expect.poll(() => panel.monitorStrip(), { timeout: 15_000 }).toContain('WebSocket connected');
      // The v3 package 3.0.13 calls itself 3.0.12 (its own sdkVersion), and says so in its requests' `sdk` header.
      expect(await panel.monitorStrip()).toContain(bundled ? 'SDK javascript@3.0.12 (bundled)' : 'SDK javascript@4.2.0');
      // The page card follows too, without a Refresh.
      await expect.poll(() => panel.pageUser()).toContain('Andrew Joseph');
      // The timeline's rows follow the strip live: a tab's state reaches the panel before its report's entry is written.
      await expect
        .poll(() => panel.activities())
        .toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^POST users\/cometchat-uid-1\/auth_tokens → 200 /),
            expect.stringMatching(/^PUT me → 200 /),
            'app login cometchat-uid-1',
            'socket authenticated cometchat-uid-1',
          ]),
        );
      // Never a token, an Auth Key or a body in what the panel shows.
      const shown = await panel.shown();
      expect(shown).not.toContain(emulator.authKey);
      expect(shown).not.toMatch(/cometchat-uid-1_\d{10}/);
    });

    it('should still show what the app runs after the tester clears the timeline', async () => {
      await panel.clearTimeline();

      await expect.poll(() => panel.activities()).toEqual([]);
      expect(await panel.monitorStrip()).toContain('runs cometchat-uid-1');
      expect(await panel.monitorStrip()).toContain('WebSocket connected');
    });

    it('should show the WebSocket dropped by the network, then connected again by the SDK', async () => {
      expect(emulator.dropSockets('cometchat-uid-1')).toBeGreaterThan(0);

      await expect.poll(() => panel.monitorStrip(), { timeout: 5_000 }).toContain('WebSocket disconnected');
      // The SDK reconnects by itself about 5 s later.
      await expect.poll(() => panel.monitorStrip(), { timeout: 20_000 }).toContain('WebSocket connected');
      await expect.poll(() => panel.activities()).toEqual(expect.arrayContaining(['socket closed 1006 cometchat-uid-1']));
    });

    it('should show the app logging out by itself', async () => {
      expect(await app.appLogout()).toEqual({});

      await expect.poll(() => panel.monitorStrip()).toContain('nobody logged in');
      await expect.poll(() => panel.activities()).toEqual(expect.arrayContaining([expect.stringMatching(/^DELETE me → 200 /), 'app logout —']));
      await expect.poll(() => panel.pageUser()).not.toContain('Andrew Joseph');
    });

    it('should still show the app logging in and out by itself after the background was stopped', async () => {
      await bed.extension.stopBackground();
      await expect.poll(() => panel.monitorStrip()).toContain('Live');

      expect(await app.appLogin('cometchat-uid-2', emulator.authKey)).toMatchObject({ uid: 'cometchat-uid-2' });
      await expect.poll(() => panel.monitorStrip()).toContain('runs cometchat-uid-2');
      expect(await app.appLogout()).toEqual({});
      await expect.poll(() => panel.monitorStrip()).toContain('nobody logged in');
    });

    it('should take a forged report as information only: cut to size, and no command carried out', async () => {
      const before = await panel.currentUser();
      await evaluateIn(app.page, () => {
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
      expect(await panel.currentUser()).toBe(before);
      expect(await panel.eventTypes()).toEqual([]);
    });

    it("should pass the page's reports on only once the page has loaded: its load never waits for the extension", async () => {
      await app.addInitScript(recordRelayReady);
      const loads = async () => (await panel.activities()).filter((row) => row === 'page loaded —').length;
      const loadsBefore = await loads();
      await app.page.reload();
      const times = () => evaluateIn(app.page, relayAndLoadTimes);

      await expect.poll(async () => (await times()).readyAt).not.toBeNull();
      const { readyAt, loadEnd } = await times();
      expect(loadEnd).toBeGreaterThan(0);
      expect(readyAt).toBeGreaterThanOrEqual(loadEnd);
      // And the reports kept until then arrive: the reloaded page is watched.
      await expect.poll(loads).toBe(loadsBefore + 1);
    });
  });
});
