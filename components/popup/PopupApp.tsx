import { useEffect, useState } from 'preact/hooks';
import type { PageSwitchOutcome } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { ERROR_CODES } from '@/lib/cometchat/error-code-names';
import type { CometChatException } from '@/lib/cometchat/exception';
import { TEST_USERS } from '@/lib/test-users';
import { ErrorNotice } from '../shared/ErrorNotice';
import { FieldForm } from '../shared/FieldForm';
import { StorageProblem, useStorageError } from '../shared/StorageProblem';
import { TestUserGrid } from './TestUserGrid';
import { UserCard } from './UserCard';
import { useAction, useSnapshot } from '../shared/use-session';
import { DeadSessions } from './DeadSessions';
import { verificationText } from '@/lib/display';
import { lazyView } from './lazy-view';
import { PageWriteQuestion, usePageWrite, type PageWriteFlags } from '../shared/PageWriteQuestion';
import type { SiteAccess } from './SitesView';

type View =
  | { name: 'main' }
  | { name: 'add' }
  | { name: 'edit'; id: string }
  | { name: 'apps' }
  | { name: 'sites' }
  | { name: 'users' }
  | { name: 'tabs'; tabId: number };

/** The tab the popup was opened on, as far as the popup may know it. */
export interface PopupTab {
  /** Switches the tab's page to a held session (the background mints the page a token of its own). */
  apply(heldUid: string, flags: PageWriteFlags): Promise<PageSwitchOutcome>;
  /** The tab's origin, where it is a web page the popup may see (`activeTab`); else null. */
  origin(): Promise<string | null>;
  /** The tab's id, for the Tabs view (which tab runs which user, pinning). */
  id(): Promise<number | null>;
}

/** What the popup is opened for: its normal views, or (from the devtools panel in Firefox) one site to allow. */
export interface PopupOptions {
  tab?: PopupTab;
  siteAccess?: SiteAccess;
  /** Opened to allow this origin's site: the Allowed sites view comes first. */
  allowOrigin?: string | null;
}

/** Keys 1–5 pick a test user, unless the tester is typing in a field. */
function useTestUserKeys(onPick: (uid: string) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.altKey || event.ctrlKey || event.metaKey || target?.closest('input, select, textarea')) return;
      const user = TEST_USERS[Number(event.key) - 1];
      if (user && /^[1-5]$/.test(event.key)) {
        event.preventDefault();
        onPick(user.uid);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onPick, enabled]);
}

// Loaded the first time they are shown; the form is for the first run and for adding or editing an app.
const ProfilesView = lazyView(async () => (await import('./ProfilesView')).ProfilesView);
const SitesView = lazyView(async () => (await import('./SitesView')).SitesView);
const DirectoryView = lazyView(async () => (await import('../shared/DirectoryView')).DirectoryView);
const AppTabsView = lazyView(async () => (await import('../shared/AppTabsView')).AppTabsView);
const SetupForm = lazyView(async () => (await import('./SetupForm')).SetupForm);

