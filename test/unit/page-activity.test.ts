import { describe, expect, it, vi } from 'vitest';
import { MAX_REPORT_CHARS, boundReport } from '@/lib/background/page/page-reports';
import { RATE_LIMIT } from '@/lib/background/page/activity-service';
import type { AuthEvent, BackgroundMessage } from '@/lib/protocol';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';

const ORIGIN = 'http://127.0.0.1:5173';
const TAB = 7;
const STATUS = {
  sdkVersion: 'javascript@4.2.0',
  hasGlobalSdk: true,
  users: [{ appId: 'app-1', uid: 'cometchat-uid-1' }],
  stored: [{ appId: 'app-1', uid: 'cometchat-uid-1' }],
  socket: { state: 'authenticated', since: 1_700_000_000_000 },
  pin: null,
};
const report = (activity: object, status: object = STATUS) => JSON.stringify({ activity, status });

async function setUp({ allowed = true } = {}) {
  const background = createMemoryBackground();
  await background.profiles.saveProfile(PROFILE);
  if (allowed) background.tabs.allow(ORIGIN);
  const view = background.connectView('devtools-panel.html');
  const heard: AuthEvent[] = [];
  view.onEvent((event) => heard.push(event));
  // Subscribed: the view hears every event from here on.
  await vi.waitFor(() => expect(view.getSnapshot()).not.toBeNull());
  return { ...background, view, heard };
}

describe("an app's own activity, as its page agent reports it", () => {
  it('should store a report from an allowed site as page activity, and every view should hear it live', async () => {
    const { activity, heard, log } = await setUp();

    const event = await activity.acceptReport(report({ kind: 'storage', appId: 'app-1', uid: 'cometchat-uid-2' }), {
      tabId: TAB,
      frameId: 0,
      url: `${ORIGIN}/chat`,
    });

    expect(event).toMatchObject({ type: 'pageActivity', target: 'app', appId: 'app-1', uid: 'cometchat-uid-2', tabId: TAB, pageOrigin: ORIGIN });
    expect(heard.map((heardEvent) => heardEvent.seq)).toEqual([event!.seq]);
    expect(await log.getEvents()).toEqual([event]);
  });

  it('should store a burst of reports in one write, in order, and every view should hear each once', async () => {
    const { activity, heard, context } = await setUp();
    const before = (await context.snapshot()).revision;

    const events = await Promise.all(
      ['start', 'socket', 'storage'].map((kind) =>
        activity.acceptReport(
          report(kind === 'start' ? { kind } : kind === 'socket' ? { kind, state: 'open' } : { kind, appId: 'app-1', uid: 'u' }),
          {
            tabId: TAB,
            frameId: 0,
            url: ORIGIN,
          },
        ),
      ),
    );

    expect(events.map((event) => event?.activity?.kind)).toEqual(['start', 'socket', 'storage']);
    expect(events.map((event) => event!.seq)).toEqual([events[0]!.seq, events[0]!.seq + 1, events[0]!.seq + 2]);
    expect(heard.map((event) => event.seq)).toEqual(events.map((event) => event!.seq));
    // One transaction for the burst: the revision moved once.
    expect((await context.snapshot()).revision).toBe(before + 1);
  });

  it("should tell each view a tab's new state as soon as its report arrives, and a burst's events in one message once written", async () => {
    const { activity, openPort } = await setUp();
    const port = openPort('devtools-panel.html');
    const messages: BackgroundMessage[] = [];
    port.listen((message) => messages.push(message));
    port.send({ kind: 'request', id: 1, request: { type: 'subscribe', afterSeq: null, epoch: null } });
    await vi.waitFor(() => expect(messages).toHaveLength(1));

    const sender = { tabId: TAB, frameId: 0, url: ORIGIN };
    await Promise.all([
      activity.acceptReport(report({ kind: 'socket', state: 'open' }), sender),
      activity.acceptReport(
        report({ kind: 'storage', appId: 'app-1', uid: 'cometchat-uid-2' }, { ...STATUS, users: [{ appId: 'app-1', uid: 'cometchat-uid-2' }] }),
        sender,
      ),
    ]);

    // The strip shows who the tab runs without waiting for the log's write (it queued behind the page's earlier
    // reports: the live monitor lagged the app by ~30 ms, a third of it that wait); the burst's events follow in one
    // task and one render for the view (a panel rendered each event of a login's burst on its own).
    const tabOf = (uid: string) => ({
      type: 'tab',
      tab: expect.objectContaining({ tabId: TAB, agent: expect.objectContaining({ users: [{ appId: 'app-1', uid }] }) }),
    });
    expect(messages.slice(1)).toEqual([
      { kind: 'event', event: tabOf('cometchat-uid-1') },
      { kind: 'event', event: tabOf('cometchat-uid-2') },
      {
        kind: 'events',
        events: [
          { type: 'authEvent', event: expect.objectContaining({ activity: expect.objectContaining({ kind: 'socket' }) }) },
          { type: 'authEvent', event: expect.objectContaining({ activity: expect.objectContaining({ kind: 'storage', uid: 'cometchat-uid-2' }) }) },
        ],
      },
    ]);
  });

  it.each([
    ['a site the tester has not allowed', { tabId: TAB, frameId: 0, url: 'https://elsewhere.example/' }],
    ['a sender that is not a tab', { frameId: 0, url: `${ORIGIN}/` }],
    ['a page that is not a web page', { tabId: TAB, frameId: 0, url: 'file:///tmp/app.html' }],
  ])('should ignore a report from %s', async (_case, sender) => {
    const { activity, log } = await setUp();

    await expect(activity.acceptReport(report({ kind: 'start' }), sender)).resolves.toBeNull();
    expect(await log.getEvents()).toEqual([]);
  });

  it('should never act on a report: a forged command changes no state', async () => {
    const { activity, context } = await setUp();
    const before = await context.snapshot();

    for (const forged of [
      JSON.stringify({ type: 'login', uid: 'cometchat-uid-1' }),
      JSON.stringify({ kind: 'request', id: 1, request: { type: 'resetStorage' } }),
      report({ kind: 'switchPage', target: { uid: 'cometchat-uid-3' } }),
      'not json',
    ]) {
      await expect(activity.acceptReport(forged, { tabId: TAB, frameId: 0, url: ORIGIN })).resolves.toBeNull();
    }

    const after = await context.snapshot();
    expect({ ...after, revision: 0 }).toEqual({ ...before, revision: 0 });
  });

  it('should drop reports beyond the rate limit of one tab, and keep taking other tabs', async () => {
    const { activity, log } = await setUp();

    for (let count = 0; count < RATE_LIMIT + 30; count++)
      await activity.acceptReport(report({ kind: 'start' }), { tabId: TAB, frameId: 0, url: ORIGIN });
    await activity.acceptReport(report({ kind: 'start' }), { tabId: TAB + 1, frameId: 0, url: ORIGIN });

    const events = await log.getEvents();
    expect(events.filter((event) => event.tabId === TAB)).toHaveLength(RATE_LIMIT);
    expect(events.filter((event) => event.tabId === TAB + 1)).toHaveLength(1);
  });
});

