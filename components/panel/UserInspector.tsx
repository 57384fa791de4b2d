import { useState } from 'preact/hooks';
import { EPOCH_SECONDS_FIELDS, formatEpochSeconds } from '@/lib/display';
import type { Snapshot } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { Avatar } from '../Avatar';
import { ErrorNotice } from '../ErrorNotice';
import { useAction } from '../use-session';
import { SecretField } from './SecretField';

/** The extension's session in full: every User field, raw JSON, secrets on demand, and every held session. */
export function UserInspector({ client, snapshot }: { client: SessionClient; snapshot: Snapshot }) {
  const { active, sessions, profile } = snapshot;
  const { busy, error, run, clearError } = useAction();
  const [copied, setCopied] = useState(false);
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
              <span class="user-uid">{active.user.uid}</span>
            </div>
          </div>
          <SecretField
            label="token"
            masked={active.authTokenMasked}
            reveal={() => client.request('revealSecret', { uid: active.uid, secret: 'authToken' })}
          />
          {active.hasJwt && (
            <SecretField label="jwt" masked="••••••••" reveal={() => client.request('revealSecret', { uid: active.uid, secret: 'jwt' })} />
          )}
          <dl class="user-fields">
            {Object.entries(active.user).map(([field, value]) => (
              <div key={field}>
                <dt>{field}</dt>
                <UserFieldValue field={field} value={value} />
              </div>
            ))}
          </dl>
          <details>
            <summary>Raw JSON</summary>
            <pre class="user-json" tabIndex={0} aria-label="User as JSON">
              {json}
            </pre>
            <button
              type="button"
              class="link"
              onClick={async () => {
                await navigator.clipboard.writeText(json);
                setCopied(true);
                setTimeout(() => setCopied(false), 1500);
              }}
            >
              {copied ? 'Copied' : 'Copy JSON'}
            </button>
          </details>
        </>
      ) : (
        <p>No user logged in.</p>
      )}
      <ErrorNotice error={error} onDismiss={clearError} />
      <h3>Sessions held ({sessions.length})</h3>
      {sessions.length === 0 ? (
        <p class="muted">None yet: log in from the popup, or adopt the page’s session.</p>
      ) : (
        <ul class="held-list">
          {sessions.map((session) => (
            <li key={session.uid} class={session.uid === active?.uid ? 'active' : ''}>
              <Avatar uid={session.uid} name={session.user.name} avatar={session.user.avatar} />
              <span class="held-name">
                {session.user.name} <span class="muted">{session.uid}</span>
              </span>
              <button
                type="button"
                class="secondary"
                disabled={busy !== null || session.uid === active?.uid}
                aria-label={`Switch to ${session.user.name} (${session.uid})`}
                onClick={() => run('switch', () => client.request('switchSession', { uid: session.uid }))}
              >
                Switch
              </button>
              <button
                type="button"
                class="link"
                disabled={busy !== null}
                aria-label={`Forget the session of ${session.user.name} (${session.uid})`}
                onClick={() => run('forget', () => client.request('forgetSession', { uid: session.uid }))}
              >
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One User field: epoch-second dates readable (the raw number on hover), objects as JSON, the rest as text. */
function UserFieldValue({ field, value }: { field: string; value: unknown }) {
  if (EPOCH_SECONDS_FIELDS.has(field) && typeof value === 'number') {
    return (
      <dd title={String(value)}>
        {value > 0 ? <time dateTime={new Date(value * 1000).toISOString()}>{formatEpochSeconds(value)}</time> : formatEpochSeconds(value)}
      </dd>
    );
  }
  return <dd>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</dd>;
}
