import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { NEW_USER_LIMITS, type DirectoryPage, type NewUserInput, type PageSwitchOutcome, type Snapshot } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { newUserFieldErrors, newUserProblemText, newUserProblems, type NewUserProblems } from '@/lib/new-user-errors';
import { testUsersMissingFrom } from '@/lib/test-users';
import { DirectoryUserRow } from './DirectoryUserRow';
import { ErrorNotice } from './ErrorNotice';
import { PageWriteQuestion, usePageWrite, type PageWriteFlags } from './PageWriteQuestion';
import { useAction } from './use-session';
import { plural, t } from './i18n';
import { verificationText } from './session-words';
import './directory.css';
import './visually-hidden.css';

interface DirectoryViewProps {
  client: SessionClient;
  snapshot: Snapshot;
  /** The panel's: switches the inspected page to a user (the background mints the page a token of its own). */
  switchPage?: (uid: string, flags: PageWriteFlags) => Promise<PageSwitchOutcome>;
  onClose?: () => void;
}

const EMPTY_USER: NewUserInput = { uid: '', name: '', avatar: '', role: '' };

/**
 * The app's users, through CometChat's client API with a held session's token (`GET users`, paged as the SDK's
 * UsersRequestBuilder asks): search, log in as any of them, switch the page to them (panel), create a user with the
 * Auth Key, or create the five test users the app lacks.
 */
