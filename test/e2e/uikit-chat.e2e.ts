import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@/emulator';
import { reportPanelOnFailure, startAppBed, type AppBed } from './support/app-bed';
import { BROWSERS } from './support/extension-driver';
import { screenshotPath } from './support/paths';
import type { Panel } from './support/panel';
import { UikitApp, type UikitStorageMode } from './support/uikit-app';

/**
 * The tester's day, end to end: the UI Kit app in one tab pinned to Andrew Joseph (cometchat-uid-1) and in another opened
 * as George Alan (cometchat-uid-2) from the panel, the two chatting live through the emulator — a message typed in one
 * appears in the other's open chat without a reload — and the panel's timeline showing the sends and the sockets. In
 * both browsers and both of the SDK's storage modes (in session storage mode each tab has its own user already, and a
 * pin writes the tab's own sessionStorage).
 */
describe.each(BROWSERS)('two pinned tabs of the UI Kit app chatting in %s', (name) => {
  describe.each<UikitStorageMode>(['local', 'session'])('storage mode %s', (storage) => {
    let bed: AppBed;
    let emulator: Emulator;
    let andrew: UikitApp;
    let george: UikitApp;
    let panel: Panel;

    beforeAll(async () => {
      bed = await startAppBed(name);
      emulator = bed.emulator;
      andrew = new UikitApp(await bed.extension.newWebPage());
      await andrew.open(UikitApp.url(bed.fixtures.url, emulator, storage));
      // The app's own session first: Nancy Grace, logged in on its login screen.
      await andrew.logIn('Nancy Grace');
      panel = await bed.openPanel(andrew, { width: 1000, height: 1000 });
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

    it('should pin the tab to Andrew Joseph and open a new tab as George Alan, each UI Kit showing its own user', async () => {
      await panel.pinTab('cometchat-uid-1', 'Andrew Joseph', 'this tab');
      await panel.answerPageQuestion('Yes, write into this site');
      await expect.poll(() => panel.appTabsStatus(), { timeout: 20_000 }).toContain('This tab is pinned to Andrew Joseph (cometchat-uid-1).');
      await expect.poll(() => andrew.signedInAs(), { timeout: 15_000 }).toBe('Andrew Joseph');

      george = new UikitApp(await bed.tabOpenedBy(() => panel.pinTab('cometchat-uid-2', 'George Alan', 'new tab')));
      await expect.poll(() => panel.appTabsStatus(), { timeout: 20_000 }).toContain('Opened a new tab pinned to George Alan (cometchat-uid-2).');
      await expect.poll(() => george.signedInAs(), { timeout: 15_000 }).toBe('George Alan');
      // The first tab kept its user.
      expect(await andrew.signedInAs()).toBe('Andrew Joseph');
    });

    it("should deliver a message typed in Andrew's tab live to George's open chat, and George's reply back", async () => {
      // From here on, the timeline holds what the chat does.
      await panel.clearTimeline();
      await george.openChatWith('Andrew Joseph');
      await andrew.openChatWith('George Alan');
      // Both SDKs past their socket's auth frame: what a live delivery needs.
      await expect.poll(() => emulator.authenticatedSockets(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);

      await andrew.send('Hello George, this is Andrew');

      await expect.poll(() => george.messages(), { timeout: 15_000 }).toContain('Hello George, this is Andrew');
      await expect.poll(() => andrew.messages()).toContain('Hello George, this is Andrew');

      await george.send('Hi Andrew, George here');

      await expect.poll(() => andrew.messages(), { timeout: 15_000 }).toContain('Hi Andrew, George here');
    });

    it("should show each tab's sends and its socket, dropped and connected again, in the panel's timeline", async () => {
      expect(emulator.dropSockets('cometchat-uid-1')).toBeGreaterThan(0);
      expect(emulator.dropSockets('cometchat-uid-2')).toBeGreaterThan(0);

      await expect
        .poll(() => panel.activities(), { timeout: 20_000 })
        .toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^POST messages → 200 cometchat-uid-1$/),
            expect.stringMatching(/^POST messages → 200 cometchat-uid-2$/),
            'socket authenticated cometchat-uid-1',
            'socket authenticated cometchat-uid-2',
          ]),
        );
      // The strip is about the inspected tab: Andrew's, pinned, its socket back.
      await expect.poll(() => panel.monitorStrip()).toContain('WebSocket connected');
      expect(await panel.monitorStrip()).toContain('cometchat-uid-1');
      await panel.view.screenshot(`${name}-uikit-chat-${storage}-panel`);
      await andrew.page.screenshot({ path: screenshotPath(`${name}-uikit-chat-${storage}-andrew`) });
      await george.page.screenshot({ path: screenshotPath(`${name}-uikit-chat-${storage}-george`) });
    });

    it(
      storage === 'session'
        ? "should unpin Andrew's tab and leave it running him in its own session: his next message still reaches George"
        : "should unpin Andrew's tab, which then runs the site's shared session again",
      async () => {
        const [row] = (await panel.appTabRows()).filter((tab) => tab.text.includes('(this tab)'));
        await panel.unpinTab(row!.tabId);
        await expect
          .poll(() => panel.appTabsStatus(), { timeout: 20_000 })
          .toContain(
            storage === 'session'
              ? "Tab unpinned: the app keeps each tab's session apart, so the tab goes on running its own, token included."
              : "Tab unpinned: it runs the site's shared session again.",
          );
        if (storage === 'local') {
          // The site's shared session is still the one the app logged in by itself before any pin.
          await expect.poll(() => andrew.signedInAs(), { timeout: 15_000 }).toBe('Nancy Grace');
          return;
        }
        // The tab was reloaded: the UI Kit starts again as Andrew, with the token the pin gave it, still alive.
        await expect.poll(() => andrew.signedInAs(), { timeout: 15_000 }).toBe('Andrew Joseph');
        await andrew.openChatWith('George Alan');
        await andrew.send('Still Andrew after the unpin');
        await expect.poll(() => george.messages(), { timeout: 15_000 }).toContain('Still Andrew after the unpin');
      },
    );
  });
});
