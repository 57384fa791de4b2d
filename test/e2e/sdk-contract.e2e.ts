import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromium } from './support/chromium';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { waitFor } from './support/wait-for';

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
    return sdkIn<T>(page, call, arg);
  }

  /** `sdk` in another page (a second SDK instance, logged in as someone else). */
  function sdkIn<T>(target: Page, call: string, arg: unknown = null): Promise<{ value?: T; error?: SdkError }> {
    return target.evaluate(
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
    expect(emulator.requestLog).toContainEqual(expect.objectContaining({ method: 'GET', route: 'users/cometchat-uid-5' }));
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
    expect(emulator.requestLog).toContainEqual(expect.objectContaining({ method: 'DELETE', route: 'me' }));
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

  describe('chat: messages, conversations, groups and the realtime relay between two SDK instances', () => {
    /** George's page: a second browser context, so a second SDK with its own storage, session and socket. */
    let george: Page;

    /** The SDK's requests whose path ends with `suffix` while `run` runs: path (after the version) and query. */
    async function requestsDuring(target: Page, suffix: string, run: () => Promise<unknown>) {
      const seen: string[] = [];
      const listener = (request: import('playwright-core').Request) => {
        const url = new URL(request.url());
        if (url.pathname.endsWith(suffix)) seen.push(`${request.method()} ${url.pathname.replace(/^.*\/v3\.0/, '')}${url.search}`);
      };
      target.on('request', listener);
      try {
        await run();
      } finally {
        target.off('request', listener);
      }
      return seen;
    }
    const plain = (call: string) => `${call}.then((value) => JSON.parse(JSON.stringify(value)))`;

    beforeAll(async () => {
      george = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
      await openApp(george, `host=${emulator.hostAndPort}`);
      expect((await sdk('CometChat.login("cometchat-uid-1", input)', emulator.authKey)).error).toBeUndefined();
      expect((await sdkIn(george, 'CometChat.login("cometchat-uid-2", input)', emulator.authKey)).error).toBeUndefined();
      await waitFor('both SDKs to authenticate their sockets', async () => emulator.authenticatedSockets() === 2);
      // George's listener keeps what the SDK hands it: the message objects (for markAsRead) and the typing indicators.
      await george.evaluate(() => {
        const w = window as any;
        w.received = [];
        w.typing = [];
        w.CometChat.addMessageListener(
          'contract',
          new w.CometChat.MessageListener({
            onTextMessageReceived: (message: unknown) => w.received.push(message),
            onTypingStarted: (indicator: any) => w.typing.push(['started', indicator.getSender().getUid(), indicator.getReceiverType()]),
            onTypingEnded: (indicator: any) => w.typing.push(['ended', indicator.getSender().getUid(), indicator.getReceiverType()]),
          }),
        );
      });
    });
    afterAll(async () => {
      await sdkIn(george, 'CometChat.logout()');
      await george.context().close();
      await sdk('CometChat.logout()');
    });

    const receivedByGeorge = () =>
      george.evaluate(() =>
        ((window as any).received as any[]).map((message) => ({
          text: message.getText(),
          sender: message.getSender().getUid(),
          receiverType: message.getReceiverType(),
          receiver: message.getReceiverId(),
        })),
      );
    const sendText = (target: Page, receiver: string, text: string, type: 'USER' | 'GROUP' = 'USER') =>
      sdkIn<{ id: string; text: string; conversationId: string }>(
        target,
        plain(`CometChat.sendMessage(new CometChat.TextMessage(input[0], input[1], CometChat.RECEIVER_TYPE.${type}))`),
        [receiver, text],
      );

    it("should send a text message with sendMessage and fire the receiver's onTextMessageReceived", async () => {
      const sent = await sendText(page, 'cometchat-uid-2', 'Hello George');

      expect(sent.error).toBeUndefined();
      expect(sent.value).toMatchObject({
        id: expect.stringMatching(/^\d+$/),
        text: 'Hello George',
        conversationId: 'cometchat-uid-1_user_cometchat-uid-2',
      });
      await expect
        .poll(receivedByGeorge, { message: "George's page never heard Andrew's message" })
        .toEqual([{ text: 'Hello George', sender: 'cometchat-uid-1', receiverType: 'user', receiver: 'cometchat-uid-2' }]);
    });

    it("should relay startTyping and endTyping to the receiver's onTypingStarted and onTypingEnded", async () => {
      await sdk('CometChat.startTyping(new CometChat.TypingIndicator("cometchat-uid-2", CometChat.RECEIVER_TYPE.USER))');
      await expect.poll(() => george.evaluate(() => (window as any).typing)).toEqual([['started', 'cometchat-uid-1', 'user']]);

      await sdk('CometChat.endTyping(new CometChat.TypingIndicator("cometchat-uid-2", CometChat.RECEIVER_TYPE.USER))');
      await expect.poll(() => george.evaluate(() => (window as any).typing.at(-1))).toEqual(['ended', 'cometchat-uid-1', 'user']);
    });

    it('should page back through a conversation with MessagesRequestBuilder().fetchPrevious()', async () => {
      for (const text of ['two', 'three', 'four']) expect((await sendText(page, 'cometchat-uid-2', text)).error).toBeUndefined();
      let pages: string[][] = [];

      const requests = await requestsDuring(george, '/messages', async () => {
        pages = await george.evaluate(async () => {
          const CometChat = (window as any).CometChat;
          const request = new CometChat.MessagesRequestBuilder().setUID('cometchat-uid-1').setLimit(3).hideReplies(true).build();
          const found: string[][] = [];
          for (let index = 0; index < 3; index += 1) found.push((await request.fetchPrevious()).map((message: any) => message.getText()));
          return found;
        });
      });

      expect(pages).toEqual([['two', 'three', 'four'], ['Hello George'], []]);
      expect(requests[0]).toBe('GET /users/cometchat-uid-1/messages?per_page=3&hideReplies=true&affix=prepend&withThreadSubscribed=true');
      expect(requests[1]).toMatch(
        /^GET \/users\/cometchat-uid-1\/messages\?per_page=3&hideReplies=true&affix=prepend&withThreadSubscribed=true&id=\d+&sentAt=\d+$/,
      );
      // The second page said `total_pages: 1`, so the SDK answers the third call itself.
      expect(requests).toHaveLength(2);
    });

    it('should list the conversation with ConversationsRequestBuilder and getConversation, then clear it with markAsRead', async () => {
      const listed = await sdkIn<Array<Record<string, any>>>(
        george,
        plain('new CometChat.ConversationsRequestBuilder().setLimit(30).build().fetchNext()'),
      );
      const one = await sdkIn<Record<string, any>>(george, plain('CometChat.getConversation("cometchat-uid-1", "user")'));

      expect(listed.error).toBeUndefined();
      expect(listed.value).toEqual([
        expect.objectContaining({
          conversationId: 'cometchat-uid-1_user_cometchat-uid-2',
          conversationType: 'user',
          conversationWith: expect.objectContaining({ uid: 'cometchat-uid-1', name: 'Andrew Joseph' }),
          lastMessage: expect.objectContaining({ text: 'four' }),
          unreadMessageCount: 4,
        }),
      ]);
      expect(one.value).toMatchObject({ conversationId: 'cometchat-uid-1_user_cometchat-uid-2', unreadMessageCount: 4 });
      expect((await sdkIn(george, 'CometChat.getUnreadMessageCountForUser("cometchat-uid-1")')).value).toEqual({ 'cometchat-uid-1': 4 });

      // markAsRead(message) goes over the socket: the read mark moves to the message George got first.
      const marked = await george.evaluate(() => (window as any).CometChat.markAsRead((window as any).received[0]).then(() => 'ok'));
      expect(marked).toBe('ok');
      await expect
        .poll(
          async () =>
            (await sdkIn<Record<string, any>>(george, plain('CometChat.getConversation("cometchat-uid-1", "user")'))).value?.unreadMessageCount,
        )
        .toBe(3);

      const requests = await requestsDuring(george, '/conversation/read', () =>
        sdkIn(george, 'CometChat.markConversationAsRead("cometchat-uid-1", "user")'),
      );
      const after = await sdkIn<Record<string, any>>(george, plain('CometChat.getConversation("cometchat-uid-1", "user")'));
      expect(requests).toEqual(['POST /users/cometchat-uid-1/conversation/read']);
      expect(after.value).toMatchObject({ unreadMessageCount: 0 });
      expect((await sdkIn(george, 'CometChat.getUnreadMessageCountForUser("cometchat-uid-1")')).value).toEqual({});
    });

    it('should create, list, join and list the members of a group, and deliver its messages to members', async () => {
      const created = await sdk<Record<string, any>>(
        plain('CometChat.createGroup(new CometChat.Group("sdk-team", "SDK Team", CometChat.GROUP_TYPE.PUBLIC))'),
      );
      const listed = await sdkIn<Array<Record<string, any>>>(george, plain('new CometChat.GroupsRequestBuilder().setLimit(30).build().fetchNext()'));
      const joined = await sdkIn<Record<string, any>>(george, plain('CometChat.joinGroup("sdk-team", CometChat.GROUP_TYPE.PUBLIC)'));
      const members = await sdkIn<Array<Record<string, any>>>(
        george,
        plain('new CometChat.GroupMembersRequestBuilder("sdk-team").setLimit(30).build().fetchNext()'),
      );

      expect(created.error).toBeUndefined();
      expect(created.value).toMatchObject({
        guid: 'sdk-team',
        name: 'SDK Team',
        type: 'public',
        hasJoined: true,
        scope: 'admin',
        owner: 'cometchat-uid-1',
      });
      expect(listed.value).toEqual([expect.objectContaining({ guid: 'sdk-team', hasJoined: false, membersCount: 1 })]);
      expect(joined.error).toBeUndefined();
      expect(joined.value).toMatchObject({ guid: 'sdk-team', hasJoined: true });
      expect(members.value?.map((member) => [member.uid, member.scope])).toEqual([
        ['cometchat-uid-1', 'admin'],
        ['cometchat-uid-2', 'participant'],
      ]);

      const sent = await sendText(page, 'sdk-team', 'Hello team', 'GROUP');
      expect(sent.error).toBeUndefined();
      await expect
        .poll(async () => (await receivedByGeorge()).at(-1))
        .toEqual({ text: 'Hello team', sender: 'cometchat-uid-1', receiverType: 'group', receiver: 'sdk-team' });
      const history = await sdkIn<Array<Record<string, any>>>(
        george,
        plain('new CometChat.MessagesRequestBuilder().setGUID("sdk-team").setLimit(30).build().fetchPrevious()'),
      );
      expect(history.value?.map((message) => [message.category, message.type])).toEqual([
        ['action', 'groupMember'],
        ['message', 'text'],
      ]);
    });

    it("should reject a message to a group its sender has not joined with CometChat's error", async () => {
      await sdk(plain('CometChat.createGroup(new CometChat.Group("andrews-own", "Andrew only", CometChat.GROUP_TYPE.PRIVATE))'));

      const refused = await sendText(george, 'andrews-own', 'let me in', 'GROUP');

      expect(refused.error).toMatchObject({ code: 'ERR_GROUP_NOT_JOINED', isCometChatException: true });
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
      expect(emulator.requestLog).toContainEqual(expect.objectContaining({ method: 'POST', route: 'users/cometchat-uid-1/auth_tokens' }));
    } finally {
      await browser.close();
      await fixtures.close();
      await emulator.close();
    }
  });
});
