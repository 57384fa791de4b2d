import { useMemo, useState } from 'preact/hooks';
import { appTabsOf, type AppTab } from '@/lib/app-tabs';
import { formatTime } from '@/lib/display';
import type { PinnedTabSummary, Snapshot } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { TEST_USERS } from '@/lib/test-users';
import { ErrorNotice } from './ErrorNotice';
import { PageWriteQuestion, usePageWrite } from './PageWriteQuestion';
import { useAction } from './use-session';
import { useTabStates } from './use-tab-state';
import './app-tabs.css';

interface AppTabsViewProps {
  client: SessionClient;
  snapshot: Snapshot;
  /** The tab the view is about (the inspected tab, or the popup's). */
  tabId: number;
  onClose?: () => void;
}

/**
 * Which tab runs which user: the open tabs of the tab's origin, each with its user (pinned or the origin's shared
 * one), a warning for a tab whose SDK still runs an older user, pinning this tab or a new one to a user, and the
 * tokens of pinned tabs that have closed. Rendered from what the background pushes (each tab's state) and stores
 * (the pins): it asks for nothing.
 */
export function AppTabsView({ client, snapshot, tabId, onClose }: AppTabsViewProps) {
  const tabStates = useTabStates(client);
  const view = useMemo(() => appTabsOf(tabStates, snapshot, tabId), [tabStates, snapshot, tabId]);
  const tabs = view.kind === 'tabs' ? view : null;
  const [uid, setUid] = useState(TEST_USERS[1]!.uid);
  const { busy, error, act, status, clearError } = useAction();
  const { write, question } = usePageWrite();

  const choices = [
    ...TEST_USERS,
    ...snapshot.sessions.filter((session) => !TEST_USERS.some((user) => user.uid === session.uid)).map(({ uid, user }) => ({ uid, name: user.name })),
  ];
  const name = choices.find((choice) => choice.uid === uid)?.name ?? uid;
  const hasKey = Boolean(snapshot.profile?.authKeyMasked);
  const target = hasKey || !snapshot.sessions.some((session) => session.uid === uid) ? { uid } : { heldUid: uid };

  // This tab, or the same page in a new tab: one request each, with the same questions.
  const pin = (request: 'pinTab' | 'openPinnedTab', said: (who: string) => string) => () =>
    void act(request, async () => {
      const outcome = await write((flags) => client.request(request, { tabId, origin: tabs?.origin, target, ...flags }));
      return outcome ? said(`${outcome.user.name} (${outcome.user.uid})`) : '';
    });
  const pinThis = pin('pinTab', (who) => `This tab is pinned to ${who}.`);
  const openNew = pin('openPinnedTab', (who) => `Opened a new tab pinned to ${who}.`);
  const unpin = (tab: AppTab) =>
    void act(`unpin-${tab.tabId}`, async () => {
      const { tokenRevoked } = await client.request('unpinTab', { tabId: tab.tabId, origin: tabs?.origin, revokeToken: true });
      return `Tab unpinned: it runs the site's shared session again.${tokenRevoked ? ' Its token was revoked.' : ''}`;
    });
  const forget = (pin: PinnedTabSummary, revoke: boolean) =>
    void act(`forget-${pin.tabId}`, async () => {
      const { revoked } = await client.request('forgetClosedPin', { tabId: pin.tabId, pinnedAt: pin.pinnedAt, revoke });
      return revoke ? (revoked ? `The token of ${pin.uid}'s closed tab is revoked.` : 'CometChat no longer knew that token.') : 'Token kept.';
    });

  return (
    <section class="card app-tabs" aria-label="Tabs of this app" data-testid="app-tabs">
      <div class="section-head">
        <h2>Tabs</h2>
        <span class="muted">{tabs?.origin}</span>
        {onClose && (
          <button type="button" class="link" onClick={onClose}>
            Done
          </button>
        )}
      </div>
      {view.kind === 'notAllowed' && <p class="muted">Allow the extension on this site to see which tab runs which user, and to pin tabs.</p>}
      <ErrorNotice error={error} onDismiss={clearError} />
      <PageWriteQuestion question={question} />
      {tabs && (
        <ul class="tab-list" aria-label="Open tabs of this site">
          {tabs.tabs.map((tab) => (
            <TabRow key={tab.tabId} tab={tab} busy={busy !== null} onUnpin={() => unpin(tab)} />
          ))}
        </ul>
      )}
      <div class="pin-controls">
        <label for="pin-user">User</label>
        <select id="pin-user" value={uid} onChange={(event) => setUid(event.currentTarget.value)}>
          {choices.map((choice) => (
            <option key={choice.uid} value={choice.uid}>
              {choice.name} ({choice.uid})
            </option>
          ))}
        </select>
        <button type="button" disabled={busy !== null || !tabs} onClick={pinThis}>
          Pin this tab to {name}
        </button>
        <button type="button" class="secondary" disabled={busy !== null || !tabs} onClick={openNew}>
          Open as {name} in a new tab
        </button>
      </div>
      <p class="muted small">
        A pinned tab keeps its user in its own storage: two tabs of the app can be two users. It ignores the other tabs' logins.
      </p>
      {status && (
        <p class="status" role="status" data-testid="app-tabs-status">
          {status}
        </p>
      )}
      {tabs && tabs.closedPins.length > 0 && (
        <ul class="closed-pins" aria-label="Closed pinned tabs">
          {tabs.closedPins.map((pin) => (
            <li key={`${pin.tabId}-${pin.pinnedAt}`}>
              <span>
                A tab pinned to <strong>{pin.name}</strong> ({pin.uid}) closed at {formatTime(pin.closedAt ?? 0)}. Its token is still valid.
              </span>
              {pin.canRevoke && (
                <button type="button" disabled={busy !== null} onClick={() => forget(pin, true)}>
                  Revoke its token
                </button>
              )}
              <button type="button" class="secondary" disabled={busy !== null} onClick={() => forget(pin, false)}>
                Keep it
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TabRow({ tab, busy, onUnpin }: { tab: AppTab; busy: boolean; onUnpin: () => void }) {
  const user = tab.watched ? (tab.storedUid ?? 'nobody') : 'not known';
  return (
    <li data-testid="app-tab" data-tab-id={tab.tabId} data-stale={tab.stale} data-pinned={Boolean(tab.pin)}>
      <span class="tab-title">
        {tab.title || `Tab ${tab.tabId}`}
        {tab.isInspected && <span class="muted"> (this tab)</span>}
      </span>
      <span class="tab-user" data-testid="app-tab-user">
        {tab.pin ? `${user} (pinned to ${tab.pin.uid})` : tab.copiedPin ? `${user} (copy of a pinned tab)` : `${user} (shared)`}
      </span>
      {tab.pin && (
        <button type="button" class="link" disabled={busy} onClick={onUnpin}>
          Unpin
        </button>
      )}
      {tab.stale && (
        <p class="warning" data-testid="app-tab-stale">
          Still runs {tab.runningUid ?? 'nobody'}: the site's storage now says {tab.storedUid ?? 'nobody'}, and CometChat's SDK does not follow
          another tab's switch. Reload this tab to follow it.
        </p>
      )}
      {tab.copiedPin && <p class="warning">A copy of a pinned tab (duplicated or opened from it): it shares that tab's token.</p>}
      {!tab.watched && <p class="muted small">Not watched: reload this tab to see its user live and to pin it.</p>}
    </li>
  );
}
