import { describe, expect, it } from 'vitest';
import { EVENT_LANE_CAPS } from '@/lib/event-lanes';
import type { AuthEvent } from '@/lib/protocol';
import {
  createTimelineViews,
  describeActivity,
  filterEvents,
  mergeEvents,
  newestFirst,
  NO_FILTER,
  uidsOf,
  type TimelineFilter,
} from '@/lib/timeline';
import { englishWords } from './support/english-messages';

const event = (seq: number, change: Partial<AuthEvent> = {}): AuthEvent => ({
  seq,
  at: seq * 1000,
  type: 'loginSuccess',
  appId: 'app-1',
  uid: 'cometchat-uid-1',
  source: 'popup',
  durationMs: 5,
  ...change,
});

const log = [
  event(1),
  event(2, { type: 'loginFailure', uid: 'ghost', error: { code: 'ERR_UID_NOT_FOUND', message: 'The UID ghost does not exist', details: {} } }),
  event(3, { type: 'logoutSuccess', uid: 'cometchat-uid-1', source: 'devtools-panel' }),
  event(4, { uid: 'cometchat-uid-4', target: 'page', pageOrigin: 'http://127.0.0.1:5173' }),
];

describe('timeline filter', () => {
  it.each([
    ['nothing', NO_FILTER, [1, 2, 3, 4]],
    ['one type', { ...NO_FILTER, types: new Set(['loginFailure'] as const) }, [2]],
    ['two types', { ...NO_FILTER, types: new Set(['loginSuccess', 'logoutSuccess'] as const) }, [1, 3, 4]],
    ['a uid', { ...NO_FILTER, uid: 'cometchat-uid-1' }, [1, 3]],
    ['text in an error code, any case', { ...NO_FILTER, text: 'err_uid' }, [2]],
    ['text in an error message', { ...NO_FILTER, text: 'does not exist' }, [2]],
    ['text in the source', { ...NO_FILTER, text: 'devtools' }, [3]],
    ['text in the page origin', { ...NO_FILTER, text: '5173' }, [4]],
    ['type and uid together', { types: new Set(['loginSuccess'] as const), uid: 'cometchat-uid-1', text: '' }, [1]],
  ])('should keep the right events when filtering by %s', (_name, filter, seqs) => {
    expect(filterEvents(log, filter, englishWords).map((kept) => kept.seq)).toEqual(seqs);
  });

  it('should filter a full log of 10,000 events', () => {
    const many = Array.from({ length: 10_000 }, (_, index) => event(index + 1, { uid: `cometchat-uid-${(index % 5) + 1}` }));

    const kept = filterEvents(many, { types: new Set(['loginSuccess']), uid: 'cometchat-uid-3', text: 'popup' }, englishWords);

    expect(kept).toHaveLength(2000);
  });
});

describe('merging events', () => {
  it('should append newer live events in order', () => {
    expect(mergeEvents([event(1), event(2)], [event(3)]).map((kept) => kept.seq)).toEqual([1, 2, 3]);
  });

  it('should drop duplicates and sort when fetched history arrives after live events', () => {
    expect(mergeEvents([event(5)], [event(3), event(4), event(5)]).map((kept) => kept.seq)).toEqual([3, 4, 5]);
  });

  it("should keep the tester's login and the newest of the app's activity, up to the log's caps, as 25,000 reports arrive live", () => {
    const report = (seq: number) => event(seq, { type: 'pageActivity', target: 'app', uid: undefined, tabId: 7 });
    let kept = [event(1)];

    for (let seq = 2; seq <= 25_001; seq++) kept = mergeEvents(kept, [report(seq)]);

    expect(kept).toHaveLength(1 + EVENT_LANE_CAPS.app);
    expect(kept[0], "the tester's login").toEqual(event(1));
    expect(kept[1]!.seq, "the oldest app activity kept: as the store's lane keeps it").toBe(25_001 - EVENT_LANE_CAPS.app + 1);
    expect(kept.at(-1)!.seq, 'the newest').toBe(25_001);
    // Well under a second alone; a busy machine shared with other suites can take several.
  }, 30_000);

  it("should keep no more of the tester's own events than the log does, whether they arrive live or fetched", () => {
    const history = Array.from({ length: EVENT_LANE_CAPS.tester }, (_, index) => event(index + 2));
    const live = [event(1), event(EVENT_LANE_CAPS.tester + 2)];

    const kept = mergeEvents(live, history);

    expect(kept).toHaveLength(EVENT_LANE_CAPS.tester);
    expect(kept[0]!.seq).toBe(3);
    expect(kept.at(-1)!.seq).toBe(EVENT_LANE_CAPS.tester + 2);
  });

  it("should look at a live event's own lane only, not the whole log's, while the log is within its caps", () => {
    let lanesRead = 0;
    const counted = (seq: number, type: AuthEvent['type']) => {
      const shown = event(seq, type === 'pageActivity' ? { target: 'app', uid: undefined, tabId: 7 } : {});
      return Object.defineProperty<AuthEvent>({ ...shown }, 'type', {
        get: () => {
          lanesRead += 1;
          return type;
        },
        enumerable: true,
      });
    };
    let kept = mergeEvents(
      [],
      Array.from({ length: 10_000 }, (_, index) => counted(index + 1, index % 10 ? 'loginSuccess' : 'pageActivity')),
    );
    lanesRead = 0;

    for (let seq = 10_001; seq <= 10_007; seq++) kept = mergeEvents(kept, [counted(seq, 'pageActivity')]);

    expect(lanesRead, 'each live event read once').toBe(7);
    expect(kept.map((shown) => shown.seq)).toEqual(Array.from({ length: 10_007 }, (_, index) => index + 1));
  });

  it('should list each uid once, sorted', () => {
    expect(uidsOf(log)).toEqual(['cometchat-uid-1', 'cometchat-uid-4', 'ghost']);
  });
});

