import { evaluateIn, type AnyPage } from './any-page';

/**
 * Writes `count` events straight into the extension's IndexedDB, as months of use would leave them. Only the background
 * writes the database in use, so it keeps what it last read (the state, the newest events): a background that read the
 * log before the seed must be stopped after it.
 */
export async function seedEvents(page: AnyPage, count: number, leak = { token: 'none', jwt: 'none' }): Promise<void> {
  await evaluateIn(
    page,
    async ([total, token, jwt]: readonly [number, string, string]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('COMETCHAT_SESSION_INSPECTOR');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
      });
      const tx = db.transaction(['events', 'meta'], 'readwrite');
      const types = ['loginSuccess', 'loginFailure', 'logoutSuccess', 'logoutFailure'];
      const start = Date.now() - total * 1000;
      for (let seq = 1; seq <= total; seq++) {
        const type = types[seq % 4]!;
        tx.objectStore('events').put({
          seq,
          at: start + seq * 1000,
          type,
          appId: 'emulator-app',
          uid: `cometchat-uid-${(seq % 5) + 1}`,
          source: seq % 2 ? 'popup' : 'devtools-panel',
          durationMs: seq % 300,
          ...(type.endsWith('Failure')
            ? { error: { code: 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', message: `The auth token ${token} does not exist (${jwt}).`, details: {} } }
            : {}),
        });
      }
      tx.objectStore('meta').put(total, 'lastSeq');
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB failed'));
      });
      db.close();
    },
    [count, leak.token, leak.jwt] as const,
  );
}
