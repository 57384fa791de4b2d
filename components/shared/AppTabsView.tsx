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
import { messageAround, t } from './i18n';
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
  const pin = (request: 'pinTab' | 'openPinnedTab', said: 'appTabsPinned' | 'appTabsOpened') => () =>
    void act(request, async () => {
      const outcome = await write((flags) => client.request(request, { tabId, origin: tabs?.origin, target, ...flags }));
      return outcome ? t(said, outcome.user.name, outcome.user.uid) : '';
    });
  const pinThis = pin('pinTab', 'appTabsPinned');
  const openNew = pin('openPinnedTab', 'appTabsOpened');
  const unpin = (tab: AppTab) =>
    void act(`unpin-${tab.tabId}`, async () => {
      const { tokenRevoked, keptOwnSession } = await client.request('unpinTab', { tabId: tab.tabId, origin: tabs?.origin, revokeToken: true });
      if (keptOwnSession) return t('appTabsUnpinnedOwn');
      return t(tokenRevoked ? 'appTabsUnpinnedRevoked' : 'appTabsUnpinned');
    });
  const forget = (pin: PinnedTabSummary, revoke: boolean) =>
    void act(`forget-${pin.tabId}`, async () => {
      const { revoked } = await client.request('forgetClosedPin', { tabId: pin.tabId, pinnedAt: pin.pinnedAt, revoke });
      return revoke ? (revoked ? t('appTabsClosedRevoked', pin.uid) : t('appTabsClosedUnknownToken')) : t('appTabsTokenKept');
    });

  return (
    <section class="card app-tabs" aria-label={t('appTabsLabel')} data-testid="app-tabs">
      <div class="section-head">
        <h2>{t('appTabsHeading')}</h2>
        <span class="muted">{tabs?.origin}</span>
        {onClose && (
          <button type="button" class="link" onClick={onClose}>
            {t('appTabsDone')}
          </button>
        )}
      </div>
      {view.kind === 'notAllowed' && <p class="muted">{t('appTabsNotAllowed')}</p>}
      <ErrorNotice error={error} onDismiss={clearError} />
      <PageWriteQuestion question={question} />
      {tabs && (
        <ul class="tab-list" aria-label={t('appTabsList')}>
          {tabs.tabs.map((tab) => (
            <TabRow key={tab.tabId} tab={tab} busy={busy !== null} onUnpin={() => unpin(tab)} />
          ))}
        </ul>
      )}
      <div class="pin-controls">
        <label for="pin-user">{t('appTabsUser')}</label>
        <select id="pin-user" value={uid} onChange={(event) => setUid(event.currentTarget.value)}>
          {choices.map((choice) => (
            <option key={choice.uid} value={choice.uid}>
              {choice.name} ({choice.uid})
            </option>
          ))}
        </select>
        <button type="button" disabled={busy !== null || !tabs} onClick={pinThis}>
          {t('appTabsPinThis', name)}
        </button>
        <button type="button" class="secondary" disabled={busy !== null || !tabs} onClick={openNew}>
          {t('appTabsOpenNew', name)}
        </button>
      </div>
      <p class="muted small">{t('appTabsHint')}</p>
      {status && (
        <p class="status" role="status" data-testid="app-tabs-status">
          {status}
        </p>
      )}
      {tabs && tabs.closedPins.length > 0 && (
        <ul class="closed-pins" aria-label={t('appTabsClosedList')}>
          {tabs.closedPins.map((pin) => (
            <li key={`${pin.tabId}-${pin.pinnedAt}`}>
              <ClosedPin pin={pin} />
              {pin.canRevoke && (
                <button type="button" disabled={busy !== null} onClick={() => forget(pin, true)}>
                  {t('appTabsRevoke')}
                </button>
              )}
              <button type="button" class="secondary" disabled={busy !== null} onClick={() => forget(pin, false)}>
                {t('appTabsKeep')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TabRow({ tab, busy, onUnpin }: { tab: AppTab; busy: boolean; onUnpin: () => void }) {
  const user = tab.watched ? (tab.storedUid ?? t('appTabsNobody')) : t('appTabsNotKnown');
  return (
    <li data-testid="app-tab" data-tab-id={tab.tabId} data-stale={tab.stale} data-pinned={Boolean(tab.pin)}>
      <span class="tab-title">
        {tab.title || t('appTabsUntitled', String(tab.tabId))}
        {tab.isInspected && <span class="muted"> {t('appTabsThisTab')}</span>}
      </span>
      <span class="tab-user" data-testid="app-tab-user">
        {tab.pin
          ? t('appTabsUserPinned', user, tab.pin.uid)
          : t(tab.copiedPin ? 'appTabsUserCopied' : tab.ownSession ? 'appTabsUserOwn' : 'appTabsUserShared', user)}
      </span>
      {tab.pin && (
        <button type="button" class="link" disabled={busy} onClick={onUnpin}>
          {t('appTabsUnpin')}
        </button>
      )}
      {tab.stale && (
        <p class="warning" data-testid="app-tab-stale">
          {t('appTabsStale', tab.runningUid ?? t('appTabsNobody'), tab.storedUid ?? t('appTabsNobody'))}
        </p>
      )}
      {tab.copiedPin && <p class="warning">{t('appTabsCopied')}</p>}
      {!tab.watched && <p class="muted small">{t('appTabsNotWatched')}</p>}
    </li>
  );
}

/** "A tab pinned to {name} (uid) closed at …": the name in bold, wherever the language puts it. */
function ClosedPin({ pin }: { pin: PinnedTabSummary }) {
  const [before, after] = messageAround('appTabsClosedPin', pin.uid, formatTime(pin.closedAt ?? 0));
  return (
    <span>
      {before}
      <strong>{pin.name}</strong>
      {after}
    </span>
  );
}
