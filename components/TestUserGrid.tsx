import { TEST_USERS } from '@/lib/test-users';
import type { SessionSummary } from '@/lib/protocol';
import { Avatar } from './Avatar';

interface TestUserGridProps {
  activeUid: string | undefined;
  held: SessionSummary[];
  busy: boolean;
  onPick(uid: string): void;
}

/** The five test users, one click each; a held session is switched to without network. */
export function TestUserGrid({ activeUid, held, busy, onPick }: TestUserGridProps) {
  return (
    <section aria-label="Test users">
      <h2>Test users</h2>
      <ul class="user-grid">
        {TEST_USERS.map((user) => {
          const isActive = user.uid === activeUid;
          const isHeld = held.some((session) => session.uid === user.uid);
          return (
            <li key={user.uid}>
              <button
                type="button"
                class={`user-tile${isActive ? ' active' : ''}`}
                aria-pressed={isActive}
                aria-label={`Log in as ${user.name} (${user.uid})${isHeld ? ', session held' : ''}`}
                disabled={busy}
                onClick={() => onPick(user.uid)}
              >
                <Avatar uid={user.uid} name={user.name} avatar={user.avatar} />
                <span class="tile-name">{user.name.split(' ')[0]}</span>
                <span class="tile-uid">{user.uid.replace('cometchat-', '')}</span>
                {isHeld && <span class="held-dot" title="Session held" />}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
