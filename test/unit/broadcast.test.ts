import { describe, expect, it, vi } from 'vitest';
import type { BackgroundMessage, Snapshot, Subscription, ViewMessage } from '@/lib/protocol';
import { createSessionClient } from '@/lib/session-client';
import { createMemoryPortPair } from '@/lib/transport/port';
import type { SessionClient } from '@/lib/session-client';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';

/** Records the events a view hears, in order: each as its type and its uid, or its error's code. */
function recordEvents(client: SessionClient) {
  const heard: string[] = [];
  const stop = client.onEvent((event) => heard.push(`${event.type} ${event.error?.code ?? event.uid}`));
  return { heard, stop };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A background holding cometchat-uid-1 and -2 (uid-2 active), and a view that lists each active uid it is shown. */
async function twoHeldAndAView(options: Parameters<typeof createMemoryBackground>[0] = {}) {
  const background = createMemoryBackground(options);
  await background.profiles.saveProfile(PROFILE);
  await background.service.login('cometchat-uid-1', 'popup');
  await background.service.login('cometchat-uid-2', 'popup');
  const view = background.connectView();
  const shown: Array<string | undefined> = [];
  view.onSnapshot((snapshot) => shown.push(snapshot.active?.uid));
  await vi.waitFor(() => expect(shown).toEqual(['cometchat-uid-2']));
  return { background, view, shown };
}

describe('background ↔ views over ports', () => {
  it('should give a connecting view a snapshot of the stored state', async () => {
    const background = createMemoryBackground();
    await background.profiles.saveProfile(PROFILE);
    await background.service.login('cometchat-uid-3', 'popup');

    const view = background.connectView();
    await vi.waitFor(() => expect(view.getSnapshot()).not.toBeNull());

    expect(view.getSnapshot()?.active?.user.name).toBe('Nancy Grace');
  });

  it('should deliver every auth event to two views in the same order', async () => {
    const background = createMemoryBackground();
    const popup = background.connectView('popup.html');
    const panel = background.connectView('devtools-panel.html');
    const { heard: heardByPopup } = recordEvents(popup);
    const { heard: heardByPanel } = recordEvents(panel);

    await popup.request('saveProfile', { profile: PROFILE });
    await Promise.allSettled([
      popup.request('login', { uid: 'cometchat-uid-1' }),
      panel.request('login', { uid: 'nobody' }),
      popup.request('loginWithAuthToken', { authToken: 'bad' }),
      panel.request('logout', {}),
      popup.request('logout', {}),
    ]);
    await settle();

    expect(heardByPopup).toEqual([
      'loginSuccess cometchat-uid-1',
      'loginFailure ERR_UID_NOT_FOUND',
      'loginFailure AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
      'logoutSuccess cometchat-uid-1',
      'logoutFailure ERR_NOT_LOGGED_IN',
    ]);
    expect(heardByPanel).toEqual(heardByPopup);
  });

  it("should tell each view a login's user as its write starts, then the state written with its event in one message", async () => {
    const background = createMemoryBackground();
    await background.profiles.saveProfile(PROFILE);
    const port = background.openPort();
    const messages: BackgroundMessage[] = [];
    port.listen((message) => messages.push(message));
    port.send({ kind: 'request', id: 1, request: { type: 'subscribe', afterSeq: null, epoch: null } });
    await vi.waitFor(() => expect(messages).toHaveLength(1));
    const subscribed = (messages[0] as Extract<BackgroundMessage, { kind: 'response' }>).result;
    const revision = subscribed.ok ? (subscribed.value as Subscription).snapshot.revision : NaN;

    await background.service.login('cometchat-uid-1', 'popup');
    await settle();

    // The user first, at the revision the view has; then, in one task and one render for the view (no other view's
    // handling of the event between its two halves), the write's state and its event.
    expect(messages.slice(1)).toEqual([
      {
        kind: 'event',
        event: { type: 'snapshot', snapshot: expect.objectContaining({ revision, active: expect.objectContaining({ uid: 'cometchat-uid-1' }) }) },
      },
      {
        kind: 'event',
        event: {
          type: 'snapshot',
          snapshot: expect.objectContaining({ revision: revision + 1, active: expect.objectContaining({ uid: 'cometchat-uid-1' }) }),
          event: expect.objectContaining({ type: 'loginSuccess', uid: 'cometchat-uid-1' }),
        },
      },
    ]);
  });

  it('should show a view, before the write, the state the write leaves: a switch, a fresh login, one after a failure', async () => {
    const background = createMemoryBackground();
    await background.profiles.saveProfile(PROFILE);
    await background.service.login('cometchat-uid-1', 'popup');
    await background.service.login('cometchat-uid-5', 'popup');
    await background.service.login('nobody', 'popup').catch(() => undefined);
    const view = background.connectView();
    const shown: Snapshot[] = [];
    view.onSnapshot((snapshot) => shown.push(snapshot));
    await vi.waitFor(() => expect(shown).toHaveLength(1));

    // A fresh uid between the held ones (the store lists sessions by uid), after a failed login (whose error it
    // clears), then a switch back to a held one: each told before its write, then written.
    await view.request('login', { uid: 'cometchat-uid-3' });
    await view.request('switchSession', { uid: 'cometchat-uid-1' });
    await settle();

    const [, toldThree, wroteThree, toldOne, wroteOne] = shown;
    expect(shown).toHaveLength(5);
    const beyondTheWrite = ({ revision, lastSeq, ...rest }: Snapshot) => rest;
    expect(toldThree?.active?.uid).toBe('cometchat-uid-3');
    expect(beyondTheWrite(toldThree!)).toEqual(beyondTheWrite(wroteThree!));
    expect(toldOne?.active?.uid).toBe('cometchat-uid-1');
    expect(beyondTheWrite(toldOne!)).toEqual(beyondTheWrite(wroteOne!));
    expect(wroteOne!.revision).toBeGreaterThan(toldOne!.revision);
  });

  it('should start the write of a switch it told the views first only once they had their time to show it', async () => {
    let holding = false;
    let viewsHadTime: () => void = () => undefined;
    const { background, view, shown } = await twoHeldAndAView({
      viewsFirst: () => (holding ? new Promise((resolve) => (viewsHadTime = resolve)) : Promise.resolve()),
    });
    const write = vi.spyOn(background.store, 'write');
    holding = true;

    const switching = view.request('switchSession', { uid: 'cometchat-uid-1' });
    await vi.waitFor(() => expect(shown).toEqual(['cometchat-uid-2', 'cometchat-uid-1']));
    await settle();

    // Told, and waiting: nothing written yet, the answer not given.
    expect(write).not.toHaveBeenCalled();
    expect((await background.context.readState()).activeUid).toBe('cometchat-uid-2');
    viewsHadTime();
    await expect(switching).resolves.toMatchObject({ uid: 'cometchat-uid-1' });
    expect(write).toHaveBeenCalledTimes(1);
    expect((await background.context.readState()).activeUid).toBe('cometchat-uid-1');
  });

  it('should tell each view the state before a login again when its write fails, then the failure', async () => {
    const { background, view, shown } = await twoHeldAndAView();
    const { heard } = recordEvents(view);
    vi.spyOn(background.store, 'write').mockRejectedValueOnce(new DOMException('The disk is full.', 'QuotaExceededError'));

    await expect(view.request('switchSession', { uid: 'cometchat-uid-1' })).rejects.toMatchObject({ name: 'CometChatException' });
    await settle();

    // Shown the switch as it started, then the user before it, as stored (the failure's own write adds its event).
    expect(shown).toEqual(['cometchat-uid-2', 'cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-2']);
    expect(heard).toEqual([expect.stringMatching(/^loginFailure /)]);
    expect((await background.context.readState()).activeUid).toBe('cometchat-uid-2');
  });

  it('should stop calling an event listener once it unsubscribed', async () => {
    const background = createMemoryBackground();
    const view = background.connectView();
    const { heard, stop } = recordEvents(view);
    await view.request('saveProfile', { profile: PROFILE });

    stop();
    await view.request('login', { uid: 'cometchat-uid-1' });
    await settle();

    expect(heard).toEqual([]);
  });

  it('should reject requests as CometChatException with the server code', async () => {
    const background = createMemoryBackground();
    const view = background.connectView();
    await view.request('saveProfile', { profile: PROFILE });

    const error = await view.request('login', { uid: 'nobody' }).catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({ name: 'CometChatException', code: 'ERR_UID_NOT_FOUND' });
  });

  it('should answer an unknown request with ERR_UNHANDLED_REQUEST', async () => {
    const background = createMemoryBackground();
    const port = background.openPort();
    const replies: BackgroundMessage[] = [];
    port.listen((message) => replies.push(message));

    port.send({ kind: 'request', id: 7, request: { type: 'dropDatabase' } as never });
    await vi.waitFor(() => expect(replies.some((reply) => reply.kind === 'response')).toBe(true));

    expect(replies.find((reply) => reply.kind === 'response')).toMatchObject({
      id: 7,
      result: { ok: false, error: { code: 'ERR_UNHANDLED_REQUEST' } },
    });
  });

  it.each([
    ['a web page', { id: 'test-extension-id', url: 'https://evil.example/page.html' }],
    ['another extension', { id: 'other-extension', url: 'chrome-extension://other-extension/popup.html' }],
    ['a sender without a url', { id: 'test-extension-id' }],
  ])('should refuse a port opened by %s', async (_name, sender: { id: string; url?: string }) => {
    const background = createMemoryBackground();
    const port = background.openPort('popup.html', sender);
    const closed = vi.fn();
    port.onClose(closed);

    await vi.waitFor(() => expect(closed).toHaveBeenCalled());

    expect(background.hub.size).toBe(0);
  });

  it('should settle a pending request with an error when the background goes away, then reconnect', async () => {
    const background = createMemoryBackground();
    const view = background.connectView();
    await view.request('saveProfile', { profile: PROFILE });
    const release = background.fake.holdLogins();

    const pending = view.request('login', { uid: 'cometchat-uid-2' });
    await vi.waitFor(() => expect(background.fake.calls).toContain('login cometchat-uid-2'));
    background.dropAllPorts();

    await expect(pending).rejects.toMatchObject({ code: 'ERR_BACKGROUND_RESTARTED' });
    release();
    await vi.waitFor(() => expect(view.getSnapshot()?.active?.uid).toBe('cometchat-uid-2'));
  });

  it('should replay auth events a view missed while it was disconnected', async () => {
    const background = createMemoryBackground();
    const view = background.connectView();
    const { heard } = recordEvents(view);
    await view.request('saveProfile', { profile: PROFILE });
    await vi.waitFor(() => expect(view.getSnapshot()?.profile).not.toBeNull());

    background.dropAllPorts();
    await background.service.login('cometchat-uid-4', 'devtools-panel');
    await vi.waitFor(() => expect(heard).toEqual(['loginSuccess cometchat-uid-4']));

    expect(view.getSnapshot()?.active?.user.name).toBe('Susan Marie');
  });

  it('should not replay history to a view that just opened', async () => {
    const background = createMemoryBackground();
    await background.profiles.saveProfile(PROFILE);
    await background.service.login('cometchat-uid-1', 'popup');

    const view = background.connectView();
    const { heard } = recordEvents(view);
    await vi.waitFor(() => expect(view.getSnapshot()).not.toBeNull());
    await settle();

    expect(heard).toEqual([]);
  });

  it('should keep the newest snapshot when an older one arrives late', async () => {
    const background = createMemoryBackground();
    const view = background.connectView();
    await view.request('saveProfile', { profile: PROFILE });
    await view.request('login', { uid: 'cometchat-uid-1' });
    const stale = { ...(await background.context.snapshot()), revision: 1, active: null };

    background.hub.broadcast({ type: 'snapshot', snapshot: stale });
    await settle();

    expect(view.getSnapshot()?.active?.uid).toBe('cometchat-uid-1');
  });

  it('should hear each event once and in order when events commit while it subscribes again', async () => {
    const background = createMemoryBackground();
    const view = background.connectView();
    const { heard } = recordEvents(view);
    await view.request('saveProfile', { profile: PROFILE });
    await view.request('login', { uid: 'cometchat-uid-1' });

    background.dropAllPorts();
    // The view resubscribes after 1 ms, in the middle of these commits.
    const uids = ['cometchat-uid-2', 'cometchat-uid-3', 'cometchat-uid-4', 'cometchat-uid-5'];
    for (const uid of uids) await background.service.login(uid, 'devtools-panel');
    await vi.waitFor(() => expect(view.getSnapshot()?.active?.uid).toBe('cometchat-uid-5'));
    await settle();

    expect(heard).toEqual(['cometchat-uid-1', ...uids].map((uid) => `loginSuccess ${uid}`));
  });

  it('should give a view that opens while a login waits on CometChat its state at once, then the login live', async () => {
    const background = createMemoryBackground();
    await background.profiles.saveProfile(PROFILE);
    const release = background.fake.holdLogins();
    const login = background.service.login('cometchat-uid-2', 'popup');
    await vi.waitFor(() => expect(background.fake.calls).toContain('login cometchat-uid-2'));

    const view = background.connectView();
    const { heard } = recordEvents(view);
    await vi.waitFor(() => expect(view.getSnapshot()).toMatchObject({ active: null }));
    release();
    await login;

    await vi.waitFor(() => expect(heard).toEqual(['loginSuccess cometchat-uid-2']));
    expect(view.getSnapshot()?.active?.uid).toBe('cometchat-uid-2');
  });

  describe('a view that opens after the last write', () => {
    it('should get the committed state without reading the database again', async () => {
      const background = createMemoryBackground();
      // The first view to open also loads the tabs' states, once per worker life.
      const first = background.connectView();
      await first.request('saveProfile', { profile: PROFILE });
      await first.request('login', { uid: 'cometchat-uid-3' });
      const reads = vi.spyOn(background.store, 'read');

      const view = background.connectView();
      await vi.waitFor(() => expect(view.getSnapshot()).not.toBeNull());

      expect(view.getSnapshot()?.active?.user.name).toBe('Nancy Grace');
      expect(reads).not.toHaveBeenCalled();
    });

    it('should see an event an app logged by itself since (a note moves the last number)', async () => {
      const background = createMemoryBackground();
      await background.profiles.saveProfile(PROFILE);
      await background.service.login('cometchat-uid-1', 'popup');
      const recorded = await background.context.record({
        at: 1,
        type: 'loginSuccess',
        appId: 'app-1',
        uid: 'cometchat-uid-2',
        source: 'page',
        durationMs: 0,
      });

      const view = background.connectView();
      await vi.waitFor(() => expect(view.getSnapshot()).not.toBeNull());

      expect(view.getSnapshot()?.lastSeq).toBe(recorded.seq);
    });

    it("should get the state it last read through an app's own doings since, with the log's number and the revision moved", async () => {
      const background = createMemoryBackground();
      const first = background.connectView();
      await first.request('saveProfile', { profile: PROFILE });
      await first.request('login', { uid: 'cometchat-uid-3' });
      const doings = { at: 1, type: 'pageActivity', appId: PROFILE.appId, source: 'page-agent', target: 'app', durationMs: 0 } as const;
      await background.context.record(doings);
      const recorded = await background.context.record(doings);
      const reads = vi.spyOn(background.store, 'read');

      const view = background.connectView();
      await vi.waitFor(() => expect(view.getSnapshot()).not.toBeNull());

      expect(reads).not.toHaveBeenCalled();
      expect(view.getSnapshot()).toMatchObject({ lastSeq: recorded.seq, active: { user: { name: 'Nancy Grace' } } });
      // Exactly what a read of the database says now.
      expect(view.getSnapshot()).toEqual(await background.context.snapshot());
    });

    it("should get a panel's newest events from memory, and each write's event after it", async () => {
      const background = createMemoryBackground();
      await background.profiles.saveProfile(PROFILE);
      await background.service.login('cometchat-uid-1', 'popup');
      await background.service.login('cometchat-uid-2', 'popup');
      const newest = async (count: number) =>
        (await background.connectView('devtools-panel.html').request('getEvents', { query: { newest: count } })).map((event) => event.uid);
      expect(await newest(100)).toEqual(['cometchat-uid-1', 'cometchat-uid-2']);
      const reads = vi.spyOn(background.store, 'read');

      expect(await newest(100)).toEqual(['cometchat-uid-1', 'cometchat-uid-2']);
      expect(await newest(1)).toEqual(['cometchat-uid-2']);
      expect(await newest(0)).toEqual([]);
      expect(reads).not.toHaveBeenCalled();

      // A commit, a note (an app's own event) and a clear each change the log: the next window is read again.
      await background.service.login('cometchat-uid-3', 'popup');
      expect(await newest(2)).toEqual(['cometchat-uid-2', 'cometchat-uid-3']);
      await background.context.record({ at: 1, type: 'loginSuccess', appId: 'app-1', uid: 'page-user', source: 'page', durationMs: 0 });
      expect(await newest(2)).toEqual(['cometchat-uid-3', 'page-user']);
      await background.log.clearEvents();
      expect(await newest(100)).toEqual([]);
      // A reset starts a new, empty log.
      await background.service.login('cometchat-uid-4', 'popup');
      expect(await newest(1)).toEqual(['cometchat-uid-4']);
      await background.log.resetStorage();
      expect(await newest(100)).toEqual([]);
      expect(reads).toHaveBeenCalled();
    });

    it('should get the new epoch after a reset, not the state before it', async () => {
      const background = createMemoryBackground();
      await background.profiles.saveProfile(PROFILE);
      const before = background.connectView();
      await vi.waitFor(() => expect(before.getSnapshot()?.profile).toBeTruthy());
      const epoch = before.getSnapshot()!.epoch;

      await background.log.resetStorage();
      const view = background.connectView();
      await vi.waitFor(() => expect(view.getSnapshot()).not.toBeNull());

      expect(view.getSnapshot()).toMatchObject({ profile: null, lastSeq: 0 });
      expect(view.getSnapshot()?.epoch).not.toBe(epoch);
    });
  });

  describe('the subscription, played by hand', () => {
    const event = (seq: number, uid: string) => ({ seq, at: seq, type: 'loginSuccess' as const, appId: 'a', uid, source: 'popup', durationMs: 1 });
    const snapshot = (epoch: string, revision: number, lastSeq: number) => ({
      epoch,
      revision,
      lastSeq,
      profiles: [],
      profile: null,
      active: null,
      sessions: [],
      lastLoginError: null,
      unreadableRecords: 0,
      pinnedTabs: [],
    });

    /** A client whose ports we play the background on, and what it sent on each. */
    function createClientByHand() {
      const ports: Array<ReturnType<typeof createMemoryPortPair<ViewMessage, BackgroundMessage>>[1]> = [];
      const sent: ViewMessage[][] = [];
      const client = createSessionClient({
        connect: () => {
          const [view, background] = createMemoryPortPair<ViewMessage, BackgroundMessage>();
          const messages: ViewMessage[] = [];
          background.listen((message) => messages.push(message));
          ports.push(background);
          sent.push(messages);
          return view;
        },
        reconnectDelayMs: 1,
      });
      return { client, ports, sent };
    }

    it('should ask for the events after the last one it heard, and hear them before live ones', async () => {
      const { client, ports, sent } = createClientByHand();
      const { heard } = recordEvents(client);
      await vi.waitFor(() => expect(sent[0]?.[0]?.request).toEqual({ type: 'subscribe', afterSeq: null, epoch: null }));
      ports[0]!.send({
        kind: 'response',
        id: sent[0]![0]!.id,
        result: { ok: true, value: { snapshot: snapshot('e1', 1, 1), missed: [], tabs: [] } },
      });
      await vi.waitFor(() => expect(client.getSnapshot()?.revision).toBe(1));

      ports[0]!.close();
      await vi.waitFor(() => expect(sent[1]?.[0]?.request).toEqual({ type: 'subscribe', afterSeq: 1, epoch: 'e1' }));
      ports[1]!.send({
        kind: 'response',
        id: sent[1]![0]!.id,
        result: { ok: true, value: { snapshot: snapshot('e1', 3, 2), missed: [event(2, 'u2')], tabs: [] } },
      });
      ports[1]!.send({ kind: 'event', event: { type: 'authEvent', event: event(3, 'u3') } });

      await vi.waitFor(() => expect(heard).toEqual(['loginSuccess u2', 'loginSuccess u3']));
    });

    it('should take a new epoch as a reset: empty log, numbering from the start', async () => {
      const { client, ports, sent } = createClientByHand();
      const { heard } = recordEvents(client);
      const cleared = vi.fn();
      client.onEventsCleared(cleared);
      await vi.waitFor(() => expect(sent[0]).toHaveLength(1));
      ports[0]!.send({
        kind: 'response',
        id: sent[0]![0]!.id,
        result: { ok: true, value: { snapshot: snapshot('e1', 9, 7), missed: [], tabs: [] } },
      });
      await vi.waitFor(() => expect(client.getSnapshot()?.revision).toBe(9));

      ports[0]!.send({ kind: 'event', event: { type: 'snapshot', snapshot: snapshot('e2', 1, 0) } });
      ports[0]!.send({ kind: 'event', event: { type: 'authEvent', event: event(1, 'u1') } });

      await vi.waitFor(() => expect(heard).toEqual(['loginSuccess u1']));
      expect(cleared).toHaveBeenCalledTimes(1);
      expect(client.getSnapshot()).toMatchObject({ epoch: 'e2', revision: 1 });
    });
  });
});
