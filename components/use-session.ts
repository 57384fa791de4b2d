import { useCallback, useEffect, useState } from 'preact/hooks';
import { toCometChatError, type CometChatError } from '@/lib/cometchat/exception';
import type { Snapshot } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';

/** The latest snapshot from the background, re-rendering on every newer one. */
export function useSnapshot(client: SessionClient): Snapshot | null {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(client.getSnapshot());
  useEffect(() => client.onSnapshot(setSnapshot), [client]);
  return snapshot;
}

/**
 * Runs one user action at a time: tracks which is busy and keeps the last error as CometChat data. `run` is the same
 * function on every render, so an effect may depend on it.
 */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<CometChatError | null>(null);
  const run = useCallback(async (label: string, action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(label);
    setError(null);
    try {
      await action();
      return true;
    } catch (thrown) {
      setError(toCometChatError(thrown));
      return false;
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, run, clearError: () => setError(null) };
}