describe('bounding what a page reports', () => {
  it('should cut oversized values, mask token-shaped text and keep only known fields', () => {
    const token = `cometchat-uid-1_1700000000${'a'.repeat(30)}`;
    const bounded = boundReport(
      JSON.stringify({
        activity: {
          kind: 'rest',
          method: 'put',
          endpoint: `users/${'u'.repeat(5000)}/${token}`,
          status: 200,
          durationMs: 12,
          headers: { authtoken: token },
        },
        status: { ...STATUS, users: Array.from({ length: 100 }, (_, index) => ({ appId: `app-${index}`, uid: 'x'.repeat(150) })), extra: 'x' },
      }),
    );

    expect(bounded?.activity).toMatchObject({ kind: 'rest', method: 'PUT', status: 200 });
    const endpoint = (bounded?.activity as { endpoint: string }).endpoint;
    expect(endpoint.length).toBeLessThanOrEqual(200);
    expect(JSON.stringify(bounded)).not.toContain(token);
    expect(JSON.stringify(bounded)).not.toContain('headers');
    expect(bounded?.status.users).toHaveLength(20);
    expect(bounded?.status.users[0]?.uid?.length).toBeLessThanOrEqual(100);
  });

  it.each([
    ['a REST reply', { kind: 'rest', method: 'GET', endpoint: 'me', status: 401 }],
    ['a refused socket', { kind: 'socket', state: 'refused' }],
    ['a listener', { kind: 'listener', listener: 'login', event: 'loginFailure' }],
  ])('should mask a whole auth token sent as the code of %s, as in any other field', (_case, activity) => {
    const token = `cometchat-uid-1_1700000000${'b'.repeat(30)}`;

    const bounded = boundReport(report({ ...activity, code: token }));

    expect(bounded?.activity).toMatchObject(activity);
    expect(JSON.stringify(bounded), 'the stored report shows the token whole').not.toContain(token);
    expect((bounded?.activity as { code?: string }).code).toMatch(/^•+bbbb$/);
  });

  it.each([
    ['too large to read', report({ kind: 'start', pad: 'x'.repeat(MAX_REPORT_CHARS) })],
    ['an unknown kind', report({ kind: 'evaluate', code: 'alert(1)' })],
    ['a socket state that does not exist', report({ kind: 'socket', state: 'hacked' })],
    ['a listener event that does not exist', report({ kind: 'listener', listener: 'login', event: 'loginSuccess<script>' })],
    ['no status', JSON.stringify({ activity: { kind: 'start' } })],
    ['not text', { activity: { kind: 'start' }, status: STATUS }],
  ])('should refuse a report that is %s', (_case, raw) => {
    expect(boundReport(raw)).toBeNull();
  });
});
