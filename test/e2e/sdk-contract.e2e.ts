import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromium } from './support/chromium';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';

type SdkError = { code: string; message: string; isCometChatException: boolean };

/**
 * The official `@cometchat/chat-sdk-javascript`, unmodified, in a real page, against the emulator over
 * TLS. Our own client agreeing with our own emulator proves nothing; this does.
 */
describe('official CometChat SDK against the emulator', () => {
  let emulator: Emulator;
  let fixtures: FixtureServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, tls: true });
    fixtures = await startFixtureServer();
    browser = await launchChromium();
    page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    await openApp(page, `host=${emulator.hostAndPort}`);
  });

  afterAll(async () => {
    await browser?.close();
    await fixtures?.close();
    await emulator?.close();
  });

  async function openApp(target: Page, query: string) {
    await target.goto(`${fixtures.url}/?appId=${emulator.appId}&region=eu&${query}`);
    await target.evaluate(() => (window as any).fixture.ready);
  }

  /** Runs an SDK call in the page; a rejection comes back as data with its class checked in the page. */
  function sdk<T>(call: string, arg: unknown = null): Promise<{ value?: T; error?: SdkError }> {
    return page.evaluate(
      async ([body, input]) => {
        const CometChat = (window as any).CometChat;
        try {
          const value = await new Function('CometChat', 'input', `return ${body}`)(CometChat, input);
          return { value: value && typeof value.toJSON === 'function' ? JSON.parse(JSON.stringify(value)) : value };
        } catch (error: any) {
          return {
            error: { code: error?.code, message: error?.message, isCometChatException: error instanceof CometChat.CometChatException },
          };
        }
      },
      [call, arg] as const,
    );
  }

  /** Mints a token server-to-server with the REST API key, as a backend would. */
  async function mintToken(uid: string): Promise<string> {
    const result = await page.evaluate(
      async ([url, appId, key, user]) => {
        const response = await fetch(`${url}/v3.0/users/${user}/auth_tokens`, {
          method: 'POST',
          headers: { appid: appId, apikey: key, 'content-type': 'application/json', accept: 'application/json' },
          body: '{}',
        });
        return response.json();
      },
      [emulator.url, emulator.appId, emulator.restApiKey, uid] as const,
    );
    return result.data.authToken;
  }

  it('should log in as cometchat-uid-2 with the Auth Key, return George Alan and connect the WebSocket', async () => {
    const login = await sdk<{ uid: string; name: string }>('CometChat.login(input, "' + emulator.authKey + '")', 'cometchat-uid-2');

    expect(login.error).toBeUndefined();
    expect(login.value).toMatchObject({ uid: 'cometchat-uid-2', name: 'George Alan' });
    expect((await sdk<{ uid: string }>('CometChat.getLoggedinUser()')).value).toMatchObject({ uid: 'cometchat-uid-2' });
    await expect.poll(() => page.evaluate(() => (window as any).fixture.connection)).toContain('connected');
    await expect.poll(() => emulator.authenticatedSockets()).toBe(1);
    expect(await page.textContent('#user')).toBe('George Alan (cometchat-uid-2)');
  });

  it('should keep the user across a reload and make authenticated calls to the hosts from settings', async () => {
    await page.reload();
    await page.evaluate(() => (window as any).fixture.ready);
    emulator.requestLog.length = 0;

    const user = await sdk<{ uid: string }>('CometChat.getLoggedinUser()');
    const other = await sdk<{ uid: string; name: string }>('CometChat.getUser(input)', 'cometchat-uid-5');

    expect(user.value).toMatchObject({ uid: 'cometchat-uid-2' });
    expect(other.value).toMatchObject({ uid: 'cometchat-uid-5', name: 'John Paul' });
    expect(emulator.requestLog).toContainEqual({ method: 'GET', route: 'users/cometchat-uid-5' });
  });

  it('should log out and leave no logged-in user', async () => {
    const logout = await sdk('CometChat.logout()');

    expect(logout.error).toBeUndefined();
    expect((await sdk('CometChat.getLoggedinUser()')).value).toBeNull();
    await expect.poll(() => emulator.authenticatedSockets()).toBe(0);
    expect(emulator.requestLog).toContainEqual({ method: 'DELETE', route: 'me' });
  });

  it('should log in with an auth token minted through the REST API', async () => {
    const token = await mintToken('cometchat-uid-4');

    const login = await sdk<{ uid: string; name: string }>('CometChat.login(input)', token);

    expect(login.value).toMatchObject({ uid: 'cometchat-uid-4', name: 'Susan Marie' });
    await sdk('CometChat.logout()');
  });

  it.each([
    ['a wrong Auth Key', 'CometChat.login("cometchat-uid-1", "wrong-key")', 'AUTH_ERR_APIKEY_NOT_FOUND'],
    ['an unknown uid', `CometChat.login("no-such-uid", input)`, 'ERR_UID_NOT_FOUND'],
    ['a bad auth token', 'CometChat.login("cometchat-uid-1_0000000000deadbeefdeadbeefdeadbeefdead")', 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND'],
  ])('should reject %s with %s as a CometChatException', async (_name, call, code) => {
    const result = await sdk(call, emulator.authKey);

    expect(result.error).toMatchObject({ code, isCometChatException: true });
  });
});

describe('an unmodified app reaching the emulator through host mapping', () => {
  it("should log in through CometChat's own host names mapped to the emulator", async () => {
    const emulator = await startEmulator({ port: 0, tls: true });
    const fixtures = await startFixtureServer();
    const browser = await launchChromium([`--host-resolver-rules=MAP *.cometchat.io 127.0.0.1:${emulator.port}`]);
    try {
      const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
      await page.goto(`${fixtures.url}/?appId=${emulator.appId}&region=eu`);
      await page.evaluate(() => (window as any).fixture.ready);

      const user = await page.evaluate(
        async (key) => JSON.parse(JSON.stringify(await (window as any).CometChat.login('cometchat-uid-1', key))),
        emulator.authKey,
      );

      expect(user).toMatchObject({ uid: 'cometchat-uid-1', name: 'Andrew Joseph' });
      expect(emulator.requestLog).toContainEqual({ method: 'POST', route: 'users/cometchat-uid-1/auth_tokens' });
    } finally {
      await browser.close();
      await fixtures.close();
      await emulator.close();
    }
  });
});
