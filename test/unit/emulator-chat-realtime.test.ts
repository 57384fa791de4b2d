/**
 * The emulator's chat frames on the WebSocket, as the official SDK's `WSConnectionHelper.onMessage` reads them:
 * a sent message reaches its receiver's sockets (a group's: every other member's) as a `message` frame, and the
 * `typing_indicator` and `receipts` frames the SDK's `startTyping`/`endTyping`/`markAsRead` send are relayed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmulator, type Emulator } from '@/emulator';

type Frame = Record<string, any>;

describe('chat over the WebSocket', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(() => emulator.close());

  async function call(method: string, path: string, authtoken: string, body?: unknown): Promise<Frame> {
    const response = await fetch(`${emulator.url}/v3.0${path}`, {
      method,
      headers: { appid: emulator.appId, authtoken, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json();
  }

  /** Logs `uid` in and opens an authenticated socket with `deviceId`, collecting every frame after the auth reply. */
  async function online(uid: string, deviceId = `${uid}-device`) {
    const token = emulator.createAuthToken(uid);
    const me = await call('PUT', '/me', token, {});
    const socket = new WebSocket(`ws://${emulator.hostAndPort}/`);
    const frames: Frame[] = [];
    socket.on('message', (data) => frames.push(JSON.parse((data as Buffer).toString())));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ appId: emulator.appId, deviceId, type: 'auth', sender: uid, body: { auth: me.data.jwt, deviceId } }));
    await expect.poll(() => frames.length).toBe(1);
    frames.length = 0;
    return { uid, token, socket, frames, deviceId, send: (frame: Frame) => socket.send(JSON.stringify(frame)) };
  }

  const text = (receiver: string, value: string, receiverType = 'user') => ({
    receiver,
    receiverType,
    category: 'message',
    type: 'text',
    data: { text: value },
  });
  const typing = (from: { uid: string; deviceId: string }, receiver: string, action: string, receiverType = 'user') => ({
    appId: emulator.appId,
    receiver,
    receiverType,
    deviceId: from.deviceId,
    type: 'typing_indicator',
    sender: from.uid,
    body: { action, user: { uid: from.uid, name: 'spoofed name' }, metadata: { where: 'composer' } },
  });
  /** Lets any frame in flight arrive before asserting that none did. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

  it("should deliver a user's message to every socket of the receiver, and none of the sender's", async () => {
    const andrew = await online('cometchat-uid-1');
    const george = await online('cometchat-uid-2');
    const georgeAgain = await online('cometchat-uid-2', 'second-tab');

    const sent = await call('POST', '/messages', andrew.token, text('cometchat-uid-2', 'Hi George'));

    const expected = {
      appId: emulator.appId,
      receiver: 'cometchat-uid-2',
      receiverType: 'user',
      deviceId: 'cometchat-emulator',
      type: 'message',
      sender: 'cometchat-uid-1',
      body: sent.data,
    };
    await expect.poll(() => george.frames).toEqual([expected]);
    await expect.poll(() => georgeAgain.frames).toEqual([expected]);
    await settle();
    expect(andrew.frames).toEqual([]);
    [andrew, george, georgeAgain].forEach(({ socket }) => socket.close());
  });

  it("should deliver a group's messages and join actions to every other member", async () => {
    const andrew = await online('cometchat-uid-1');
    const nancy = await online('cometchat-uid-3');
    const susan = await online('cometchat-uid-4');
    await call('POST', '/groups', andrew.token, { guid: 'realtime-team', name: 'Team', type: 'public' });
    await call('POST', '/groups/realtime-team/members', nancy.token, { guid: 'realtime-team', type: 'public' });

    await call('POST', '/messages', nancy.token, text('realtime-team', 'hello team', 'group'));

    await expect
      .poll(() => andrew.frames.map((frame) => [frame.type, frame.body.category, frame.receiverType]))
      .toEqual([
        ['message', 'action', 'group'],
        ['message', 'message', 'group'],
      ]);
    await settle();
    expect(nancy.frames).toEqual([]);
    expect(susan.frames).toEqual([]);
    [andrew, nancy, susan].forEach(({ socket }) => socket.close());
  });

  it('should relay typing started and ended to the receiver, with the sender as the emulator knows it', async () => {
    const andrew = await online('cometchat-uid-1');
    const george = await online('cometchat-uid-2');

    andrew.send(typing(andrew, 'cometchat-uid-2', 'started'));
    // endTyping with a plain object sends the old conversation name `chat`.
    andrew.send(typing(andrew, 'cometchat-uid-2', 'ended', 'chat'));

    await expect.poll(() => george.frames.length).toBe(2);
    expect(george.frames[0]).toEqual({
      appId: emulator.appId,
      receiver: 'cometchat-uid-2',
      receiverType: 'user',
      deviceId: andrew.deviceId,
      type: 'typing_indicator',
      sender: 'cometchat-uid-1',
      body: { action: 'started', user: expect.objectContaining({ uid: 'cometchat-uid-1', name: 'Andrew Joseph' }), metadata: { where: 'composer' } },
    });
    expect(george.frames[1]).toMatchObject({ receiverType: 'user', body: { action: 'ended' } });
    [andrew, george].forEach(({ socket }) => socket.close());
  });

  it('should relay typing in a group to its other members only, with the group as the receiver', async () => {
    const andrew = await online('cometchat-uid-1');
    const george = await online('cometchat-uid-2');
    const john = await online('cometchat-uid-5');
    await call('POST', '/groups', andrew.token, { guid: 'typing-team', name: 'Typing', type: 'public' });
    await call('POST', '/groups/typing-team/members', george.token, { guid: 'typing-team', type: 'public' });
    await expect.poll(() => andrew.frames.length).toBe(1); // George's join
    andrew.frames.length = 0;

    george.send(typing(george, 'typing-team', 'started', 'group'));

    await expect
      .poll(() => andrew.frames)
      .toEqual([expect.objectContaining({ type: 'typing_indicator', receiver: 'typing-team', receiverType: 'group', sender: 'cometchat-uid-2' })]);
    await settle();
    expect(george.frames).toEqual([]);
    expect(john.frames).toEqual([]);
    [andrew, george, john].forEach(({ socket }) => socket.close());
  });

  it.each<[string, (from: { uid: string; deviceId: string }) => Frame]>([
    ['an unknown action', (from) => typing(from, 'cometchat-uid-2', 'dancing')],
    ['an unknown receiver', (from) => typing(from, 'nobody', 'started')],
    ['a group the sender is not in', (from) => typing(from, 'realtime-team', 'started', 'group')],
    ['no body', (from) => ({ ...typing(from, 'cometchat-uid-2', 'started'), body: 'started' })],
  ])('should drop a typing frame with %s', async (_name, frameFor) => {
    const susan = await online('cometchat-uid-4');
    const george = await online('cometchat-uid-2');

    susan.send(frameFor(susan));
    await settle();

    expect(george.frames).toEqual([]);
    [susan, george].forEach(({ socket }) => socket.close());
  });

  it('should relay nothing from a socket that has not authenticated', async () => {
    const george = await online('cometchat-uid-2');
    const stranger = new WebSocket(`ws://${emulator.hostAndPort}/`);
    await new Promise((resolve) => stranger.once('open', resolve));

    stranger.send(JSON.stringify(typing({ uid: 'cometchat-uid-1', deviceId: 'x' }, 'cometchat-uid-2', 'started')));
    await settle();

    expect(george.frames).toEqual([]);
    [george.socket, stranger].forEach((socket) => socket.close());
  });

  it("should take markAsRead's receipt frame as the read mark and pass it to the message's sender", async () => {
    const john = await online('cometchat-uid-5');
    const nancy = await online('cometchat-uid-3');
    const sent = await call('POST', '/messages', john.token, text('cometchat-uid-3', 'read me'));
    await expect.poll(() => nancy.frames.length).toBe(1);

    nancy.send({
      appId: emulator.appId,
      receiver: 'cometchat-uid-5',
      receiverType: 'user',
      deviceId: nancy.deviceId,
      type: 'receipts',
      sender: 'cometchat-uid-3',
      messageSender: 'cometchat-uid-5',
      body: { action: 'read', messageId: sent.data.id, user: { uid: 'cometchat-uid-3' } },
    });

    await expect
      .poll(() => john.frames)
      .toEqual([
        expect.objectContaining({
          type: 'receipts',
          sender: 'cometchat-uid-3',
          body: expect.objectContaining({ action: 'read', messageId: sent.data.id }),
        }),
      ]);
    const conversation = await call('GET', '/users/cometchat-uid-5/conversation', nancy.token);
    expect(conversation.data).toMatchObject({ unreadMessageCount: 0, lastReadMessageId: sent.data.id });
    [john, nancy].forEach(({ socket }) => socket.close());
  });

  it("should not let a receipt for another conversation's message move a read mark", async () => {
    const john = await online('cometchat-uid-5');
    const susan = await online('cometchat-uid-4');
    await call('POST', '/messages', john.token, text('cometchat-uid-4', 'unread'));
    const elsewhere = await call('POST', '/messages', john.token, text('cometchat-uid-1', 'another conversation'));

    susan.send({
      appId: emulator.appId,
      receiver: 'cometchat-uid-5',
      receiverType: 'user',
      deviceId: susan.deviceId,
      type: 'receipts',
      sender: 'cometchat-uid-4',
      body: { action: 'read', messageId: elsewhere.data.id },
    });
    await settle();

    expect(john.frames).toEqual([]);
    expect((await call('GET', '/users/cometchat-uid-5/conversation', susan.token)).data.unreadMessageCount).toBe(1);
    [john, susan].forEach(({ socket }) => socket.close());
  });
});
