import { useState } from 'preact/hooks';
import type { PageSession } from '@/lib/page/page-types';
import type { PageSessionTarget, Snapshot } from '@/lib/protocol';
import { TEST_USERS } from '@/lib/test-users';
import { Avatar } from '../shared/Avatar';
import type { PageTools } from './page-tools';

/**
 * The page card's notice for a page read through DevTools (the tester has not allowed its site): where the site can be
 * allowed, the way to allow it; `site` is null for a page that is not on an http(s) site.
 */
export function PageAccessNotice({ site, page, onAnswered }: { site: string | null; page: PageTools; onAnswered: () => Promise<void> }) {
  if (!site) {
    return (
      <p class="notice access" data-testid="page-access">
        Read through DevTools. The extension can be allowed only on http and https sites, and this page is not on one.
      </p>
    );
  }
  return (
    <div class="notice access" data-testid="page-access">
      <p>
        Read through DevTools. To switch or log out this page, allow the extension on <strong>{site}</strong>.
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
          Allow access to {site}
        </button>
      ) : (
        <a href={page.accessPageUrl(site)} target="_blank" rel="noopener">
          Allow access to {site} (opens a tab)
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
  return (
    <div class="notice access" data-testid="page-reload">
      <p>
        <strong>Reload to start watching.</strong> The extension may now read and write <strong>{site}</strong>; it watches a page from its start, so
        this tab needs one reload.
      </p>
      <button
        type="button"
        disabled={reloading}
        onClick={() => {
          setReloading(true);
          void onReload().finally(() => setReloading(false));
        }}
      >
        Reload
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
            {session.user.authToken && <code aria-label="Page token (masked)">{session.user.authToken}</code>}
          </div>
        </div>
      ) : (
        <p>No user logged in on the page.</p>
      )}
      <dl class="user-fields">
        <div>
          <dt>App ID</dt>
          <dd>{session.appId}</dd>
        </div>
        <div>
          <dt>Storage</dt>
          <dd>{session.storage}</dd>
        </div>
        <div>
          <dt>Client API</dt>
          <dd>{session.hosts.client ?? '—'}</dd>
        </div>
        <div>
          <dt>Admin API</dt>
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
 * own wherever it can.
 */
export function PageSwitchTargets({
  snapshot,
  canWrite,
  onSwitch,
}: {
  snapshot: Snapshot;
  canWrite: boolean;
  /** `label` names the switch the tester clicked, for the question that may follow it. */
  onSwitch: (target: PageSessionTarget, label: string) => void;
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
        title={isHeld || hasAuthKey ? undefined : "A page gets a test user's token only through the app's Auth Key, which this app lacks"}
        aria-label={`Switch the page to ${name} (${uid})`}
        aria-describedby={isHeld ? 'page-held-legend' : undefined}
        onClick={() => onSwitch(isHeld ? { heldUid: uid } : { uid }, `Switch the page to ${name} (${uid})`)}
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
          ● session held by the extension: the page still gets a token of its own.
        </p>
      )}
    </>
  );
}
