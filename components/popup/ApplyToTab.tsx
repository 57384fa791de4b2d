import { useState } from 'preact/hooks';
import type { Snapshot } from '@/lib/protocol';
import { ActionProgress } from '../shared/ActionProgress';
import { PageWriteQuestion, usePageWrite } from '../shared/PageWriteQuestion';
import type { PopupTab } from './popup-types';
import { t } from '../shared/i18n';
import { verificationText } from '../shared/session-words';

interface ApplyToTabProps {
  tab: PopupTab;
  active: NonNullable<Snapshot['active']>;
  busy: boolean;
  /** The tab's page already runs the extension's user: applying it would change nothing, so it is not offered. */
  tabRunsIt: boolean;
  run: (label: string, action: () => Promise<unknown>) => Promise<boolean>;
}

/**
 * "Apply {user} to this tab": switches the page of the tab the popup was opened on to the extension's user (the
 * background mints the page a token of its own), asks first where the site's answer is not known, and says what the
 * page then runs. Not offered on a tab whose page already runs that user (its outcome line stays).
 */
export function ApplyToTab({ tab, active, busy, tabRunsIt, run }: ApplyToTabProps) {
  const [status, setStatus] = useState('');
  const [doing, setDoing] = useState<string | null>(null);
  const { write, question } = usePageWrite();
  const label = t('applyToTab', active.user.name);
  // Kept while the switch runs or asks: the page reports the new user before the switch has verified it.
  const isOffered = !tabRunsIt || doing !== null || question !== null;
  return (
    <>
      {isOffered && (
        <button
          type="button"
          class="secondary wide"
          disabled={busy}
          onClick={() =>
            void run('apply', async () => {
              setStatus('');
              setDoing(t('applyToTabDoing', active.user.name, active.uid));
              const outcome = await write((flags) => tab.apply(active.uid, flags), label).finally(() => setDoing(null));
              if (!outcome) return;
              const { user, verifiedBy, origin } = outcome;
              setStatus(t('applyToTabDone', origin, user.name, user.uid, verificationText(verifiedBy)));
            })
          }
        >
          {label}
        </button>
      )}
      <PageWriteQuestion question={question} />
      <ActionProgress doing={question ? null : doing} />
      {status && (
        <p class="success" role="status">
          {status}
        </p>
      )}
    </>
  );
}
