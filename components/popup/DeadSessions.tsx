import { deadSessionText } from '@/lib/display';
import type { SessionSummary } from '@/lib/protocol';

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
    <section class="dead-sessions" aria-label="Dead sessions">
      <ul>
        {dead.map((session) => (
          <li key={session.uid} data-testid="dead-session">
            <span class="dead-text">
              <strong>{session.user.name}</strong> <span class="muted">{session.uid}</span>: {deadSessionText(session.health)}
            </span>
            {noAuthKey ? (
              <span class="hint">No Auth Key to log in again: paste a new token below.</span>
            ) : (
              <button
                type="button"
                class="secondary"
                disabled={busy}
                aria-label={`Log in again as ${session.user.name} (${session.uid})`}
                onClick={() => onLogInAgain(session.uid)}
              >
                Log in again
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
