import type { CometChatUser } from '@/lib/cometchat/user';
import { Avatar } from './Avatar';
import { t } from './i18n';

interface DirectoryUserRowProps {
  user: CometChatUser;
  busy: boolean;
  /** The extension can log in as the user: with the app's Auth Key, or a session it holds for them. */
  canLogIn: boolean;
  /** A page can get a token of the user's own: only with the app's Auth Key. */
  canSwitchPage: boolean;
  onLogIn: () => void;
  /** Switches the inspected page to the user (the panel only). */
  onSwitchPage?: () => void;
}

/**
 * One user of the directory: who they are, and logging the extension (or, in the panel, the page) in as them. Each
 * button says what it changes, and its accessible name says the user too.
 */
export function DirectoryUserRow({ user, busy, canLogIn, canSwitchPage, onLogIn, onSwitchPage }: DirectoryUserRowProps) {
  return (
    <li>
      <Avatar uid={user.uid} name={user.name} avatar={user.avatar} />
      <span class="directory-user">
        <strong>{user.name}</strong>
        <span class="user-uid">{user.uid}</span>
        <span class="user-meta">
          {user.status ?? 'offline'}
          {user.role ? ` · ${user.role}` : ''}
        </span>
      </span>
      <span class="directory-actions">
        <button
          type="button"
          class="secondary"
          disabled={busy || !canLogIn}
          aria-label={t('directoryLogInAs', user.name, user.uid)}
          onClick={onLogIn}
        >
          {t('directoryLogIn')}
        </button>
        {onSwitchPage && (
          <button
            type="button"
            class="secondary"
            disabled={busy || !canSwitchPage}
            aria-label={t('directorySwitchPageTo', user.name, user.uid)}
            onClick={onSwitchPage}
          >
            {t('directorySwitchPage')}
          </button>
        )}
      </span>
    </li>
  );
}
