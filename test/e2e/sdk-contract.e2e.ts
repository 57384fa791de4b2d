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

  it("should reconnect by itself when the emulator drops the user's socket as a lost network would", async () => {
    await expect.poll(() => emulator.authenticatedSockets()).toBe(1);
    const seen = await page.evaluate(() => (window as any).fixture.connection.length as number);

    expect(emulator.dropSockets('cometchat-uid-2')).toBe(1);

    const after = () => page.evaluate((from) => ((window as any).fixture.connection as string[]).slice(from), seen);
    await expect.poll(after, { timeout: 20_000 }).toContain('disconnected');
    await expect.poll(async () => (await after()).at(-1), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => emulator.authenticatedSockets()).toBe(1);
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

  describe('the user directory: UsersRequestBuilder and createUser', () => {
    /** The SDK's `GET users` requests while `run` runs: path and query after the host, and the header names sent. */
    async function usersRequestsDuring(run: () => Promise<unknown>) {
      const seen: Array<{ path: string; headers: Record<string, string> }> = [];
      const listener = (request: import('playwright-core').Request) => {
        const url = new URL(request.url());
        if (request.method() === 'GET' && url.pathname.endsWith('/users'))
          seen.push({ path: `${url.pathname.replace(/^.*\/users$/, '/users')}${url.search}`, headers: request.headers() });
      };
      page.on('request', listener);
      try {
        await run();
      } finally {
        page.off('request', listener);
      }
      return seen;
    }
    const fetched = (builder: string) => `${builder}.then((users) => JSON.parse(JSON.stringify(users)))`;

    beforeAll(async () => {
      const login = await sdk('CometChat.login("cometchat-uid-1", input)', emulator.authKey);
      expect(login.error).toBeUndefined();
    });
    afterAll(async () => {
      await sdk('CometChat.logout()');
    });

    it('should find Nancy Grace with setLimit(30).setSearchKeyword("nancy"), sending what the extension\'s client sends', async () => {
      let result: { value?: Array<{ uid: string; name: string }>; error?: SdkError } = {};

      const requests = await usersRequestsDuring(async () => {
        result = await sdk(fetched('new CometChat.UsersRequestBuilder().setLimit(30).setSearchKeyword("nancy").build().fetchNext()'));
      });

      expect(result.error).toBeUndefined();
      expect(result.value).toEqual([expect.objectContaining({ uid: 'cometchat-uid-3', name: 'Nancy Grace' })]);
      // The same literal test/unit/cometchat-client-directory.test.ts asserts of lib/cometchat/client.ts.
      expect(requests.map(({ path }) => path)).toEqual(['/users?per_page=30&searchKey=nancy&page=1']);
      expect(requests[0]!.headers).toMatchObject({
        authtoken: expect.stringMatching(/^cometchat-uid-1_/),
        appid: emulator.appId,
        sdk: 'javascript@4.2.0',
      });
      expect(requests[0]!.headers).not.toHaveProperty('apikey');
    });

    it('should page with setLimit(2): two fetchNext calls return different users', async () => {
      const pages = await page.evaluate(async () => {
        const request = new (window as any).CometChat.UsersRequestBuilder().setLimit(2).build();
        const first = await request.fetchNext();
        const second = await request.fetchNext();
        return [first, second].map((users: Array<{ getUid(): string }>) => users.map((user) => user.getUid()));
      });

      expect(pages).toEqual([
        ['cometchat-uid-1', 'cometchat-uid-2'],
        ['cometchat-uid-5', 'cometchat-uid-3'],
      ]);
    });

    it('should create a user with CometChat.createUser(user, authKey) that the search then finds', async () => {
      const created = await sdk<{ uid: string; name: string }>(
        `CometChat.createUser(new CometChat.User('sdk-made-1', 'Made By Sdk'), input)`,
        emulator.authKey,
      );
      const found = await sdk<Array<{ uid: string; name: string }>>(
        fetched('new CometChat.UsersRequestBuilder().setLimit(30).setSearchKeyword("made by").build().fetchNext()'),
      );

      expect(created.error).toBeUndefined();
      expect(created.value).toMatchObject({ uid: 'sdk-made-1', name: 'Made By Sdk' });
      expect(found.value).toEqual([expect.objectContaining({ uid: 'sdk-made-1', name: 'Made By Sdk' })]);
    });

    it("should reject createUser's invalid uid with CometChat's per-field details", async () => {
      const result = await page.evaluate(async (key) => {
        const CometChat = (window as any).CometChat;
        try {
          await CometChat.createUser(new CometChat.User('x'.repeat(101), 'Too Long'), key);
          return null;
        } catch (error: any) {
          return { code: error.code, details: error.details, isCometChatException: error instanceof CometChat.CometChatException };
        }
      }, emulator.authKey);

      expect(result).toEqual({
        code: 'ERR_BAD_REQUEST',
        details: { uid: ['The uid may not be greater than 100 characters.'] },
        isCometChatException: true,
      });
    });
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
