import { useState } from 'preact/hooks';
import type { SessionClient } from '@/lib/session-client';
import { ErrorNotice } from './ErrorNotice';
import { FieldForm } from './FieldForm';
import { SetupForm } from './SetupForm';
import { TestUserGrid } from './TestUserGrid';
import { UserCard } from './UserCard';
import { useAction, useSnapshot } from './use-session';

/** The toolbar popup: app setup on first run, then the current user and every way to switch it. */
export function PopupApp({ client }: { client: SessionClient }) {
  const snapshot = useSnapshot(client);
  const { busy, error, run, clearError } = useAction();
  const [editingApp, setEditingApp] = useState(false);

  if (!snapshot) return <p class="connecting">Connecting to the extension…</p>;

  const { profile, active, sessions } = snapshot;
  if (!profile || editingApp) {
    return (
      <SetupForm
        current={profile}
        busy={busy !== null}
        error={error}
        onCancel={profile ? () => setEditingApp(false) : undefined}
        onSave={(input) => run('save', () => client.request('saveProfile', { profile: input })).then((ok) => ok && setEditingApp(false))}
      />
    );
  }

  const pick = (uid: string) =>
    run(uid, () =>
      sessions.some((session) => session.uid === uid)
        ? client.request('switchSession', { uid })
        : client.request('login', { uid }),
    );

  return (
    <main class="popup" aria-busy={busy !== null}>
      <header class="app-bar">
        <div>
          <span class="app-label">{profile.label === profile.appId ? `App ${profile.appId}` : profile.label}</span>
          <span class="app-meta">
            {profile.label === profile.appId ? '' : `${profile.appId} · `}
            {profile.region}
            {profile.apiHost ? ` · ${profile.apiHost}` : ''}
          </span>
        </div>
        <button type="button" class="link" onClick={() => { clearError(); setEditingApp(true); }}>
          Change app
        </button>
      </header>
      <UserCard
        active={active}
        busy={busy !== null}
        onLogout={() => run('logout', () => client.request('logout', {}))}
        onCopyToken={async (uid) => navigator.clipboard.writeText(await client.request('revealSecret', { uid, secret: 'authToken' }))}
      />
      <ErrorNotice error={error} onDismiss={clearError} />
      <TestUserGrid activeUid={active?.uid} held={sessions} busy={busy !== null} onPick={pick} />
      <FieldForm
        id="uid-login"
        label="UID"
        placeholder="any uid, e.g. superhero7"
        submitLabel="Log in"
        busy={busy !== null}
        onSubmit={(uid) => run('uid', () => client.request('login', { uid }))}
      />
      <FieldForm
        id="token-login"
        label="Auth Token"
        placeholder="paste an auth token"
        submitLabel="Log in with token"
        secret
        busy={busy !== null}
        onSubmit={(authToken) => run('token', () => client.request('loginWithAuthToken', { authToken }))}
      />
      <p class="hint">Auth Keys are for development only.</p>
    </main>
  );
}
