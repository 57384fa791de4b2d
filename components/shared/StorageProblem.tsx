import { useLayoutEffect, useState } from 'preact/hooks';
import type { CometChatError } from '@/lib/cometchat/exception';
import type { PinnedTabSummary } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { ErrorNotice } from './ErrorNotice';
import { UnrevokedPins } from './UnrevokedPins';
import { useAction } from './use-session';
import { plural, t } from './i18n';

/** The storage error the background reported, if any (null once it reads its data again). */
export function useStorageError(client: SessionClient): CometChatError | null {
  // From the client's, as useSnapshot starts: the view's first render already shows the problem.
  const [error, setError] = useState<CometChatError | null>(client.getStorageError);
  // In a layout effect, as useSnapshot subscribes (see there).
  useLayoutEffect(() => client.onStorageError(setError), [client]);
  return error;
}

interface StorageProblemProps {
  client: SessionClient;
  /** The background cannot open its storage at all. */
  error?: CometChatError | null;
  /** Stored records that were damaged and are ignored. */
  unreadable?: number;
}

/** Says what is wrong with the stored data and offers the way out: a reset, confirmed. */
export function StorageProblem({ client, error, unreadable = 0 }: StorageProblemProps) {
  const { busy, error: resetError, run } = useAction();
  const [confirming, setConfirming] = useState(false);
  // What the reset could not revoke outlives the problem it solved: shown until the view closes.
  const [unrevoked, setUnrevoked] = useState<PinnedTabSummary[]>([]);
  if (!error && unreadable === 0) return <UnrevokedPins pins={unrevoked} />;
  return (
    <section class="card storage-problem" aria-label={t('storageProblem')} data-testid="storage-problem">
      {error ? (
        <ErrorNotice error={error} />
      ) : (
        <p class="warning" role="note">
          {plural('storageDamaged', unreadable, String(unreadable))}
        </p>
      )}
      <ErrorNotice error={resetError} />
      {confirming ? (
        <button
          type="button"
          class="danger"
          disabled={busy !== null}
          onClick={() => void run('reset', async () => setUnrevoked((await client.request('resetStorage', {})).unrevoked))}
        >
          {t('storageReset')}
        </button>
      ) : (
        <button type="button" class="secondary" onClick={() => setConfirming(true)}>
          {t('storageAskReset')}
        </button>
      )}
    </section>
  );
}
