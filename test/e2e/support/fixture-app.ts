import type { Page } from 'playwright-core';

/** The fixture web app (official SDK) as a test drives it: open it, and ask its SDK what it thinks. */
export class FixtureApp {
  constructor(readonly page: Page) {}

  /** Opens the app against the emulator at `host` (`127.0.0.1:PORT`, over TLS) and waits for `CometChat.init`. */
  async open(fixturesUrl: string, appId: string, host: string): Promise<void> {
    await this.page.goto(`${fixturesUrl}/?appId=${appId}&region=eu&host=${host}`);
    await this.ready();
  }

  async ready(): Promise<void> {
    await this.page.waitForFunction(() => (window as any).fixture?.ready);
    await this.page.evaluate(() => (window as any).fixture.ready);
  }

  async login(uid: string, authKey: string): Promise<void> {
    await this.page.evaluate(([user, key]) => (window as any).CometChat.login(user, key), [uid, authKey] as const);
  }

  /** The uid the page's own SDK reports, after the page has initialised (null when logged out). */
  async loggedInUid(): Promise<string | null> {
    await this.ready();
    return this.page.evaluate(async () => (await (window as any).CometChat.getLoggedinUser())?.getUid() ?? null);
  }

  /** An authenticated SDK call; resolves to the user's name or the error code. */
  async getUser(uid: string): Promise<{ name?: string; code?: string }> {
    await this.ready();
    return this.page.evaluate(async (user) => {
      try {
        return { name: (await (window as any).CometChat.getUser(user)).getName() };
      } catch (error: any) {
        return { code: error?.code ?? String(error) };
      }
    }, uid);
  }
}
