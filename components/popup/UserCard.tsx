import { useState } from 'preact/hooks';
import { formatEpochSeconds } from '@/lib/display';
import type { SessionSummary } from '@/lib/protocol';
import { Avatar } from '../shared/Avatar';
import { CopyButton } from '../shared/CopyButton';
import { UserFields } from '../shared/UserFields';
import { t } from '../shared/i18n';

/** Fields the card shows itself; the rest are one click away. */
const SHOWN = new Set(['uid', 'name', 'avatar', 'status', 'role', 'statusMessage', 'tags', 'lastActiveAt']);

interface UserCardProps {
  active: SessionSummary | null;
  busy: boolean;
  onLogout: () => void;
  /** Resolves true once the token is on the clipboard (a failure is the caller's to show). */
  onCopyToken: (uid: string) => Promise<boolean>;
  /** Puts text on the clipboard (the uid, the user's JSON); resolves true once it is there. */
  onCopy: (text: string) => Promise<boolean>;
}

/**
 * Who the extension is logged in as — the seed's User fields compactly (uid, name, avatar, status, role, status
 * message, tags, last active as a date), the rest one click away — with the token masked and a copy button.
 */
export function UserCard({ active, busy, onLogout, onCopyToken, onCopy }: UserCardProps) {
  if (!active) {
    return (
      <section class="card user-card empty" aria-label={t('userCard')} data-testid="current-user">
        <p>{t('userCardNobody')}</p>
      </section>
    );
  }
  return <ActiveUserCard active={active} busy={busy} onLogout={onLogout} onCopyToken={onCopyToken} onCopy={onCopy} />;
}

/** The card of a logged-in user (a component of its own: the fields' open state ends with the session shown). */
function ActiveUserCard({ active, busy, onLogout, onCopyToken, onCopy }: UserCardProps & { active: SessionSummary }) {
  const { user } = active;
  // The fields past the card's own are rendered once the tester opens them: closed, nobody sees them (they were ~3 % of
  // the popup's open, alternated in one run of 30 pairs).
  const [allFieldsOpen, setAllFieldsOpen] = useState(false);
  return (
    <section class="card user-card" aria-label={t('userCard')} data-testid="current-user">
      <Avatar uid={user.uid} name={user.name} avatar={user.avatar} size="large" />
      <div class="user-main">
        <strong class="user-name">{user.name}</strong>
        <span class="user-uid-row">
          <span class="user-uid">{user.uid}</span> <CopyButton copy={() => onCopy(user.uid)}>{t('userCardCopyUid')}</CopyButton>
        </span>
        <span class="user-meta">
          <span class={`status status-${user.status === 'online' ? 'online' : 'offline'}`}>{user.status ?? t('userCardStatusUnknown')}</span>
          {user.role && <span> · {user.role}</span>}
          {user.lastActiveAt !== undefined && <span> · {t('userCardLastActive', formatEpochSeconds(user.lastActiveAt, t('never')))}</span>}
        </span>
        {user.statusMessage && <span class="user-status-message">{t('userCardStatusMessage', user.statusMessage)}</span>}
        {Array.isArray(user.tags) && user.tags.length > 0 && (
          <span class="user-tags" aria-label={t('userCardTags')}>
            {user.tags.map((tag) => (
              <span key={tag} class="tag">
                {String(tag)}
              </span>
            ))}
          </span>
        )}
        <span class="token">
          <code aria-label={t('userCardToken')}>{active.authTokenMasked}</code>
          <CopyButton copy={() => onCopyToken(user.uid)}>{t('userCardCopyToken')}</CopyButton>
        </span>
        {Object.keys(user).some((field) => !SHOWN.has(field)) && (
          <details class="user-more" onToggle={(event) => setAllFieldsOpen(event.currentTarget.open)}>
            <summary>{t('userCardAllFields')}</summary>
            {allFieldsOpen && (
              <>
                <UserFields user={user} omit={SHOWN} />
                <CopyButton copy={() => onCopy(JSON.stringify(user, null, 2))}>{t('userCardCopyJson')}</CopyButton>
              </>
            )}
          </details>
        )}
      </div>
      <button type="button" class="secondary" onClick={onLogout} disabled={busy}>
        {t('userCardLogOut')}
      </button>
    </section>
  );
}
