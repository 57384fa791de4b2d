import { useState } from 'preact/hooks';
import { maskSecret } from '@/lib/mask';
import type { InspectedWindow } from '@/lib/page-session/inspected-window';
import type { PageSession, SessionSlot } from '@/lib/page-session/page-storage';
import type { PageSwitcher } from '@/lib/page-session/page-switcher';
import { verificationText } from '@/lib/display';
import type { PageSessionTarget, Snapshot } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { TEST_USERS } from '@/lib/test-users';
import { Avatar } from '../Avatar';
import { ErrorNotice } from '../ErrorNotice';
import { FieldForm } from '../FieldForm';
import { useAction } from '../use-session';
import { usePageInspection } from './use-page-inspection';

interface PageSessionViewProps {
  client: SessionClient;
  snapshot: Snapshot;
  switcher: PageSwitcher;
  inspected: InspectedWindow;
}

/** The inspected page's own CometChat session: what it stores, and verified switch, logout and adopt. */
export function PageSessionView({ client, snapshot, switcher, inspected }: PageSessionViewProps) {
  const { inspection, error: readError, refresh } = usePageInspection(switcher, inspected);
  const { busy, error, run, clearError } = useAction();
  const [selected, setSelected] = useState(0);
  const [revoke, setRevoke] = useState(false);
  const [status, setStatus] = useState('');

  const sessions = inspection?.sessions ?? [];
  const withUserFirst = [...sessions].sort((a, b) => Number(Boolean(b.user)) - Number(Boolean(a.user)));
  const current: PageSession | undefined = withUserFirst[selected] ?? withUserFirst[0];
  const slot: SessionSlot | null = current ?? (snapshot.profile ? { storage: 'localStorage', appId: snapshot.profile.appId } : null);
  const appMismatch = Boolean(current && snapshot.profile && current.appId !== snapshot.profile.appId);

  const act = (label: string, action: () => Promise<string>) =>
    run(label, async () => {
      setStatus('');
      try {
        setStatus(await action());
      } finally {
        await refresh();
      }
    });
  const switchTo = (target: PageSessionTarget) =>
    act('switch', async () => {
      const { user, verifiedBy } = await switcher.switchTo(slot!, target);
      return `The page is now logged in as ${user.name} (${user.uid}). ${verificationText(verifiedBy)}`;
    });

  return (
    <section class="card page-session" aria-label="Page session" data-testid="page-session">
      <div class="section-head">
        <h2>Page session</h2>
        <span class="muted">{inspection?.origin}</span>
        <button type="button" class="link" onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
      <ErrorNotice error={readError} />
      {inspection && sessions.length === 0 && (
        <p class="notice" data-testid="page-state">
          {inspection.hasSdk
            ? 'CometChat is loaded, but the page stores no session (nobody is logged in).'
            : 'This page has no CometChat: no SDK and no stored session.'}
        </p>
      )}
      {sessions.length > 1 && (
        <>
          <label for="page-slot">Stored app</label>
          <select
            id="page-slot"
            value={selected}
            onChange={(event) => {
              setSelected(Number(event.currentTarget.value));
              setStatus('');
            }}
          >
            {withUserFirst.map((session, index) => (
              <option key={`${session.storage}:${session.appId}`} value={index}>
                {session.appId} ({session.storage}){session.user ? ` · ${session.user.uid}` : ''}
              </option>
            ))}
          </select>
        </>
      )}
      {current && (
        <div class="page-slot" data-testid="page-user">
          {current.user ? (
            <div class="panel-user">
              <Avatar uid={current.user.uid} name={current.user.name} avatar={current.user.avatar} size="large" />
              <div class="user-main">
                <strong class="user-name">{current.user.name}</strong>
                <span class="user-uid">{current.user.uid}</span>
                {current.user.authToken && <code aria-label="Page token (masked)">{maskSecret(current.user.authToken)}</code>}
              </div>
            </div>
          ) : (
            <p>No user logged in on the page.</p>
          )}
          <dl class="user-fields">
            <div>
              <dt>App ID</dt>
              <dd>{current.appId}</dd>
            </div>
            <div>
              <dt>Storage</dt>
              <dd>{current.storage}</dd>
            </div>
            <div>
              <dt>Client API</dt>
              <dd>{current.hosts.client ?? '—'}</dd>
            </div>
            <div>
              <dt>Admin API</dt>
              <dd>{current.hosts.admin ?? '—'}</dd>
            </div>
          </dl>
        </div>
      )}
      {appMismatch && (
        <p class="warning" role="note">
          The page uses app {current!.appId}, but the extension is set up for {snapshot.profile!.appId}: tokens from the extension will not work
          there.
        </p>
      )}
      <ErrorNotice error={error} onDismiss={clearError} />
      {status && (
        <p class="success" role="status">
          {status}
        </p>
      )}
      {slot && inspection && (
        <div class="page-actions">
          <h3>Switch the page to</h3>
          <div class="page-test-users">
            {TEST_USERS.map((user) => (
              <button
                key={user.uid}
                type="button"
                class="secondary"
                disabled={busy !== null}
                aria-label={`Switch the page to ${user.name} (${user.uid})`}
                onClick={() => switchTo({ uid: user.uid })}
              >
                {user.name.split(' ')[0]}
              </button>
            ))}
          </div>
          {snapshot.sessions.length > 0 && (
            <div class="page-held">
              {snapshot.sessions.map((session) => (
                <button
                  key={session.uid}
                  type="button"
                  class="secondary"
                  disabled={busy !== null}
                  title={`Switch the page to the session the extension holds for ${session.uid}`}
                  onClick={() => switchTo({ heldUid: session.uid })}
                >
                  Held session: {session.user.name}
                </button>
              ))}
            </div>
          )}
          <FieldForm
            id="page-token"
            label="Page auth token"
            placeholder="paste an auth token"
            submitLabel="Switch page"
            secret
            busy={busy !== null}
            onSubmit={(authToken) => switchTo({ authToken })}
          />
          <div class="page-logout">
            <button
              type="button"
              class="secondary"
              disabled={busy !== null || !current?.user}
              onClick={() =>
                act('logout', async () => {
                  const { tokenRevoked } = await switcher.logout(slot, { revokeToken: revoke && !appMismatch });
                  if (tokenRevoked === true) return 'The page is logged out and its token revoked.';
                  if (tokenRevoked === false) return 'The page is logged out. The server no longer knew its token: there was nothing to revoke.';
                  return 'The page is logged out.';
                })
              }
            >
              Log the page out
            </button>
            {/* Revoking goes to the active app's API hosts: for a page of another app it would go to the wrong server. */}
            <label class="inline" title={appMismatch ? "Only for a page of the extension's active app" : undefined}>
              <input
                type="checkbox"
                checked={revoke && !appMismatch}
                disabled={appMismatch}
                onChange={(event) => setRevoke(event.currentTarget.checked)}
              />{' '}
              also revoke its token
            </label>
            <button
              type="button"
              class="secondary"
              disabled={busy !== null || !current?.user?.authToken || appMismatch}
              onClick={() =>
                act('adopt', async () => {
                  const user = await client.request('loginWithAuthToken', { authToken: current!.user!.authToken! });
                  return `The extension now holds the page's session of ${user.name} (${user.uid}).`;
                })
              }
            >
              Adopt into the extension
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
