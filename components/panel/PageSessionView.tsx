import { useState } from 'preact/hooks';
import type { PageSession, SessionSlot } from '@/lib/page/page-types';
import type { PageSessionTarget, Snapshot } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { grantableSite } from '@/lib/sites';
import { ErrorNotice } from '../shared/ErrorNotice';
import { FieldForm } from '../shared/FieldForm';
import { isAwaitingReload } from '@/lib/tab-watch';
import { ActionProgress } from '../shared/ActionProgress';
import { useTabFact } from '../shared/use-tab-state';
import { PageAccessNotice, PageReloadNotice, PageSlotCard, PageSwitchTargets } from './PageSessionParts';
import type { PageTools } from './page-tools';
import { PageWriteQuestion, usePageWrite } from '../shared/PageWriteQuestion';
import { useAction } from '../shared/use-session';
import { usePageInspection } from './use-page-inspection';
import { t } from '../shared/i18n';
import { verificationText } from '../shared/session-words';
import { stepMarks } from '@/lib/step-marks';

interface PageSessionViewProps {
  client: SessionClient;
  snapshot: Snapshot;
  page: PageTools;
}

/**
 * The inspected page's own CometChat session: what it stores, and verified switch, logout and adopt, which the
 * background carries out (they finish even if the panel closes) on sites the tester allowed.
 */
