import { useCallback, useLayoutEffect, useState } from 'preact/hooks';
import { toCometChatError, type CometChatError } from '@/lib/cometchat/exception';
import type { Snapshot } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';

/**
 * The latest snapshot from the background, re-rendering on every newer one. Views subscribe in layout effects, which run
 * right after the render that needs them: an effect runs only after the next paint (Preact waits for a frame and a timer),
 * and a snapshot arriving before that waited for it (8–20 ms of a popup's first render with data).
 */
export function useSnapshot(client: SessionClient): Snapshot | null {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(client.getSnapshot());
  useLayoutEffect(() => client.onSnapshot(setSnapshot), [client]);
  return snapshot;
}

/**
 * Runs one user action at a time: tracks which is busy and keeps the last error as CometChat data, with the label of
 * the action that failed (`failed`), so a view can show the error by its cause (the UID error by the UID field). `run`,
 * `act` and the clearers are the same functions on every render, so an effect or a memoized part may depend on them.
 * `act` runs an action whose outcome is a sentence for the tester (`status`), cleared when the next action starts;
 * `after` runs whether it succeeded or not (a re-read). Both resolve to whether the action succeeded and never reject:
 * a click handler may drop the promise (`void`).
 */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<CometChatError | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const run = useCallback(async (label: string, action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(label);
    setError(null);
    try {
      await action();
      return true;
    } catch (thrown) {
      setError(toCometChatError(thrown));
      setFailed(label);
      return false;
    } finally {
      setBusy(null);
    }
  }, []);
  const act = useCallback(
    (label: string, action: () => Promise<string>, after?: () => Promise<unknown>) =>
      run(label, async () => {
        setStatus('');
        try {
          setStatus(await action());
        } finally {
          await after?.();
        }
      }),
    [run],
  );
  const clearStatus = useCallback(() => setStatus(''), []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, failed: error ? failed : null, run, act, status, clearStatus, clearError };
}
