import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import { DB_NAME, STORES } from '@/lib/store/schema';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';

describe('damaged storage', () => {
  it('should skip damaged records, count them, and keep serving the rest', async () => {
    const background = createMemoryBackground();
    const profile = await background.profiles.saveProfile(PROFILE);
    await background.service.login('cometchat-uid-1', 'popup');
    const db = await background.connection.get();
    await db.put(STORES.SESSIONS, { profileId: profile.id, uid: 'broken', user: 'not an object' } as never);
    await db.put(STORES.EVENTS, { seq: 99, junk: true } as never);
    await db.put(STORES.PROFILES, { id: 'half', appId: 42 } as never);

    const snapshot = await background.context.snapshot();

    // The damaged profile and session; the damaged event is skipped where the log is read.
    expect(snapshot.unreadableRecords).toBe(2);
    expect(snapshot.sessions.map((session) => session.uid)).toEqual(['cometchat-uid-1']);
    expect(snapshot.profiles).toHaveLength(1);
    expect(await background.log.getEvents()).toHaveLength(1);
  });

  it('should tell a connecting view that storage cannot be opened, and recover after a reset', async () => {
    const background = createMemoryBackground();
    // A database written by a newer version of the extension: ours cannot open it.
    (await openDB(DB_NAME, 99)).close();
    const view = background.connectView();
    const storageErrors: Array<string | null> = [];
    view.onStorageError((error) => storageErrors.push(error?.code ?? null));

    // The view's first render waits for this answer (whenReady): the storage error is one.
    await view.answered();
    expect(storageErrors).toEqual(['ERR_STORAGE_UNAVAILABLE']);
    await expect(view.request('login', { uid: 'cometchat-uid-1' })).rejects.toMatchObject({ code: 'ERR_STORAGE_UNAVAILABLE' });
    await view.request('resetStorage', {});

    await vi.waitFor(() => expect(storageErrors.at(-1)).toBeNull());
    expect(view.getSnapshot()).toMatchObject({ profile: null, sessions: [], lastSeq: 0 });
    await view.request('saveProfile', { profile: PROFILE });
    await expect(view.request('login', { uid: 'cometchat-uid-2' })).resolves.toMatchObject({ uid: 'cometchat-uid-2' });
  });
});

describe('after a reset', () => {
  it('should show every open view the empty state and deliver the next events', async () => {
    const background = createMemoryBackground();
    const popup = background.connectView('popup.html');
    const panel = background.connectView('devtools-panel.html');
    await popup.request('saveProfile', { profile: PROFILE });
    await popup.request('login', { uid: 'cometchat-uid-1' });
    await popup.request('login', { uid: 'cometchat-uid-2' });
    await vi.waitFor(() => expect(panel.getSnapshot()?.active?.uid).toBe('cometchat-uid-2'));
    const heardByPanel: string[] = [];
    panel.onEvent((event) => heardByPanel.push(`${event.type} ${event.uid}`));

    await popup.request('resetStorage', {});

    await vi.waitFor(() => expect(panel.getSnapshot()).toMatchObject({ profile: null, active: null, sessions: [] }));
    expect(popup.getSnapshot()).toMatchObject({ profile: null, active: null, sessions: [] });
    await popup.request('saveProfile', { profile: PROFILE });
    await popup.request('login', { uid: 'cometchat-uid-3' });
    await vi.waitFor(() => expect(panel.getSnapshot()?.active?.uid).toBe('cometchat-uid-3'));
    expect(heardByPanel).toEqual(['loginSuccess cometchat-uid-3']);
  });
});