describe('timeline order', () => {
  it('should list events newest first by their time to the millisecond, whatever order the log stored them in', () => {
    // As the log stores them: the app's activity as it arrives, then the extension's login with the time it started.
    const stored = [
      event(1, { at: 49_100 }),
      event(2, { at: 47_900, type: 'pageActivity', target: 'app' }),
      event(3, { at: 49_050 }),
      event(4, { at: 48_500 }),
    ];

    expect(newestFirst(stored).map((kept) => kept.at)).toEqual([49_100, 49_050, 48_500, 47_900]);
  });

  it('should list events of the same millisecond newest stored first', () => {
    expect(newestFirst([event(1, { at: 5 }), event(2, { at: 5 })]).map((kept) => kept.seq)).toEqual([2, 1]);
  });

  it('should leave the list it was given as it was', () => {
    const stored = [event(1), event(2)];

    newestFirst(stored);

    expect(stored.map((kept) => kept.seq)).toEqual([1, 2]);
  });
});

describe("type filters and the app's own events", () => {
  const app = (seq: number, activity: AuthEvent['activity']) => event(seq, { type: 'pageActivity', target: 'app', source: 'page-agent', activity });
  const appLog = [
    event(1, { type: 'loginFailure' }),
    app(2, { kind: 'rest', method: 'POST', endpoint: 'users/ghost/auth_tokens', status: 404, code: 'ERR_UID_NOT_FOUND', durationMs: 30 }),
    app(3, { kind: 'listener', listener: 'login', event: 'loginFailure', code: 'ERR_UID_NOT_FOUND' }),
    app(4, { kind: 'storage', appId: 'app-1', uid: 'cometchat-uid-1' }),
    app(5, { kind: 'rest', method: 'POST', endpoint: 'users/cometchat-uid-1/auth_tokens', status: 200, durationMs: 30 }),
    app(6, { kind: 'storage', appId: 'app-1', uid: null }),
    app(7, { kind: 'rest', method: 'GET', endpoint: 'users', status: 404, durationMs: 30 }),
    app(8, { kind: 'socket', state: 'refused' }),
  ];

  it.each([
    ['loginFailure', [1, 2, 3]],
    ['loginSuccess', [4]],
    ['logoutSuccess', [6]],
    ['pageActivity', [2, 3, 4, 5, 6, 7, 8]],
  ] as const)('should keep under %s the app events that amount to it', (type, seqs) => {
    expect(filterEvents(appLog, { ...NO_FILTER, types: new Set([type]) }, englishWords).map((kept) => kept.seq)).toEqual(seqs);
  });

  it.each([
    ['app login', [4]],
    ['app logout', [6]],
    ['→ 404', [2, 7]],
    ['socket refused', [8]],
  ])('should find "%s" in the words the rows show', (text, seqs) => {
    expect(filterEvents(appLog, { ...NO_FILTER, text }, englishWords).map((kept) => kept.seq)).toEqual(seqs);
  });
});

