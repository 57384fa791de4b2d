import { useCallback, useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { SessionClient } from '@/lib/session-client';
import { ERROR_CODES } from '@/lib/cometchat/error-code-names';
import type { CometChatException } from '@/lib/cometchat/exception';
import { TEST_USERS } from '@/lib/test-users';
import { ErrorNotice } from '../shared/ErrorNotice';
import { LoginForms } from './LoginForms';
import { StorageProblem, useStorageError } from '../shared/StorageProblem';
import { TestUserGrid, useTestUserKeys } from './TestUserGrid';
import { AppBar } from './AppBar';
import { UserCard } from './UserCard';
import { useAction, useSnapshot } from '../shared/use-session';
import { DeadSessions } from './DeadSessions';
import { lazyView } from '../shared/lazy-view';
import type { PopupOptions, View } from './popup-types';
import { ApplyToTab } from './ApplyToTab';
import { ThisTab, useThisTab } from './ThisTab';
import { t } from '../shared/i18n';

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
  const { busy, error, failed, run, act, status, clearError } = useAction();
  const [view, setView] = useState<View>(allowOrigin ? { name: 'sites' } : { name: 'main' });
  // Known before the first render (the main view waits for the tab's query): set afterwards, it rendered the whole popup
  // again before its first paint.
  const [tabOrigin, setTabOrigin] = useState<string | null>(() => tab?.knownOrigin?.() ?? null);
  // The tab's id: -1 without one, undefined until known. The main view waits for it (a query started before the popup
  // rendered), so This tab is in its first paint. Awaited from layout effects, as the snapshot is (see useSnapshot).
  const [tabId, setTabId] = useState<number | undefined>(() => {
    const known = tab ? tab.knownId?.() : null;
    return known === undefined ? undefined : (known ?? -1);
  });
  useLayoutEffect(() => {
    if (tab && tab.knownOrigin?.() === undefined) void tab.origin().then(setTabOrigin, () => undefined);
  }, [tab]);
  useLayoutEffect(
    () =>
      void tab?.id().then(
        (id) => setTabId(id ?? -1),
        () => setTabId(-1),
      ),
    [tab],
  );
  const thisTab = useThisTab(client, snapshot, tabId ?? -1);

  // The background's login rule reuses a session held for the uid (no network) unless `fresh` is sent.
  // A test user the app lacks (ERR_UID_NOT_FOUND) is offered to be created, with the other four, in one click.
  const [missing, setMissing] = useState('');
  // The handlers of the parts rendered only when their props change (the test users' tiles, the login forms) are the
  // same functions on every render.
  const pick = useCallback(
    (uid: string) =>
      void run(uid, () =>
        client.request('login', { uid }).catch((thrown: CometChatException) => {
          setMissing(thrown.code === ERROR_CODES.ERR_UID_NOT_FOUND && TEST_USERS.some((user) => user.uid === uid) ? uid : '');
          throw thrown;
        }),
      ),
    [client, run],
  );
  const logInAsUid = useCallback(
    (uid: string, fresh: boolean) => run('uid-field', () => client.request('login', fresh ? { uid, fresh: true } : { uid })),
    [client, run],
  );
  const logInWithToken = useCallback(
    (authToken: string) => run('token-field', () => client.request('loginWithAuthToken', { authToken })),
    [client, run],
  );
  const createAndLogIn = useCallback(
    (uid: string) =>
      void run('uid-field', async () => {
        const known = TEST_USERS.find((user) => user.uid === uid);
        await client.request('createUser', known ? { uid, name: known.name, avatar: known.avatar } : { uid, name: uid });
        await client.request('login', { uid });
      }),
    [client, run],
  );
  useTestUserKeys(pick, Boolean(snapshot?.profile) && view.name === 'main' && busy === null);
  // Held sessions are checked with CometChat when the popup opens; the background lets it happen once a minute per app.
  const profileId = snapshot?.profile?.id;
  useEffect(() => {
    if (profileId) client.request('checkSessions', { throttled: true }).catch(() => undefined);
  }, [client, profileId]);

  if (!snapshot || tabId === undefined || storageError) {
    return storageError ? (
      <main class="popup">
        <StorageProblem client={client} error={storageError} />
      </main>
    ) : (
      <p class="connecting">{t('popupConnecting')}</p>
    );
  }

  const { profile, profiles, active, sessions } = snapshot;
  // A message belongs to the view it was shown in: changing views clears it.
  const show = (next: View) => {
    clearError();
    setView(next);
  };
  const back = () => show({ name: 'main' });
  // The UID and token logins' errors show under their fields; the rest above the test users.
  const byField = failed === 'uid-field' || failed === 'token-field';

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
        onAdd={() => show({ name: 'add' })}
        onEdit={(id) => show({ name: 'edit', id })}
        onClose={back}
      />
    );
  }
  if (!profile || view.name === 'add' || view.name === 'edit') {
    const editing = view.name === 'edit' ? (profiles.find((candidate) => candidate.id === view.id) ?? null) : null;
    // An edit started from the Apps list goes back there; adding from the list, or the first set-up, to the main view.
    const done = () => show(editing ? { name: 'apps' } : { name: 'main' });
    return (
      <SetupForm
        key={editing?.id ?? 'new'}
        current={editing}
        busy={busy !== null}
        error={error}
        onCancel={profile ? done : undefined}
        onSave={(input, { checkApiHost }) =>
          void run('save', () => client.request('saveProfile', { profile: input, checkApiHost })).then((ok) => ok && done())
        }
      />
    );
  }

  return (
    <main class="popup" aria-busy={busy !== null}>
      <AppBar
        client={client}
        profile={profile}
        profiles={profiles}
        run={run}
        onView={show}
        canSites={Boolean(siteAccess)}
        onTabs={tabOrigin && tabId >= 0 ? () => show({ name: 'tabs', tabId }) : undefined}
      />
      {thisTab && <ThisTab client={client} snapshot={snapshot} tabId={tabId} tab={thisTab} busy={busy !== null} act={act} />}
      {/* One place whether or not the tab runs an app: a question open in it survives the tab's page changing. */}
      {active && tab && tabOrigin && (
        <ApplyToTab tab={tab} active={active} busy={busy !== null} tabRunsIt={thisTab?.shown.runningUid === active.uid} run={run} />
      )}
      {thisTab && status && (
        <p class="success" role="status">
          {status}
        </p>
      )}
      {thisTab && <h2>{t('popupExtension')}</h2>}
      <UserCard
        active={active}
        busy={busy !== null}
        onLogout={() => void run('logout', () => client.request('logout', {}))}
        onCopyToken={(uid) =>
          run('copy', async () => navigator.clipboard.writeText(await client.request('revealSecret', { uid, secret: 'authToken' })))
        }
        onCopy={(text) => run('copy', () => navigator.clipboard.writeText(text))}
      />
      <ErrorNotice error={byField ? null : error} onDismiss={clearError} />
      {missing && !byField && error?.code === ERROR_CODES.ERR_UID_NOT_FOUND && (
        <button
          type="button"
          class="link"
          onClick={() => void run('test-users', () => client.request('createTestUsers', {}).then(() => setMissing('')))}
        >
          {t('popupCreateTestUsers')}
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
      <LoginForms
        busy={busy !== null}
        onUid={logInAsUid}
        onToken={logInWithToken}
        uidError={failed === 'uid-field' ? error : null}
        tokenError={failed === 'token-field' ? error : null}
        onDismissError={clearError}
        onCreate={profile.authKeyMasked ? createAndLogIn : undefined}
      />
    </main>
  );
}
