import { useState } from 'preact/hooks';
import type { PageSession } from '@/lib/page/page-types';
import type { PageSessionTarget, Snapshot } from '@/lib/protocol';
import { TEST_USERS } from '@/lib/test-users';
import { Avatar } from '../shared/Avatar';
import type { PageTools } from './page-tools';
import { messageAround, t } from '../shared/i18n';

/**
 * The page card's notice for a page read through DevTools (the tester has not allowed its site): where the site can be
 * allowed, the way to allow it; `site` is null for a page that is not on an http(s) site.
 */
export function PageAccessNotice({ site, page, onAnswered }: { site: string | null; page: PageTools; onAnswered: () => Promise<void> }) {
  if (!site) {
    return (
      <p class="notice access" data-testid="page-access">
        {t('pageSessionAccessNotHttp')}
      </p>
    );
  }
  const [before, after] = messageAround('pageSessionAccess');
  return (
    <div class="notice access" data-testid="page-access">
      <p>
        {before}
        <strong>{site}</strong>
        {after}
      </p>
      {page.requestAccess ? (
        <button
          type="button"
          onClick={() => {
            // The browser asks only from the click itself: nothing is awaited before the request.
            const asked = page.requestAccess!(site);
            void asked.then(
              () => onAnswered(),
              () => onAnswered(),
            );
          }}
        >
          {t('pageSessionAccessAllow', site)}
        </button>
      ) : (
        <a href={page.accessPageUrl(site)} target="_blank" rel="noopener">
          {t('pageSessionAccessAllowInTab', site)}
        </a>
      )}
    </div>
  );
}

/**
 * The page card's notice once the tester has allowed the site but no agent watches the tab yet: the agent starts with
 * a page, so the tab needs one reload. It goes once the agent in the reloaded page reports (the tab's pushed state).
 */
export function PageReloadNotice({ site, onReload }: { site: string; onReload: () => Promise<void> }) {
  const [reloading, setReloading] = useState(false);
  const [before, after] = messageAround('pageSessionReloadText');
  return (
    <div class="notice access" data-testid="page-reload">
      <p>
        <strong>{t('pageSessionReloadTitle')}</strong> {before}
        <strong>{site}</strong>
        {after}
      </p>
      <button
        type="button"
        disabled={reloading}
        onClick={() => {
          setReloading(true);
          void onReload().finally(() => setReloading(false));
        }}
      >
        {t('pageSessionReload')}
      </button>
    </div>
  );
}

/** One stored app of the page: its user (token masked) and where it is stored and which hosts it uses. */
export function PageSlotCard({ session }: { session: PageSession }) {
  return (
    <div class="page-slot" data-testid="page-user">
      {session.user ? (
        <div class="panel-user">
          <Avatar uid={session.user.uid} name={session.user.name} avatar={session.user.avatar} size="large" />
          <div class="user-main">
            <strong class="user-name">{session.user.name}</strong>
            <span class="user-uid">{session.user.uid}</span>
            {session.user.authToken && <code aria-label={t('pageSessionSlotToken')}>{session.user.authToken}</code>}
          </div>
        </div>
      ) : (
        <p>{t('pageSessionSlotNobody')}</p>
      )}
      <dl class="user-fields">
        <div>
          <dt>{t('pageSessionSlotAppId')}</dt>
          <dd>{session.appId}</dd>
        </div>
        <div>
          <dt>{t('pageSessionSlotStorage')}</dt>
          <dd>{session.storage}</dd>
        </div>
        <div>
          <dt>{t('pageSessionSlotClientApi')}</dt>
          <dd>{session.hosts.client ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('pageSessionSlotAdminApi')}</dt>
          <dd>{session.hosts.admin ?? '—'}</dd>
        </div>
      </dl>
    </div>
  );
}

/**
 * The users a page can be switched to, one button per person: the five test users, then any other user the extension
 * holds a session for. A held user (marked ●, explained by the legend) goes through `heldUid`, which also works
 * without an Auth Key (the background then asks before sharing the extension's token); the page gets a token of its
 * own wherever it can. `onSwitch` names the user the tester clicked (for the question that may follow, and progress).
 */
export function PageSwitchTargets({
  snapshot,
  canWrite,
  onSwitch,
}: {
  snapshot: Snapshot;
  canWrite: boolean;
  onSwitch: (target: PageSessionTarget, user: { uid: string; name: string }) => void;
}) {
  const hasAuthKey = Boolean(snapshot.profile?.authKeyMasked);
  const held = new Set(snapshot.sessions.map((session) => session.uid));
  const others = snapshot.sessions.filter((session) => !TEST_USERS.some((user) => user.uid === session.uid)).map((session) => session.user);
  const target = ({ uid, name }: { uid: string; name: string }, shown: string) => {
    const isHeld = held.has(uid);
    return (
      <button
        key={uid}
        type="button"
        class="secondary"
        disabled={!canWrite || (!isHeld && !hasAuthKey)}
        title={isHeld || hasAuthKey ? undefined : t('pageSessionNoAuthKey')}
        aria-label={t('pageSessionSwitchTo', name, uid)}
        aria-describedby={isHeld ? 'page-held-legend' : undefined}
        onClick={() => onSwitch(isHeld ? { heldUid: uid } : { uid }, { uid, name })}
      >
        {shown}
        {isHeld && <span class="held-mark"> ●</span>}
      </button>
    );
  };
  return (
    <>
      <div class="page-test-users">
        {TEST_USERS.map((user) => target(user, user.name.split(' ')[0] ?? user.name))}
        {others.map((user) => target(user, user.name))}
      </div>
      {held.size > 0 && (
        <p class="hint page-held-legend" id="page-held-legend">
          {t('pageSessionHeldLegend')}
        </p>
      )}
    </>
  );
}
