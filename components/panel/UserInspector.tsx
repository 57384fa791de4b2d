import { useState } from 'preact/hooks';
import { deadSessionText, tokenAgeText } from '../shared/session-words';
import type { SessionCheckReport, SessionSummary, Snapshot } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { Avatar } from '../shared/Avatar';
import { CopyButton } from '../shared/CopyButton';
import { ErrorNotice } from '../shared/ErrorNotice';
import { UserFields } from '../shared/UserFields';
import { useAction } from '../shared/use-session';
import { SecretField } from './SecretField';
import { plural, t } from '../shared/i18n';

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
    <section class="card inspector" aria-label={t('userInspectorHeading')} data-testid="current-user">
      <div class="section-head">
        <h2>{t('userInspectorHeading')}</h2>
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
                <span class="user-uid">{active.user.uid}</span>{' '}
                <CopyButton copy={() => copyText(active.user.uid)}>{t('userInspectorCopyUid')}</CopyButton>
              </span>
            </div>
          </div>
          <SecretField
            label={t('userInspectorToken')}
            masked={active.authTokenMasked}
            reveal={() => client.request('revealSecret', { uid: active.uid, secret: 'authToken' })}
          />
          {activeAge && (
            <p class="muted token-age" data-testid="token-age">
              {activeAge}
            </p>
          )}
          {active.hasJwt && (
            <SecretField
              label={t('userInspectorJwt')}
              masked="••••••••"
              reveal={() => client.request('revealSecret', { uid: active.uid, secret: 'jwt' })}
            />
          )}
          <UserFields user={active.user} />
          <details>
            <summary>{t('userInspectorRawJson')}</summary>
            <pre class="user-json" tabIndex={0} aria-label={t('userInspectorJsonLabel')}>
              {json}
            </pre>
            <CopyButton copy={() => copyText(json)}>{t('userInspectorCopyJson')}</CopyButton>
          </details>
        </>
      ) : (
        <p>{t('userInspectorNobody')}</p>
      )}
      <ErrorNotice error={error} onDismiss={clearError} />
      <div class="section-head">
        <h3>{t('userInspectorHeld', String(sessions.length))}</h3>
        {sessions.length > 0 && (
          <button type="button" class="secondary" disabled={busy !== null} onClick={check} title={t('userInspectorCheckTitle')}>
            {busy === 'check' ? t('userInspectorChecking') : t('userInspectorCheck')}
          </button>
        )}
      </div>
      {status && (
        <p class="notice" role="status">
          {status}
        </p>
      )}
      {sessions.length === 0 ? (
        <p class="muted">{t('userInspectorNone')}</p>
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
                  aria-label={t('userInspectorSwitchTo', session.user.name, session.uid)}
                  onClick={() => void run('switch', () => client.request('switchSession', { uid: session.uid }))}
                >
                  {t('userInspectorSwitch')}
                </button>
                <button
                  type="button"
                  class="link"
                  disabled={busy !== null}
                  aria-label={t('userInspectorForgetLabel', session.user.name, session.uid)}
                  onClick={() => setForgetting(session.uid)}
                >
                  {t('userInspectorForget')}
                </button>
              </div>
              {deadSessionText(session.health) && (
                <div class="dead-note" data-testid="dead-session">
                  <span class="dead-text">{deadSessionText(session.health)}</span>
                  {noAuthKey ? (
                    <span>{t('userInspectorNoAuthKey')}</span>
                  ) : (
                    <button
                      type="button"
                      class="secondary"
                      disabled={busy !== null}
                      aria-label={t('userInspectorLogInAgainLabel', session.user.name, session.uid)}
                      onClick={() => void run('again', () => client.request('login', { uid: session.uid, fresh: true }))}
                    >
                      {t('userInspectorLogInAgain')}
                    </button>
                  )}
                </div>
              )}
              {forgetting === session.uid && (
                <div class="forget-question" role="group" aria-label={t('userInspectorForgetQuestionLabel', session.user.name, session.uid)}>
                  <span>{t('userInspectorForgetQuestion')}</span>
                  <button type="button" class="secondary" disabled={busy !== null} onClick={() => forget(session, true)}>
                    {t('userInspectorForgetRevoke')}
                  </button>
                  <button type="button" class="secondary" disabled={busy !== null} onClick={() => forget(session, false)}>
                    {t('userInspectorForgetOnly')}
                  </button>
                  <button type="button" class="link" disabled={busy !== null} onClick={() => setForgetting(null)}>
                    {t('userInspectorCancel')}
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
  if (skipped) return t('userInspectorCheckedRecently');
  const dead = String(results.filter((result) => result.health?.state === 'dead').length);
  const error = results.find((result) => result.error)?.error;
  const checked = results.length;
  if (!error) return plural('userInspectorChecked', checked, String(checked), dead);
  const failed = String(results.filter((result) => result.error).length);
  return plural('userInspectorCheckedFailed', checked, String(checked), dead, failed, error.code);
}

/** What forgetting did on the server. */
function forgetText(session: SessionSummary, revoked: boolean | null): string {
  const { uid, user } = session;
  if (revoked === true) return t('userInspectorForgotRevoked', user.name, uid);
  if (revoked === false) return t('userInspectorForgotUnknownToken', user.name, uid);
  return t('userInspectorForgotKept', user.name, uid);
}
