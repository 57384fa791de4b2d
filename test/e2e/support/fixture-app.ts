import type { Page } from 'playwright-core';
import { evaluateIn, type AnyPage } from './any-page';
import { waitFor } from './wait-for';

/**
 * Which fixture app: `global` loads the official SDK with a <script> tag (the page has `window.CometChat`), `bundled`
 * is the same app on CometChat's v3 SDK (`@cometchat-pro/chat`), bundled with it as production apps ship it (no
 * `window.CometChat`, ever). Both have the same UI and the same test handle.
 */
export type FixtureVariant = 'global' | 'bundled';

export interface OpenOptions {
  /** Open the bundled variant (see `FixtureVariant`); the global one by default. */
  bundled?: boolean;
}

/** What the app's login calls resolve: the user the SDK logged in, or the SDK's error code. */
export type AppLogin = { uid: string; name: string } | { code: string };

/**
 * The fixture web app (official SDK) as a test drives it: open it, have it log in and out, and ask its SDK what it
 * thinks. Everything goes through the page's test handle `window.fixture`, so the same test drives either variant,
 * in either driver: a Playwright page (Chromium, the default) or a Puppeteer one (Firefox over WebDriver BiDi).
 */
export class FixtureApp<P extends AnyPage = Page> {
  /** The variant `open` loaded last (`global` until then). */
  variant: FixtureVariant = 'global';

  constructor(readonly page: P) {}

  /** The app's address on the fixture server, against the emulator at `host` (`127.0.0.1:PORT`, over TLS). */
  static url(fixturesUrl: string, appId: string, host: string, { bundled = false }: OpenOptions = {}): string {
    return `${fixturesUrl}${bundled ? '/bundled/' : '/'}?appId=${appId}&region=eu&host=${host}`;
  }

  /** Opens the app against the emulator at `host` (`127.0.0.1:PORT`, over TLS) and waits for `CometChat.init`. */
  async open(fixturesUrl: string, appId: string, host: string, options: OpenOptions = {}): Promise<void> {
    this.variant = options.bundled ? 'bundled' : 'global';
    await this.page.goto(FixtureApp.url(fixturesUrl, appId, host, options));
    await this.ready();
  }

  /**
   * Waits for the current document's `CometChat.init` (a new one after every reload). Asked every 100 ms rather than
   * with `waitForFunction`, whose requestAnimationFrame polling never runs in a hidden Firefox tab; a read that fails
   * while the document is being replaced means "not loaded yet".
   */
  async ready(): Promise<void> {
    // Every 10 ms: the benchmark times a bare reload up to this point, so a coarse poll would blur its floor.
    await waitFor(
      'the fixture app to initialise',
      () =>
        evaluateIn(this.page, async () => {
          const fixture = (window as any).fixture;
          if (!fixture?.ready) return false;
          await fixture.ready;
          return true;
        }).catch(() => false),
      15_000,
      10,
    );
  }

  /** Runs `script` in every document the tab loads from now on, before the page's own scripts (in its main world). */
  async addInitScript(script: () => void): Promise<void> {
    const page: AnyPage = this.page;
    if ('addInitScript' in page) await page.addInitScript(script);
    else await page.evaluateOnNewDocument(script);
  }

  /** The app logs in by itself with the Auth Key; resolves the user or the SDK's error code. */
  async appLogin(uid: string, authKey: string): Promise<AppLogin> {
    await this.ready();
    return evaluateIn(this.page, ([user, key]) => (window as any).fixture.login(user, key), [uid, authKey] as const);
  }

  /** The app logs in by itself with an auth token (minted by a backend); resolves the user or the SDK's error code. */
  async appLoginWithAuthToken(token: string): Promise<AppLogin> {
    await this.ready();
    return evaluateIn(this.page, (authToken) => (window as any).fixture.loginWithAuthToken(authToken), token);
  }

  /** The app logs out by itself; resolves `{}` or the SDK's error code. */
  async appLogout(): Promise<{ code?: string }> {
    await this.ready();
    return evaluateIn(this.page, () => (window as any).fixture.logout());
  }

  /** `appLogin` that throws on an SDK error (what most tests want before the real test starts). */
  async login(uid: string, authKey: string): Promise<void> {
    const result = await this.appLogin(uid, authKey);
    if ('code' in result) throw new Error(`The fixture app could not log in as ${uid}: ${result.code}`);
  }

  /** The uid the page's own SDK reports, after the page has initialised (null when logged out). */
  async loggedInUid(): Promise<string | null> {
    await this.ready();
    return evaluateIn(this.page, () => (window as any).fixture.loggedInUid());
  }

  /** An authenticated SDK call; resolves to the user's name or the error code. */
  async getUser(uid: string): Promise<{ name?: string; code?: string }> {
    await this.ready();
    return evaluateIn(this.page, (user) => (window as any).fixture.getUser(user), uid);
  }

  /** The connection states the SDK's listener reported so far (`connecting`, `connected`, `disconnected`). */
  async connection(): Promise<string[]> {
    return evaluateIn(this.page, () => (window as any).fixture.connection);
  }
}
