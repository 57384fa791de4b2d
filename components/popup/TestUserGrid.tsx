import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { TEST_USERS } from '@/lib/test-users';
import { deadSessionText, tokenAgeText } from '../shared/session-words';
import type { SessionSummary } from '@/lib/protocol';
import { Avatar } from '../shared/Avatar';
import '../shared/visually-hidden.css';
import { messageAround, t } from '../shared/i18n';
import { memo, sameProps } from '../shared/memo';

interface TestUserGridProps {
  activeUid: string | undefined;
  held: SessionSummary[];
  busy: boolean;
  /** The app has no Auth Key: only held sessions can be picked. */
  noAuthKey?: boolean;
  /** The same function on every render: a tile that shows what it showed is not rendered again. */
  onPick: (uid: string) => void;
}

/** The five test users, one click each; a held session is switched to without network. */
export function TestUserGrid({ activeUid, held, busy, noAuthKey = false, onPick }: TestUserGridProps) {
  return (
    <section aria-label={t('testUsers')}>
      <h2>{t('testUsers')}</h2>
      {noAuthKey && (
        <p class="hint" data-testid="no-auth-key">
          {t('testUsersNoKey')}
        </p>
      )}
      <ul class="user-grid">
        {TEST_USERS.map((user) => {
          const session = held.find((candidate) => candidate.uid === user.uid);
          const isHeld = Boolean(session);
          return (
            <Tile
              key={user.uid}
              user={user}
              isActive={user.uid === activeUid}
              isHeld={isHeld}
              dead={session ? deadSessionText(session.health) : null}
              age={session ? tokenAgeText(session.tokenCreatedAt) : null}
              disabled={busy || (noAuthKey && !isHeld)}
              onPick={onPick}
            />
          );
        })}
      </ul>
      {/* The dot's meaning, once, for everyone: each dot also says it in its tile's name and title. */}
      {held.some((session) => TEST_USERS.some((user) => user.uid === session.uid)) && (
        <p class="hint tile-legend" data-testid="tile-legend">
          <span class="legend-dot" aria-hidden="true" /> {t('testUsersLegend')}
        </p>
      )}
    </section>
  );
}

interface TileProps {
  user: (typeof TEST_USERS)[number];
  isActive: boolean;
  isHeld: boolean;
  /** Why the held session is dead, if it is (see `deadSessionText`). */
  dead: string | null;
  /** How old the held session's token is, for the tile's title. */
  age: string | null;
  disabled: boolean;
  onPick: (uid: string) => void;
}

/**
 * One test user's tile, rendered again only when what it shows changed: a switch changes two of the five (the popup's
 * view of a switch is one render on the path to every view showing it, and the extension's pages share one thread).
 */
const Tile = memo(function Tile({ user, isActive, isHeld, dead, age, disabled, onPick }: TileProps) {
  const [firstName, ...rest] = user.name.split(' ');
  const otherNames = rest.join(' ');
  // The uid's end shows ("uid-1"); its start ("cometchat-") is for screen readers only.
  const shownUid = user.uid.replace('cometchat-', '');
  const hiddenUid = user.uid.slice(0, user.uid.length - shownUid.length);
  const [before, after] = dead ? messageAround('testUsersLogInDead', dead) : messageAround(isHeld ? 'testUsersLogInHeld' : 'testUsersLogIn');
  return (
    <li>
      <button
        type="button"
        class={`user-tile${isActive ? ' active' : ''}${dead ? ' dead' : ''}`}
        title={[dead, age].filter(Boolean).join(' ') || undefined}
        aria-pressed={isActive}
        disabled={disabled}
        onClick={() => onPick(user.uid)}
      >
        <Avatar uid={user.uid} name={user.name} avatar={user.avatar} />
        {/* The accessible name reads "Log in as Andrew Joseph (cometchat-uid-1)" and still contains the visible words. */}
        <span class="sr-only">{before}</span>
        <span class="tile-name">{firstName}</span>
        <span class="sr-only">
          {' '}
          {otherNames} ({hiddenUid}
        </span>
        <span class="tile-uid">{shownUid}</span>
        <span class="sr-only">){after}</span>
        {isHeld && <span class={`held-dot${dead ? ' dead' : ''}`} title={dead ?? t('testUsersHeld')} />}
      </button>
    </li>
  );
}, sameProps);

/**
 * Keys 1–5 pick a test user, unless the tester is typing in a field. One listener for the popup's life, reading the
 * newest `onPick` and `enabled` when a key comes: re-adding it after each render left a moment, after the view was
 * painted, in which a key went unheard.
 */
export function useTestUserKeys(onPick: (uid: string) => void, enabled: boolean): void {
  const latestRef = useRef({ onPick, enabled });
  // Before the browser paints: a view the tester sees already answers its keys.
  useLayoutEffect(() => {
    latestRef.current = { onPick, enabled };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (!latestRef.current.enabled || event.altKey || event.ctrlKey || event.metaKey || target?.closest('input, select, textarea')) return;
      const user = TEST_USERS[Number(event.key) - 1];
      if (user && /^[1-5]$/.test(event.key)) {
        event.preventDefault();
        latestRef.current.onPick(user.uid);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
