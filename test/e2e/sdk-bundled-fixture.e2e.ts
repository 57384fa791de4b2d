import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromium } from './support/chromium';
import { FixtureApp } from './support/fixture-app';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';

/** Run before any page script: the names of the window's own properties, to tell which globals the app added. */
function recordGlobalsBefore() {
  Object.defineProperty(window, '__globalsBefore', { value: Object.getOwnPropertyNames(window), enumerable: false });
}

/**
 * Real apps bundle the SDK. The bundled fixture (`/bundled/`) is the fixture app bundled by esbuild with CometChat's
 * v3 SDK (`@cometchat-pro/chat` 3.0.13), whose page has no `window.CometChat` (bundled-app.ts); the global fixture
 * (`/`) loads the v4 SDK with a <script> tag. Both are driven the same way, through `window.fixture` only,
 * in real Chromium against the emulator: what a feature must do for bundled apps can be tested on both.
 */
describe('the fixture apps driven through their test handle', () => {
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let browser: Browser;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await emulator?.close();
  });

  // The global SDK's UMD wrapper puts all its exports on the window (4.2.0: 13 of them, `init` among them).
  describe.each([
    { variant: 'bundled', bundled: true, newGlobals: ['fixture'], cometChatGlobal: { present: false, type: 'undefined' } },
    {
      variant: 'global',
      bundled: false,
      newGlobals: ['CometChat', 'CometChatNotifications', 'fixture', 'init'],
      cometChatGlobal: { present: true, type: 'function' },
    },
  ])('the $variant fixture app', ({ variant, bundled, newGlobals, cometChatGlobal }) => {
    let context: BrowserContext;
    let page: Page;
    let app: FixtureApp;
    const requested: string[] = [];
    const pageErrors: string[] = [];

    beforeAll(async () => {
      context = await browser.newContext({ ignoreHTTPSErrors: true });
      page = await context.newPage();
      page.on('request', (request) => requested.push(new URL(request.url()).pathname));
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      await page.addInitScript(recordGlobalsBefore);
      app = new FixtureApp(page);
      await app.open(fixtures.url, emulator.appId, emulator.hostAndPort, { bundled });
    });

    afterAll(async () => {
      await context?.close();
    });

    /** Whether the real window has a `CometChat` property, and the type of `window.CometChat`. */
    const cometChatOnWindow = () => page.evaluate(() => ({ present: 'CometChat' in window, type: typeof (window as any).CometChat }));
    const storedUser = () =>
      page.evaluate((key) => {
        const raw = localStorage.getItem(key);
        return raw === null ? null : JSON.parse(JSON.parse(raw));
      }, `${emulator.appId}:common_store/user`);

    it('should initialise the SDK, show nobody logged in and add only its expected globals to the window', async () => {
      expect(app.variant).toBe(bundled ? 'bundled' : 'global');
      expect(await page.evaluate(() => (window as any).fixture.initError)).toBeNull();
      expect(await page.textContent('#user')).toBe('nobody');
      expect(await cometChatOnWindow()).toEqual(cometChatGlobal);
      const added = await page.evaluate(() => {
        const before = new Set<string>((window as any).__globalsBefore);
        return Object.getOwnPropertyNames(window).filter((name) => !before.has(name) && name !== '__globalsBefore');
      });
      if (variant === 'bundled') expect(added).toEqual(newGlobals);
      else expect(added).toEqual(expect.arrayContaining(newGlobals));
      expect(requested.includes('/sdk/CometChat.js')).toBe(!bundled);
    });

    it('should log in as cometchat-uid-1 by itself and store the user in localStorage under the app id, double JSON', async () => {
      const login = await app.appLogin('cometchat-uid-1', emulator.authKey);

      expect(login).toEqual({ uid: 'cometchat-uid-1', name: 'Andrew Joseph' });
      const user = await storedUser();
      expect(user).toMatchObject({ uid: 'cometchat-uid-1', name: 'Andrew Joseph' });
      expect(user.authToken).toEqual(expect.any(String));
      const appId = await page.evaluate(
        (key) => JSON.parse(JSON.parse(localStorage.getItem(key) ?? '""') || 'null'),
        `${emulator.appId}:common_store/appId`,
      );
      expect(appId).toBe(emulator.appId);
      expect(await app.loggedInUid()).toBe('cometchat-uid-1');
      await expect.poll(() => page.textContent('#user')).toBe('Andrew Joseph (cometchat-uid-1)');
      expect(await cometChatOnWindow()).toEqual(cometChatGlobal);
    });

    it('should connect and authenticate its WebSocket', async () => {
      await expect.poll(() => app.connection()).toContain('connected');
      await expect.poll(() => page.textContent('#connection')).toBe('connected');
      await expect.poll(() => emulator.authenticatedSockets()).toBe(1);
    });

    it('should make an authenticated call', async () => {
      emulator.requestLog.length = 0;

      expect(await app.getUser('cometchat-uid-2')).toEqual({ name: 'George Alan' });
      expect(emulator.requestLog).toContainEqual(expect.objectContaining({ method: 'GET', route: 'users/cometchat-uid-2' }));
    });

    it('should keep the user across a reload, from the real localStorage', async () => {
      await page.reload();

      expect(await app.loggedInUid()).toBe('cometchat-uid-1');
      expect(await app.getUser('cometchat-uid-3')).toEqual({ name: 'Nancy Grace' });
      expect(await cometChatOnWindow()).toEqual(cometChatGlobal);
      await expect.poll(() => emulator.authenticatedSockets()).toBe(1);
    });

    it('should log out by itself, removing the stored user and closing the socket', async () => {
      emulator.requestLog.length = 0;

      expect(await app.appLogout()).toEqual({});

      expect(await storedUser()).toBeNull();
      expect(await app.loggedInUid()).toBeNull();
      expect(emulator.requestLog).toContainEqual(expect.objectContaining({ method: 'DELETE', route: 'me' }));
      await expect.poll(() => emulator.authenticatedSockets()).toBe(0);
      await expect.poll(() => page.textContent('#user')).toBe('nobody');
      expect(await cometChatOnWindow()).toEqual(cometChatGlobal);
    });

    it('should log in with an auth token minted by a backend, and report an SDK error as its code', async () => {
      const login = await app.appLoginWithAuthToken(emulator.createAuthToken('cometchat-uid-4'));

      expect(login).toEqual({ uid: 'cometchat-uid-4', name: 'Susan Marie' });
      expect(await storedUser()).toMatchObject({ uid: 'cometchat-uid-4' });
      expect(await app.appLogout()).toEqual({});
      expect(await app.appLoginWithAuthToken('not-a-token')).toEqual({ code: expect.any(String) });
      expect(await app.loggedInUid()).toBeNull();
    });

    it('should have thrown no uncaught error', () => {
      expect(pageErrors).toEqual([]);
    });
  });

  it('should never write window.CometChat in the bundled app, not even for a moment', async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      // A trap on the real window: any write of `CometChat` (assignment or definition through it) is counted.
      await page.addInitScript(() => {
        let writes = 0;
        Object.defineProperty(window, '__cometChatWrites', { get: () => writes });
        Object.defineProperty(window, 'CometChat', { configurable: false, get: () => undefined, set: () => void writes++ });
      });
      const app = new FixtureApp(page);
      await app.open(fixtures.url, emulator.appId, emulator.hostAndPort, { bundled: true });

      expect(await app.appLogin('cometchat-uid-5', emulator.authKey)).toEqual({ uid: 'cometchat-uid-5', name: 'John Paul' });
      await expect.poll(() => app.connection()).toContain('connected');
      expect(await app.appLogout()).toEqual({});

      expect(await page.evaluate(() => (window as any).__cometChatWrites)).toBe(0);
    } finally {
      await context.close();
    }
  });
});