export function PageSessionView({ client, snapshot, page }: PageSessionViewProps) {
  const { inspection, access, error: readError, refresh } = usePageInspection(client, page.tabId, page.inspected);
  const { busy, error, act: runAct, status, clearStatus, clearError } = useAction();
  const { write, question } = usePageWrite();
  const awaitingReload = useTabFact(client, page.tabId, isAwaitingReload);
  // What the running action is doing, in words; hidden while a question waits for the tester's answer.
  const [doing, setDoing] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [revoke, setRevoke] = useState(false);
  // The user a switch's message names: it shows only while the page still runs them (an app that logs itself in as
  // someone else makes it stale).
  const [switchedUid, setSwitchedUid] = useState<string | null>(null);

  const sessions = inspection?.sessions ?? [];
  const withUserFirst = [...sessions].sort((a, b) => Number(Boolean(b.user)) - Number(Boolean(a.user)));
  const current: PageSession | undefined = withUserFirst[selected] ?? withUserFirst[0];
  const slot: SessionSlot | null = current ?? (snapshot.profile ? { storage: 'localStorage', appId: snapshot.profile.appId } : null);
  const appMismatch = Boolean(current && snapshot.profile && current.appId !== snapshot.profile.appId);
  const canWrite = access === true && busy === null;
  const where = { tabId: page.tabId, origin: inspection?.origin };
  // Access is offered for one http(s) host only: never for a pattern of many sites, whatever the origin says.
  const site = inspection ? grantableSite(inspection.origin) : null;

  // Every page action re-reads the page afterwards, whether it succeeded or not.
  const act = (label: string, action: () => Promise<string>, progress: string) => {
    setSwitchedUid(null);
    return runAct(
      label,
      async () => {
        setDoing(progress);
        try {
          return await action();
        } finally {
          setDoing(null);
        }
      },
      refresh,
    );
  };
  const isStale = switchedUid !== null && busy === null && current?.user?.uid !== switchedUid;
  // The active app's slot: the one shown if it is the app's, else the background finds (or asks to create) one. `user`
  // is the one the tester clicked, null for a pasted token: the question that may follow and the progress name them.
  const switchTo = (target: PageSessionTarget, user: { uid: string; name: string } | null) =>
    act(
      'switch',
      async () => {
        // The panel's side of the switch's trace (the background marks its steps): the reply's arrival.
        const mark = stepMarks('page-switch');
        const outcome = await write(
          (flags) => client.request('switchPage', { ...where, target, ...(current && !appMismatch ? { slot: current } : {}), ...flags }),
          user ? t('pageSessionSwitchTo', user.name, user.uid) : t('pageSessionSwitchToToken'),
        );
        mark('reply');
        if (!outcome) return '';
        setSwitchedUid(outcome.user.uid);
        return t('pageSessionSwitched', outcome.user.name, outcome.user.uid, verificationText(outcome.verifiedBy));
      },
      user ? t('pageSessionSwitchingTo', user.name, user.uid) : t('pageSessionSwitchingToToken'),
    );

  return (
    <section class="card page-session" aria-label={t('pageSessionHeading')} aria-busy={busy !== null} data-testid="page-session">
      <div class="section-head">
        <h2>{t('pageSessionHeading')}</h2>
        <span class="muted">{inspection?.origin}</span>
        <button type="button" class="link" onClick={() => void refresh()}>
          {t('pageSessionRefresh')}
        </button>
      </div>
      <ErrorNotice error={readError} />
      {access === false && inspection && <PageAccessNotice site={site} page={page} onAnswered={refresh} />}
      {access === true && site && awaitingReload && <PageReloadNotice site={site} onReload={() => page.inspected.reload()} />}
      {inspection && sessions.length === 0 && (
        <p class="notice" data-testid="page-state">
          {inspection.hasSdk ? t('pageSessionHasSdkNoSession') : t('pageSessionNoCometChat')}
        </p>
      )}
      {sessions.length > 1 && (
        <>
          <label for="page-slot">{t('pageSessionStoredApp')}</label>
          <select
            id="page-slot"
            value={selected}
            onChange={(event) => {
              setSelected(Number(event.currentTarget.value));
              clearStatus();
            }}
          >
            {withUserFirst.map((session, index) => (
              <option key={`${session.storage}:${session.appId}`} value={index}>
                {session.appId} ({session.storage}){session.user ? ` · ${session.user.uid}` : ''}
              </option>
            ))}
          </select>
        </>
      )}
      {current && <PageSlotCard session={current} />}
      {appMismatch && (
        <p class="warning" role="note">
          {t('pageSessionAppMismatch', current!.appId, snapshot.profile!.appId)}
        </p>
      )}
      <PageWriteQuestion question={question} />
      <ActionProgress doing={question ? null : doing} />
      <ErrorNotice error={error} onDismiss={clearError} />
      {status && !isStale && (
        <p class="success" role="status">
          {status}
        </p>
      )}
      {slot && inspection && (
        <div class="page-actions">
          <h3>{t('pageSessionSwitchHeading')}</h3>
          <PageSwitchTargets snapshot={snapshot} canWrite={canWrite} onSwitch={(target, user) => void switchTo(target, user)} />
          <FieldForm
            id="page-token"
            label={t('pageSessionTokenLabel')}
            placeholder={t('pageSessionTokenPlaceholder')}
            submitLabel={t('pageSessionTokenSubmit')}
            secret
            busy={!canWrite}
            onSubmit={(authToken) => switchTo({ authToken }, null)}
          />
          <div class="page-logout">
            <button
              type="button"
              class="secondary"
              disabled={!canWrite || !current?.user}
              onClick={() =>
                void act(
                  'logout',
                  async () => {
                    const { tokenRevoked } = await client.request('logoutPage', { ...where, slot, revokeToken: revoke && !appMismatch });
                    if (tokenRevoked === true) return t('pageSessionLoggedOutRevoked');
                    if (tokenRevoked === false) return t('pageSessionLoggedOutUnknownToken');
                    return t('pageSessionLoggedOut');
                  },
                  t('pageSessionLoggingOut'),
                )
              }
            >
              {t('pageSessionLogOut')}
            </button>
            {/* Revoking goes to the active app's API hosts: for a page of another app it would go to the wrong server. */}
            <label class="inline" title={appMismatch ? t('pageSessionRevokeOtherApp') : undefined}>
              <input
                type="checkbox"
                checked={revoke && !appMismatch}
                disabled={appMismatch}
                onChange={(event) => setRevoke(event.currentTarget.checked)}
              />{' '}
              {t('pageSessionAlsoRevoke')}
            </label>
            <button
              type="button"
              class="secondary"
              disabled={!canWrite || !current?.user || appMismatch}
              title={t('pageSessionAdoptTitle')}
              onClick={() =>
                void act(
                  'adopt',
                  async () => {
                    const user = await client.request('adoptPageSession', { ...where, slot });
                    return t('pageSessionAdopted', user.name, user.uid);
                  },
                  t('pageSessionAdopting'),
                )
              }
            >
              {t('pageSessionAdopt')}
            </button>
            <span class="hint page-adopt-hint">{t('pageSessionAdoptHint')}</span>
          </div>
        </div>
      )}
    </section>
  );
}