/** The toolbar popup: app setup on first run, then the current user and every way to switch it. */
export function PopupApp({ client, tab, siteAccess, allowOrigin = null }: { client: SessionClient } & PopupOptions) {
  const snapshot = useSnapshot(client);
  const storageError = useStorageError(client);
  const { busy, error, run, clearError } = useAction();
  const [view, setView] = useState<View>(allowOrigin ? { name: 'sites' } : { name: 'main' });
  const [status, setStatus] = useState('');
  const [tabOrigin, setTabOrigin] = useState<string | null>(null);
  const { write, question } = usePageWrite();
  useEffect(() => void tab?.origin().then(setTabOrigin, () => undefined), [tab]);

  const [fresh, setFresh] = useState(false);
  // The background's login rule reuses a session held for the uid (no network) unless `fresh` is sent.
  // A test user the app lacks (ERR_UID_NOT_FOUND) is offered to be created, with the other four, in one click.
  const [missing, setMissing] = useState('');
  const pick = (uid: string) =>
    void run(uid, () =>
      client.request('login', { uid }).catch((thrown: CometChatException) => {
        setMissing(thrown.code === ERROR_CODES.ERR_UID_NOT_FOUND && TEST_USERS.some((user) => user.uid === uid) ? uid : '');
        throw thrown;
      }),
    );
  useTestUserKeys(pick, Boolean(snapshot?.profile) && view.name === 'main' && busy === null);
  // Held sessions are checked with CometChat when the popup opens; the background lets it happen once a minute per app.
  const profileId = snapshot?.profile?.id;
  useEffect(() => {
    if (profileId) client.request('checkSessions', { throttled: true }).catch(() => undefined);
  }, [client, profileId]);

  if (!snapshot || storageError) {
    return storageError ? (
      <main class="popup">
        <StorageProblem client={client} error={storageError} />
      </main>
    ) : (
      <p class="connecting">Connecting to the extension…</p>
    );
  }

  const { profile, profiles, active, sessions } = snapshot;
  const back = () => {
    clearError();
    setView({ name: 'main' });
  };

  if (view.name === 'sites' && siteAccess) {
    return <SitesView client={client} access={siteAccess} offer={allowOrigin ?? tabOrigin} onClose={allowOrigin ? undefined : back} />;
  }
  if (view.name === 'tabs' && snapshot.profile) {
    return (
      <main class="popup">
        <AppTabsView client={client} snapshot={snapshot} tabId={view.tabId} onClose={back} />
      </main>
    );
  }
  if (view.name === 'users' && snapshot.profile) {
    return (
      <main class="popup">
        <DirectoryView client={client} snapshot={snapshot} onClose={back} />
      </main>
    );
  }
  if (view.name === 'apps') {
    return (
      <ProfilesView
        client={client}
        snapshot={snapshot}
        onAdd={() => setView({ name: 'add' })}
        onEdit={(id) => setView({ name: 'edit', id })}
        onClose={back}
      />
    );
  }
  if (!profile || view.name === 'add' || view.name === 'edit') {
    const editing = view.name === 'edit' ? (profiles.find((candidate) => candidate.id === view.id) ?? null) : null;
    // An edit started from the Apps list goes back there; adding from the list, or the first set-up, to the main view.
    const done = () => {
      clearError();
      setView(editing ? { name: 'apps' } : { name: 'main' });
    };
    return (
      <SetupForm
        key={editing?.id ?? 'new'}
        current={editing}
        busy={busy !== null}
        error={error}
        onCancel={profile ? done : undefined}
        onSave={(input) => void run('save', () => client.request('saveProfile', { profile: input })).then((ok) => ok && done())}
      />
    );
  }

  return (
    <main class="popup" aria-busy={busy !== null}>
      <header class="app-bar">
        <div class="app-id">
          {profiles.length > 1 ? (
            <select
              aria-label="App"
              class="app-select"
              value={profile.id}
              onChange={(event) => void run('use', () => client.request('activateProfile', { id: event.currentTarget.value }))}
            >
              {profiles.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.label}
                </option>
              ))}
            </select>
          ) : (
            <span class="app-label">{profile.label}</span>
          )}
          <span class="app-meta">
            {profile.appId} · {profile.region}
            {profile.apiHost ? ` · ${profile.apiHost}` : ''}
          </span>
        </div>
        <div class="app-links">
          <button type="button" class="link" onClick={() => setView({ name: 'users' })}>
            Users
          </button>
          {siteAccess && (
            <button type="button" class="link" onClick={() => setView({ name: 'sites' })}>
              Sites
            </button>
          )}
          {tabOrigin && (
            <button type="button" class="link" onClick={() => void tab?.id().then((tabId) => tabId !== null && setView({ name: 'tabs', tabId }))}>
              Tabs
            </button>
          )}
          <button type="button" class="link" onClick={() => setView({ name: 'apps' })}>
            Apps
          </button>
        </div>
      </header>
      <UserCard
        active={active}
        busy={busy !== null}
        onLogout={() => void run('logout', () => client.request('logout', {}))}
        onCopyToken={(uid) =>
          run('copy', async () => navigator.clipboard.writeText(await client.request('revealSecret', { uid, secret: 'authToken' })))
        }
      />
      {active && tab && (
        <button
          type="button"
          class="secondary wide"
          disabled={busy !== null}
          onClick={() =>
            void run('apply', async () => {
              setStatus('');
              const outcome = await write((flags) => tab.apply(active.uid, flags));
              if (!outcome) return;
              const { user, verifiedBy, origin } = outcome;
              setStatus(`This tab's page (${origin}) is now logged in as ${user.name} (${user.uid}). ${verificationText(verifiedBy)}`);
            })
          }
        >
          Apply {active.user.name} to this tab
        </button>
      )}
      <PageWriteQuestion question={question} />
      {status && (
        <p class="success" role="status">
          {status}
        </p>
      )}
      <ErrorNotice error={error} onDismiss={clearError} />
      {missing && error?.code === ERROR_CODES.ERR_UID_NOT_FOUND && (
        <button
          type="button"
          class="link"
          onClick={() => void run('test-users', () => client.request('createTestUsers', {}).then(() => setMissing('')))}
        >
          Create the five test users
        </button>
      )}
      <StorageProblem client={client} unreadable={snapshot.unreadableRecords} />
      <TestUserGrid activeUid={active?.uid} held={sessions} busy={busy !== null} noAuthKey={!profile.authKeyMasked} onPick={pick} />
      <DeadSessions
        sessions={sessions}
        busy={busy !== null}
        noAuthKey={!profile.authKeyMasked}
        onLogInAgain={(uid) => void run(uid, () => client.request('login', { uid, fresh: true }))}
      />
      <FieldForm
        id="uid-login"
        label="UID"
        placeholder="any uid, e.g. superhero7"
        submitLabel="Log in"
        busy={busy !== null}
        options={
          <label class="inline fresh-option" title="A new token even if this uid is held">
            <input type="checkbox" checked={fresh} onChange={(event) => setFresh(event.currentTarget.checked)} />
            fresh session
          </label>
        }
        onSubmit={(uid) => run('uid', () => client.request('login', fresh ? { uid, fresh: true } : { uid }))}
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
      <p class="hint">Auth Keys are for development only. Keys 1–5 pick a test user.</p>
    </main>
  );
}
