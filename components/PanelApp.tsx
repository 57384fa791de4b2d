import type { SessionClient } from '@/lib/session-client';
import { Avatar } from './Avatar';
import { EventList } from './EventList';
import { useSnapshot } from './use-session';

/** The devtools panel: the extension's current user and the live auth-event log. */
export function PanelApp({ client }: { client: SessionClient }) {
  const snapshot = useSnapshot(client);
  if (!snapshot) return <p class="connecting">Connecting to the extension…</p>;
  const { active, profile, events } = snapshot;
  return (
    <main class="panel">
      <section class="card" aria-label="Current user" data-testid="current-user">
        <h2>Extension session {profile && <span class="muted">· {profile.appId}</span>}</h2>
        {active ? (
          <div class="panel-user">
            <Avatar uid={active.user.uid} name={active.user.name} avatar={active.user.avatar} size="large" />
            <div class="user-main">
              <strong class="user-name">{active.user.name}</strong>
              <span class="user-uid">{active.user.uid}</span>
              <code aria-label="Auth token (masked)">{active.authTokenMasked}</code>
            </div>
            <pre class="user-json">{JSON.stringify(active.user, null, 2)}</pre>
          </div>
        ) : (
          <p>No user logged in.</p>
        )}
      </section>
      <section class="card" aria-label="Auth events">
        <h2>Auth events</h2>
        <EventList events={events} />
      </section>
    </main>
  );
}
