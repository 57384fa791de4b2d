import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@/emulator';
import { reportPanelOnFailure, startAppBed, type AppBed } from './support/app-bed';
import { BROWSERS } from './support/extension-driver';
import type { Panel } from './support/panel';
import { expectScreenToMatchBaseline } from './support/visual-baseline';
import { UikitApp, type UikitStorageMode } from './support/uikit-app';

/**
 * A chat app made with CometChat's React UI Kit 7.2.1 (React 18, the official SDK 4.2.0; built at test time from the
 * npm packages), driven by its own screens as its users drive it, with the extension's panel in its tab's DevTools:
 * the panel sees who the UI Kit runs, follows its own login and logout, and switches it to another user — in both of
 * the SDK's storage modes (`localStorage` by default, `sessionStorage` with the UI Kit's `setStorageMode`).
 */
describe.each(BROWSERS)("CometChat's React UI Kit app in %s", (name) => {
  describe.each<UikitStorageMode>(['local', 'session'])('storage mode %s', (storage) => {
    let bed: AppBed;
    let emulator: Emulator;
    let uikit: UikitApp;
    let panel: Panel;

    beforeAll(async () => {
      // The fonts pinned: the header after the switch is compared with a baseline.
      bed = await startAppBed(name, { pinnedFonts: true });
      emulator = bed.emulator;
      uikit = new UikitApp(await bed.extension.newWebPage());
      await uikit.open(UikitApp.url(bed.fixtures.url, emulator, storage));
      panel = await bed.openPanel(uikit);
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

    it("should show the UI Kit's login screen, and nobody logged in in the panel", async () => {
      expect(await uikit.shown()).toContain('Log in to CometChat');
      await expect.poll(() => panel.monitorStrip()).toContain('nobody logged in');
    });

    it("should follow the UI Kit's own login live: the user on the strip and the page card, the SDK it bundles", async () => {
      await uikit.logIn('Andrew Joseph');

      await expect.poll(() => panel.monitorStrip()).toContain('runs cometchat-uid-1');
      await expect.poll(() => panel.pageUser()).toContain('Andrew Joseph');
      expect(await panel.monitorStrip()).toContain('SDK javascript@4.2.0');
      // The timeline's rows follow the strip live: a tab's state reaches the panel before its report's entry is written.
      await expect
        .poll(() => panel.activities())
        .toEqual(expect.arrayContaining([expect.stringMatching(/^POST users\/cometchat-uid-1\/auth_tokens → 200 /), 'app login cometchat-uid-1']));
    });

    it("should tell in the Tabs list whose session each tab runs: the site's shared one, or in session storage mode its own", async () => {
      const second = new UikitApp(await bed.extension.newWebPage());
      await second.open(UikitApp.url(bed.fixtures.url, emulator, storage));
      const rows = () => panel.appTabRows().then((all) => all.map((row) => ({ text: row.text, stale: row.stale })));

      if (storage === 'session') {
        // A new tab has a sessionStorage of its own: the UI Kit asks who logs in there; Nancy Grace does.
        await second.logIn('Nancy Grace');
        // Each tab runs its own user, which no other tab changes: neither is told to reload.
        await expect.poll(rows).toEqual([
          { text: expect.stringContaining('cometchat-uid-1 (its own session: the app keeps it in session storage)'), stale: false },
          { text: expect.stringContaining('cometchat-uid-3 (its own session: the app keeps it in session storage)'), stale: false },
        ]);
      } else {
        // A new tab runs the site's shared session, Andrew Joseph's, from the origin's localStorage.
        expect(await second.signedInAs()).toBe('Andrew Joseph');
        await expect.poll(rows).toEqual([
          { text: expect.stringContaining('cometchat-uid-1 (shared)'), stale: false },
          { text: expect.stringContaining('cometchat-uid-1 (shared)'), stale: false },
        ]);
      }
      await second.page.close();
    });

    it('should switch the page to George Alan after one yes for the site, and the UI Kit shows him after its reload', async () => {
      await panel.view.click('Switch the page to George Alan (cometchat-uid-2)');
      await panel.view.click('Yes, write into this site');

      await expect.poll(() => panel.shown(), { timeout: 20_000 }).toContain('The page is now logged in as George Alan (cometchat-uid-2).');
      await expect.poll(() => uikit.signedInAs()).toBe('George Alan');
      await expect.poll(() => panel.monitorStrip()).toContain('runs cometchat-uid-2');
      // What the tester sees: the UI Kit's header names George Alan (both storage modes draw the same).
      expectScreenToMatchBaseline(name, 'uikit-header-after-switch', await uikit.headerPicture());
    });

    it("should keep George Alan across the tester's own reload", async () => {
      await uikit.reload();

      expect(await uikit.signedInAs()).toBe('George Alan');
      await expect.poll(() => panel.pageUser()).toContain('George Alan');
    });

    it("should follow the UI Kit's own logout live, back to its login screen", async () => {
      await uikit.click('Log out');

      await expect.poll(() => uikit.shown()).toContain('Log in to CometChat');
      await expect.poll(() => panel.monitorStrip()).toContain('nobody logged in');
    });
  });
});