describe("an app's activity in one line", () => {
  it.each<[string, NonNullable<AuthEvent['activity']>, string]>([
    ['a page load', { kind: 'start' }, 'page loaded'],
    ['a status change', { kind: 'status' }, 'status changed'],
    ['a login', { kind: 'storage', appId: 'app-1', uid: 'cometchat-uid-1' }, 'app login'],
    ['a logout', { kind: 'storage', appId: 'app-1', uid: null }, 'app logout'],
    ['a call', { kind: 'rest', method: 'PUT', endpoint: 'me', status: 200, durationMs: 3 }, 'PUT me → 200'],
    ['a call with no reply', { kind: 'rest', method: 'PUT', endpoint: 'me', status: 0, durationMs: 3 }, 'PUT me → failed'],
    [
      'a refused call',
      { kind: 'rest', method: 'PUT', endpoint: 'me', status: 401, code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', durationMs: 3 },
      'PUT me → 401 AUTH_ERR_AUTH_TOKEN_NOT_FOUND',
    ],
    ['a closed socket', { kind: 'socket', state: 'closed', closeCode: 1006 }, 'socket closed 1006'],
    ['an authenticated socket', { kind: 'socket', state: 'authenticated' }, 'socket authenticated'],
    ["the SDK's listener", { kind: 'listener', listener: 'login', event: 'loginSuccess' }, 'LoginListener loginSuccess'],
  ])('should say %s as "%s"', (_name, activity, line) => {
    expect(describeActivity(activity, englishWords)).toBe(line);
  });
});

describe("the timeline's view of a growing log", () => {
  /** What the view must show: the whole log filtered, newest first, and its uids, made from scratch. */
  const whole = (events: readonly AuthEvent[], filter: TimelineFilter) => ({
    shown: newestFirst(filterEvents(events, filter, englishWords)).map((kept) => kept.seq),
    uids: uidsOf(events),
  });
  const seqsOf = ({ shown, uids }: { shown: AuthEvent[]; uids: string[] }) => ({ shown: shown.map((kept) => kept.seq), uids });

  it('should show what the whole log shows after every change, live events, a filter, a cap and an older page alike', () => {
    // A fixed walk (a seeded generator): live events, some stored with a time before the newest shown (the extension's
    // own operation, stored when it ends), new uids, filters changed, the oldest dropped at a cap, an older page merged.
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const viewOf = createTimelineViews(englishWords);
    const filters: TimelineFilter[] = [NO_FILTER, { ...NO_FILTER, uid: 'cometchat-uid-2' }, { ...NO_FILTER, text: 'popup' }];
    let filter = filters[0]!;
    let events: AuthEvent[] = Array.from({ length: 50 }, (_, index) => event(index + 101, { uid: `cometchat-uid-${(index % 3) + 1}` }));
    let nextSeq = 151;
    for (let step = 0; step < 400; step++) {
      const roll = random();
      if (roll < 0.7) {
        const count = 1 + Math.floor(random() * 3);
        const newest = events.at(-1)?.at ?? 0;
        const live = Array.from({ length: count }, () =>
          event(nextSeq++, {
            at: newest + Math.floor(random() * 4000) - 1500,
            uid: random() < 0.1 ? `uid-${nextSeq}` : `cometchat-uid-${1 + Math.floor(random() * 3)}`,
            source: random() < 0.5 ? 'popup' : 'devtools-panel',
          }),
        );
        events = mergeEvents(events, live);
      } else if (roll < 0.8) {
        filter = filters[Math.floor(random() * filters.length)]!;
      } else if (roll < 0.9) {
        events = events.slice(1);
      } else {
        const oldest = events[0]?.seq ?? 1;
        if (oldest > 1) events = mergeEvents(events, [event(oldest - 1)]);
      }

      expect(seqsOf(viewOf(events, filter)), `step ${step}`).toEqual(whole(events, filter));
    }
  });

  it('should look at only the new event when one arrives, and keep the uid list while it names no new uid', () => {
    // A full log: the tester's 9,000 events and an app's 1,000 (its lane holds 2,000), whose lines are made of words.
    const many = Array.from({ length: 10_000 }, (_, index) =>
      index % 10 === 0 ? event(index + 1, { type: 'pageActivity', target: 'app', activity: { kind: 'socket', state: 'open' } }) : event(index + 1),
    );
    let asked = 0;
    const counting = ((key: Parameters<typeof englishWords>[0], ...rest: string[]) => {
      asked += 1;
      return englishWords(key, ...rest);
    }) as typeof englishWords;
    const viewOf = createTimelineViews(counting);
    const search: TimelineFilter = { ...NO_FILTER, text: 'socket' };
    const before = viewOf(many, search);
    asked = 0;

    const after = viewOf(
      mergeEvents(many, [event(10_001, { type: 'pageActivity', target: 'app', activity: { kind: 'socket', state: 'closed' } })]),
      search,
    );

    expect(asked).toBe(1);
    expect(after.shown).toHaveLength(1_001);
    expect(after.shown[0]!.seq).toBe(10_001);
    expect(after.uids).toBe(before.uids);
  });
});
