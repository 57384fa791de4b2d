import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PATIENCE_MS, whenReady } from '@/components/shared/when-ready';

/** A promise and the functions that settle it. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

describe("a view's first render", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  /** Whether `whenReady` has settled after the microtasks queued so far. */
  const settledNow = async (ready: Promise<void>) => {
    let settled = false;
    void ready.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    return settled;
  };

  it('should wait for every answer, and no longer once the last one came', async () => {
    const snapshot = deferred();
    const newest = deferred();
    const ready = whenReady([snapshot.promise, newest.promise]);

    snapshot.resolve();
    expect(await settledNow(ready)).toBe(false);
    newest.resolve();
    expect(await settledNow(ready)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('should not wait for an answer that failed: the view shows the failure', async () => {
    const snapshot = deferred();
    const ready = whenReady([snapshot.promise]);

    snapshot.reject(new Error('ERR_BACKGROUND_RESTARTED'));

    expect(await settledNow(ready)).toBe(true);
  });

  it(`should render without the answers after ${PATIENCE_MS} ms, so a slow background still gets "Connecting…"`, async () => {
    const ready = whenReady([new Promise(() => undefined)]);

    await vi.advanceTimersByTimeAsync(PATIENCE_MS - 1);
    expect(await settledNow(ready)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settledNow(ready)).toBe(true);
  });
});