export function DirectoryView({ client, snapshot, switchPage, onClose }: DirectoryViewProps) {
  const { busy, error, run, clearError } = useAction();
  // The listing has its own state: a refresh (a search, a page, a session changed elsewhere) neither disables the
  // tester's buttons nor clears the error of what they did.
  const { busy: listing, error: listError, run: runList, clearError: clearListError } = useAction();
  const { write, question } = usePageWrite();
  const [search, setSearch] = useState('');
  const [page, setPage] = useState<DirectoryPage | null>(null);
  const [status, setStatus] = useState('');
  const [draft, setDraft] = useState<NewUserInput>(EMPTY_USER);
  const [creating, setCreating] = useState(false);
  // What the form's own check found in the last user it was asked to create; null when it found nothing.
  const [problems, setProblems] = useState<NewUserProblems | null>(null);
  // The test users the app lacks, from the last listing of the whole app; null while no listing could tell.
  const [missingTestUsers, setMissingTestUsers] = useState<string[] | null>(null);
  // (Named `…Ref`: the hooks rules do not know Preact's `useRef`, but they know a ref by that name.)
  const latestRef = useRef('');
  const hasAuthKey = Boolean(snapshot.profile?.authKeyMasked);

  const load = useCallback(
    (query: string, number = 1) =>
      runList('list', async () => {
        latestRef.current = query;
        const answer = await client.request('listUsers', { search: query, page: number });
        // An answer to a search the tester has typed past is dropped.
        if (answer.search.trim() === latestRef.current.trim()) setPage(answer);
        const missing = testUsersMissingFrom(answer);
        if (missing) setMissingTestUsers(missing);
      }),
    [client, runList],
  );
  // Searches as the tester types, a quarter second after the last key.
  useEffect(() => {
    const timer = setTimeout(() => void load(search), 250);
    return () => clearTimeout(timer);
  }, [load, search, snapshot.active?.uid, snapshot.profile?.id]);

  // The form's own check, else a create error that names a field, is shown by that field only, as a sentence; any
  // other error in the notice.
  const fieldErrors = (problems && newUserProblemText(problems, t)) || (creating && newUserFieldErrors(error)) || null;
  const field = (name: keyof NewUserInput, label: string, optional = false) => (
    <>
      <label for={`new-user-${name}`}>{optional ? t('directoryFieldOptional', label) : label}</label>
      <input
        id={`new-user-${name}`}
        value={draft[name] ?? ''}
        maxLength={NEW_USER_LIMITS[name]}
        autocomplete="off"
        spellcheck={false}
        aria-invalid={fieldErrors?.[name] ? true : undefined}
        aria-describedby={fieldErrors?.[name] ? `new-user-${name}-error` : undefined}
        onInput={(event) => {
          const { value } = event.currentTarget;
          // From the draft as it is now: two fields filled in one task (autofill, a quick paste) both count.
          setDraft((current) => ({ ...current, [name]: value }));
        }}
      />
      {fieldErrors?.[name] && (
        <span class="field-error" id={`new-user-${name}-error`} role="alert">
          {fieldErrors[name]}
        </span>
      )}
    </>
  );

  return (
    <section class="card directory" aria-label={t('directoryLabel')} data-testid="directory">
      <div class="section-head">
        <h2>{t('directoryHeading')}</h2>
        {onClose && (
          <button type="button" class="link" onClick={onClose}>
            {t('directoryDone')}
          </button>
        )}
      </div>
      {/* Searches as the tester types; Enter searches at once. */}
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          // What the field shows now, even if its last keystroke has not reached the state yet.
          const typed = event.currentTarget.querySelector('input')!.value;
          setSearch(typed);
          void load(typed);
        }}
      >
        <label for="directory-search" class="sr-only">
          {t('directorySearchLabel')}
        </label>
        <input
          id="directory-search"
          type="search"
          placeholder={t('directorySearch')}
          value={search}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
      </form>
      {status && (
        <p class="success" role="status">
          {status}
        </p>
      )}
      <PageWriteQuestion question={question} />
      <ErrorNotice error={fieldErrors ? null : error} onDismiss={clearError} />
      <ErrorNotice error={listError} onDismiss={clearListError} />
      {page && (
        <>
          <p class="muted" data-testid="directory-count">
            {countText(page)}
            {page.totalPages > 1 ? ` · ${t('directoryPage', String(page.page), String(page.totalPages))}` : ''}
          </p>
          <ul class="directory-list">
            {page.users.map((user) => (
              <DirectoryUserRow
                key={user.uid}
                user={user}
                busy={busy !== null}
                canLogIn={hasAuthKey || snapshot.sessions.some((held) => held.uid === user.uid)}
                canSwitchPage={hasAuthKey}
                onLogIn={() =>
                  void run('login', async () => {
                    setStatus('');
                    const held = snapshot.sessions.some((session) => session.uid === user.uid);
                    const who = await client.request(held ? 'switchSession' : 'login', { uid: user.uid });
                    setStatus(t('directoryLoggedIn', who.name, who.uid));
                  })
                }
                onSwitchPage={
                  switchPage &&
                  (() =>
                    void run('page', async () => {
                      setStatus('');
                      const outcome = await write((flags) => switchPage(user.uid, flags), t('pageSessionSwitchTo', user.name, user.uid));
                      if (outcome) {
                        setStatus(t('pageSessionSwitched', outcome.user.name, outcome.user.uid, verificationText(outcome.verifiedBy)));
                      }
                    }))
                }
              />
            ))}
          </ul>
          {page.totalPages > 1 && (
            <div class="actions">
              <button type="button" class="secondary" disabled={listing !== null || page.page <= 1} onClick={() => void load(search, page.page - 1)}>
                {t('directoryPrevious')}
              </button>
              <button
                type="button"
                class="secondary"
                disabled={listing !== null || page.page >= page.totalPages}
                onClick={() => void load(search, page.page + 1)}
              >
                {t('directoryNext')}
              </button>
            </div>
          )}
        </>
      )}
      <details class="directory-create">
        <summary>{t('directoryCreate')}</summary>
        {!hasAuthKey && <p class="hint">{t('directoryCreateNeedsKey')}</p>}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setCreating(true);
            setStatus('');
            const input = {
              uid: draft.uid,
              name: draft.name,
              ...(draft.avatar ? { avatar: draft.avatar } : {}),
              ...(draft.role ? { role: draft.role } : {}),
            };
            // Checked here first, so the tester reads what is wrong in their words; the background checks again.
            const found = newUserProblems(input);
            setProblems(found);
            if (found) return;
            void run('create', async () => {
              const user = await client.request('createUser', input);
              setDraft(EMPTY_USER);
              setCreating(false);
              setStatus(t('directoryCreated', user.name, user.uid));
              setSearch(user.uid);
            });
          }}
        >
          {field('uid', t('directoryFieldUid'))}
          {field('name', t('directoryFieldName'))}
          {field('avatar', t('directoryFieldAvatar'), true)}
          {field('role', t('directoryFieldRole'), true)}
          <button type="submit" disabled={busy !== null || !hasAuthKey}>
            {t('directoryCreateSubmit')}
          </button>
        </form>
      </details>
      {/* Offered unless a listing of the whole app showed all five. */}
      {missingTestUsers?.length !== 0 && (
        <p class="directory-test-users">
          <button
            type="button"
            class="link"
            disabled={busy !== null || !hasAuthKey}
            onClick={() =>
              void run('test-users', async () => {
                setStatus('');
                const { created, existing } = await client.request('createTestUsers', {});
                setStatus(created.length ? t('directoryTestUsersCreated', created.join(', '), String(existing.length)) : t('directoryTestUsersAll'));
                setMissingTestUsers([]);
                void load(search);
              })
            }
          >
            {t('directoryCreateTestUsers')}
          </button>
          {missingTestUsers && <span class="hint"> {t('directoryTestUsersMissing', missingTestUsers.join(', '))}</span>}
        </p>
      )}
    </section>
  );
}

/** "12 users", or "3 users matching “nan”" after a search. */
function countText({ total, search }: DirectoryPage): string {
  if (search) return plural('directoryCountMatching', total, String(total), search);
  return plural('directoryCount', total, String(total));
}
