import { deadSessionText } from '../shared/session-words';
import type { SessionSummary } from '@/lib/protocol';
import { t } from '../shared/i18n';

interface DeadSessionsProps {
  sessions: SessionSummary[];
  busy: boolean;
  /** No Auth Key: a dead session needs a new token from elsewhere. */
  noAuthKey: boolean;
  onLogInAgain: (uid: string) => void;
}

/** Held sessions CometChat no longer takes, each with why and a one-click fresh login; nothing when all are fine. */
export function DeadSessions({ sessions, busy, noAuthKey, onLogInAgain }: DeadSessionsProps) {
  const dead = sessions.filter((session) => session.health?.state === 'dead');
  if (dead.length === 0) return null;
  return (
    <section class="dead-sessions" aria-label={t('deadSessions')}>
      <ul>
        {dead.map((session) => (
          <li key={session.uid} data-testid="dead-session">
            <span class="dead-text">
              <strong>{session.user.name}</strong> <span class="muted">{session.uid}</span>: {deadSessionText(session.health)}
            </span>
            {noAuthKey ? (
              <span class="hint">{t('deadSessionsNoKey')}</span>
            ) : (
              <button
                type="button"
                class="secondary"
                disabled={busy}
                aria-label={t('deadSessionsLogInAs', session.user.name, session.uid)}
                onClick={() => onLogInAgain(session.uid)}
              >
                {t('deadSessionsLogIn')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
