import { describe, expect, it, vi } from 'vitest';
import { createEventLog } from '@/components/panel/use-event-log';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';

describe("a view's event log", () => {
  it('should ask for the newest events as soon as it is made, before any view renders, then hold the whole log', async () => {
    const background = createMemoryBackground();
    await background.profiles.saveProfile(PROFILE);
    for (const uid of ['cometchat-uid-1', 'cometchat-uid-2', 'nobody']) await background.service.login(uid, 'popup').catch(() => undefined);
    const panel = background.connectView('devtools-panel.html');
    const request = vi.spyOn(panel, 'request');

    const log = createEventLog(panel);

    // Asked in the same turn it was made: a panel makes it before its first render.
    expect(request.mock.calls).toEqual([['getEvents', { query: { newest: 100 } }]]);
    await vi.waitFor(() => expect(log.current().loaded).toBe(true));
    expect(request.mock.calls.map(([type, params]) => [type, params])).toEqual([
      ['getEvents', { query: { newest: 100 } }],
      ['getEvents', { query: {} }],
    ]);
    expect(log.current().events.map((event) => [event.type, event.uid])).toEqual([
      ['loginSuccess', 'cometchat-uid-1'],
      ['loginSuccess', 'cometchat-uid-2'],
      ['loginFailure', 'nobody'],
    ]);
  });

  it("should say when the newest events are in, before the rest: a panel's first render waits for them", async () => {
    const background = createMemoryBackground();
    await background.profiles.saveProfile(PROFILE);
    await background.service.login('cometchat-uid-1', 'popup');
    const panel = background.connectView('devtools-panel.html');

    const log = createEventLog(panel);
    await log.newest();

    expect(log.current().events.map((event) => event.uid)).toEqual(['cometchat-uid-1']);
    expect(log.current().loaded).toBe(false);
  });

  it('should say so too when the newest events could not be read, so the panel still renders', async () => {
    const background = createMemoryBackground();
    const panel = background.connectView('devtools-panel.html');
    vi.spyOn(panel, 'request').mockRejectedValueOnce(new Error('ERR_BACKGROUND_RESTARTED'));

    const log = createEventLog(panel);

    await expect(log.newest()).resolves.toBeUndefined();
    expect(log.current().events).toEqual([]);
  });

  it('should tell its views of each later event and of a cleared log', async () => {
    const background = createMemoryBackground();
    await background.profiles.saveProfile(PROFILE);
    const panel = background.connectView('devtools-panel.html');
    const log = createEventLog(panel);
    await vi.waitFor(() => expect(log.current().loaded).toBe(true));
    const told: number[] = [];
    log.onChange((current) => told.push(current.events.length));

    await panel.request('login', { uid: 'cometchat-uid-3' });
    await vi.waitFor(() => expect(told.at(-1)).toBe(1));
    await panel.request('clearEvents', {});

    await vi.waitFor(() => expect(log.current().events).toEqual([]));
    expect(told.at(-1)).toBe(0);
  });
});
