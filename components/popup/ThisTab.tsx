import { useMemo } from 'preact/hooks';
import { appPageTabOf, knownName, type AppTab } from '@/lib/app-tabs';
import type { Snapshot, TabState } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { useTabState } from '../shared/use-tab-state';
import { PageWriteQuestion, usePageWrite } from '../shared/PageWriteQuestion';
import { messageAround, t } from '../shared/i18n';
import { socketText } from '../shared/session-words';

/** The popup's tab as every view tells it, or null where no CometChat app runs there (see `appPageTabOf`). */
export function useThisTab(client: SessionClient, snapshot: Snapshot | null, tabId: number): { shown: AppTab; state: TabState | null } | null {
  const state = useTabState(client, tabId);
  return useMemo(() => {
    const shown = snapshot ? appPageTabOf(state ?? undefined, snapshot, tabId) : null;
    return shown ? { shown, state } : null;
  }, [state, snapshot, tabId]);
}

interface ThisTabProps {
  client: SessionClient;
  snapshot: Snapshot;
  tabId: number;
  tab: { shown: AppTab; state: TabState | null };
  busy: boolean;
  /** Runs an action of the popup; what it resolves to is said under the section. */
  act: (label: string, action: () => Promise<string>) => Promise<boolean>;
}

/**
 * "This tab", first in the popup when the tab runs a CometChat app on an allowed site (or the extension pinned it): who
 * the tab runs, pinned or shared, on which app, its socket, and what changes the tab. Told from the state the background
 * pushes, as the badge, the strip, the Tabs list and the page card tell it (`useThisTab`).
 */
export function ThisTab({ client, snapshot, tabId, tab: { shown, state }, busy, act }: ThisTabProps) {
  const { write, question } = usePageWrite();
  const { pin, runningUid, socket, ownSession } = shown;
  const origin = pin?.origin ?? state?.origin ?? undefined;
  const who = (uid: string, name = knownName(snapshot, uid)) => (name ? `${name} (${uid})` : uid);
  const active = snapshot.active;
  const appId = snapshot.profile?.appId;
  const isOtherApp = appId !== undefined && Boolean(state?.agent) && !state!.agent!.users.some((user) => user.appId === appId);

  const pinTo = () =>
    void act('pin', async () => {
      const outcome = await write((flags) => client.request('pinTab', { tabId, origin, target: { heldUid: active!.uid }, ...flags }));
      return outcome ? t('thisTabPinned', who(outcome.user.uid, outcome.user.name)) : '';
    });
  const unpin = () =>
    void act('unpin', async () => {
      const { tokenRevoked, keptOwnSession } = await client.request('unpinTab', { tabId, origin, revokeToken: true });
      if (keptOwnSession) return t('thisTabUnpinnedOwn');
      return tokenRevoked ? `${t('thisTabUnpinned')} ${t('thisTabTokenRevoked')}` : t('thisTabUnpinned');
    });
  const logOut = () =>
    void act('page-logout', async () => {
      await client.request('logoutPage', { tabId, origin, slot: { storage: ownSession ? 'sessionStorage' : 'localStorage', appId: appId! } });
      return t('thisTabLoggedOut');
    });

  return (
    <section class="card this-tab" aria-label={t('thisTabHeading')} data-testid="this-tab">
      <h2>{t('thisTabHeading')}</h2>
      <p class="this-tab-user" data-testid="this-tab-user">
        {pin ? (
          <Runs message="thisTabRunsPinned" who={who(pin.uid, pin.name)} />
        ) : runningUid ? (
          <Runs message={ownSession ? 'thisTabRunsOwn' : 'thisTabRunsShared'} who={who(runningUid)} />
        ) : (
          t('thisTabNobody')
        )}
      </p>
      <p class="muted">
        {origin}
        {socket ? ` · ${t('thisTabSocket', socketText(socket.state))}` : ''}
        {isOtherApp ? ` · ${t('thisTabOtherApp')}` : ''}
      </p>
      <PageWriteQuestion question={question} />
      <div class="this-tab-actions">
        {active && !isOtherApp && pin?.uid !== active.uid && (
          <button type="button" class="secondary" disabled={busy} onClick={pinTo}>
            {t(pin ? 'thisTabPinInstead' : 'thisTabPinTo', active.user.name)}
          </button>
        )}
        {pin && (
          <button type="button" class="secondary" disabled={busy} onClick={unpin}>
            {t('thisTabUnpin')}
          </button>
        )}
        {!pin && runningUid && !isOtherApp && (
          <button type="button" class="secondary" disabled={busy} onClick={logOut}>
            {t('thisTabLogPageOut')}
          </button>
        )}
      </div>
    </section>
  );
}

/** "Runs {who} · …": the user in bold, wherever the language puts it. */
function Runs({ message, who }: { message: 'thisTabRunsPinned' | 'thisTabRunsShared' | 'thisTabRunsOwn'; who: string }) {
  const [before, after] = messageAround(message);
  return (
    <>
      {before}
      <strong>{who}</strong>
      {after}
    </>
  );
}
