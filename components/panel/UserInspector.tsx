import { useState } from 'preact/hooks';
import { deadSessionText, pluralize, tokenAgeText } from '@/lib/display';
import type { SessionCheckReport, SessionSummary, Snapshot } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { Avatar } from '../shared/Avatar';
import { CopyButton } from '../shared/CopyButton';
import { ErrorNotice } from '../shared/ErrorNotice';
import { UserFields } from '../shared/UserFields';
import { useAction } from '../shared/use-session';
import { SecretField } from './SecretField';

/** The extension's session in full: every User field, raw JSON, secrets on demand, and every held session. */
export function UserInspector({ client, snapshot }: { client: SessionClient; snapshot: Snapshot }) {
  const { active, sessions, profile } = snapshot;
  const { busy, error, run, clearError } = useAction();
  const [status, setStatus] = useState('');
  const [forgetting, setForgetting] = useState<string | null>(null);
  const noAuthKey = !profile?.authKeyMasked;
  const check = () =>
    void run('check', async () => {
      setStatus('');
      setStatus(checkText(await client.request('checkSessions', {})));
    });
  const forget = (session: SessionSummary, revoke: boolean) =>
    void run('forget', async () => {
      setStatus('');
      const { revoked } = await client.request('forgetSession', revoke ? { uid: session.uid, revoke: true } : { uid: session.uid });
      setForgetting(null);
      setStatus(forgetText(session, revoked));
    });
  // Through `run`: a clipboard the browser refuses shows as an error instead of nothing.
  const copyText = (text: string) => run('copy', () => navigator.clipboard.writeText(text));
  const activeAge = active ? tokenAgeText(active.tokenCreatedAt) : null;
  const json = active ? JSON.stringify(active.user, null, 2) : '';

  return (
    <section class="card inspector" aria-label="Extension session" data-testid="current-user">
      <div class="section-head">
        <h2>Extension session</h2>
        {profile && (
          <span class="muted">
            {profile.appId} · {profile.region}
          </span>
        )}
      </div>
      {active ? (
        <>
          <div class="panel-user">
            <Avatar uid={active.user.uid} name={active.user.name} avatar={active.user.avatar} size="large" />
            <div class="user-main">
              <strong class="user-name">{active.user.name}</strong>
              <span class="user-uid-row">
                <span class="user-uid">{active.user.uid}</span> <CopyButton copy={() => copyText(active.user.uid)}>Copy uid</CopyButton>
              </span>
            </div>
          </div>
          <SecretField
            label="token"
            masked={active.authTokenMasked}
            reveal={() => client.request('revealSecret', { uid: active.uid, secret: 'authToken' })}
          />
          {activeAge && (
            <p class="muted token-age" data-testid="token-age">
              {activeAge}
            </p>
          )}
          {active.hasJwt && (
            <SecretField label="jwt" masked="••••••••" reveal={() => client.request('revealSecret', { uid: active.uid, secret: 'jwt' })} />
          )}
          <UserFields user={active.user} />
          <details>
            <summary>Raw JSON</summary>
            <pre class="user-json" tabIndex={0} aria-label="User as JSON">
              {json}
            </pre>
            <CopyButton copy={() => copyText(json)}>Copy JSON</CopyButton>
          </details>
        </>
      ) : (
        <p>No user logged in.</p>
      )}
      <ErrorNotice error={error} onDismiss={clearError} />
      <div class="section-head">
        <h3>Sessions held ({sessions.length})</h3>
        {sessions.length > 0 && (
          <button
            type="button"
            class="secondary"
            disabled={busy !== null}
            onClick={check}
            title="Ask CometChat (GET me) whether each held token still works"
          >
            {busy === 'check' ? 'Checking…' : 'Check'}
          </button>
        )}
      </div>
      {status && (
        <p class="notice" role="status">
          {status}
        </p>
      )}
      {sessions.length === 0 ? (
        <p class="muted">None yet: log in from the popup, or use the page’s session in the extension (Page session).</p>
      ) : (
        <ul class="held-list">
          {sessions.map((session) => (
            <li
              key={session.uid}
              class={`${session.uid === active?.uid ? 'active' : ''}${session.health?.state === 'dead' ? ' dead' : ''}`}
              data-uid={session.uid}
            >
              <div class="held-row">
                <Avatar uid={session.uid} name={session.user.name} avatar={session.user.avatar} />
                <span class="held-name" title={tokenAgeText(session.tokenCreatedAt) ?? undefined}>
                  {session.user.name} <span class="muted">{session.uid}</span>
                </span>
                <button
                  type="button"
                  class="secondary"
                  disabled={busy !== null || session.uid === active?.uid}
                  aria-label={`Switch to ${session.user.name} (${session.uid})`}
                  onClick={() => void run('switch', () => client.request('switchSession', { uid: session.uid }))}
                >
                  Switch
                </button>
                <button
                  type="button"
                  class="link"
                  disabled={busy !== null}
                  aria-label={`Forget the session of ${session.user.name} (${session.uid})`}
                  onClick={() => setForgetting(session.uid)}
                >
                  Forget
                </button>
              </div>
              {deadSessionText(session.health) && (
                <div class="dead-note" data-testid="dead-session">
                  <span class="dead-text">{deadSessionText(session.health)}</span>
                  {noAuthKey ? (
                    <span>A new token is needed: this app has no Auth Key to log in again.</span>
                  ) : (
                    <button
                      type="button"
                      class="secondary"
                      disabled={busy !== null}
                      aria-label={`Log in again as ${session.user.name} (${session.uid})`}
                      onClick={() => void run('again', () => client.request('login', { uid: session.uid, fresh: true }))}
                    >
                      Log in again
                    </button>
                  )}
                </div>
              )}
              {forgetting === session.uid && (
                <div class="forget-question" role="group" aria-label={`Forget ${session.user.name} (${session.uid})`}>
                  <span>Also revoke its token on the server (DELETE me)?</span>
                  <button type="button" class="secondary" disabled={busy !== null} onClick={() => forget(session, true)}>
                    Forget and revoke
                  </button>
                  <button type="button" class="secondary" disabled={busy !== null} onClick={() => forget(session, false)}>
                    Forget only
                  </button>
                  <button type="button" class="link" disabled={busy !== null} onClick={() => setForgetting(null)}>
                    Cancel
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What a check found, in one line. */
function checkText({ skipped, results }: SessionCheckReport): string {
  if (skipped) return 'Checked less than a minute ago.';
  const dead = results.filter((result) => result.health?.state === 'dead').length;
  const error = results.find((result) => result.error)?.error;
  const failed = error ? `, ${results.filter((result) => result.error).length} could not be checked (${error.code})` : '';
  return `Checked ${pluralize(results.length, 'session')}: ${dead} dead${failed}.`;
}

/** What forgetting did on the server. */
function forgetText(session: SessionSummary, revoked: boolean | null): string {
  const who = `${session.user.name} (${session.uid})`;
  if (revoked === true) return `Forgot ${who}; the server revoked its token.`;
  if (revoked === false) return `Forgot ${who}; the server no longer knew its token.`;
  return `Forgot ${who}; its token stays valid on the server.`;
}
