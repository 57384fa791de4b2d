import { useCallback, useEffect, useState } from 'preact/hooks';
import './profiles.css';
import type { AllowedSite } from '@/lib/protocol';
import { grantableSite, sitePattern } from '@/lib/sites';
import type { SessionClient } from '@/lib/session-client';
import { isAwaitingReload } from '@/lib/tab-watch';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useTabStates } from '../shared/use-tab-state';
import { AddSiteForm } from './AddSiteForm';
import { useAction } from '../shared/use-session';
import { messageAround, t } from '../shared/i18n';

/** The browser's side of site access, which only an extension page may ask for (from a click). */
export interface SiteAccess {
  /**
   * Asks the browser for access to the sites `pattern` matches (one site's, as `sitePattern` builds it); must be called
   * in the click itself (no await before it).
   */
  request(pattern: string): Promise<boolean>;
  /** Reloads a tab, so that the page agent of a site just allowed starts in it. */
  reload(tabId: number): Promise<void>;
  /**
   * Calls `listener` whenever the extension's site access changes (here, in the browser's settings, or in another view);
   * returns the way to stop. The answer to `request` can come before the background sees the change: the list follows
   * this instead.
   */
  onChange?(listener: () => void): () => void;
}

interface SitesViewProps {
  client: SessionClient;
  access: SiteAccess;
  /** A site to offer at the top: the popup's tab, or the one the devtools panel sent the tester here for. */
  offer: string | null;
  onClose?: () => void;
}

/**
 * Allowed sites: where the extension may read and write a page's CometChat session, and which apps the tester
 * agreed to write into each origin. Each can be removed; access is asked for one site at a time.
 */
export function SitesView({ client, access, offer, onClose }: SitesViewProps) {
  const { busy, error, run, clearError } = useAction();
  // The first listing has its own state: while it loads, the tester's buttons stay usable (Enter in "Site to allow"
  // submitted nothing while its button was disabled) and a refusal they met is not cleared.
  const { error: listError, run: runList, clearError: clearListError } = useAction();
  const [sites, setSites] = useState<AllowedSite[] | null>(null);
  const [status, setStatus] = useState('');
  const listSites = useCallback(async () => setSites(await client.request('listAllowedSites', {})), [client]);
  useEffect(() => void runList('list', listSites), [runList, listSites]);
  useEffect(() => access.onChange?.(() => void listSites().catch(() => undefined)), [access, listSites]);

  // Only one http(s) host is ever offered: never a pattern for many sites, whatever the page or link named.
  const offered = grantableSite(offer);
  const offerGranted = Boolean(sites?.some((site) => site.site === offered && site.hostAccess));
  // Open tabs of allowed sites that loaded before the grant: the agent starts with a page, so each needs one reload.
  const awaitingReload = [...useTabStates(client).values()].filter(isAwaitingReload);
  const [offerBefore, offerAfter] = messageAround('sitesOffer');

  const allow = (site: string) => {
    clearError();
    // The browser asks only from the click itself: nothing is awaited before the request.
    const asked = access.request(sitePattern(site));
    void run('allow', async () => {
      const granted = await asked;
      // Said once the list shows it (as for a removed site).
      await listSites();
      setStatus(t(granted ? 'sitesAllowed' : 'sitesNotAllowed', site));
    });
  };

  return (
    <main class="popup profiles" aria-label={t('sites')}>
      <header class="app-bar">
        <h1>{t('sites')}</h1>
        {onClose && (
          <button type="button" class="link" onClick={onClose}>
            {t('sitesDone')}
          </button>
        )}
      </header>
      <p class="hint">{t('sitesHint')}</p>
      {offered && sites && !offerGranted && (
        <div class="notice" data-testid="site-offer">
          <p>
            {offerBefore}
            <strong>{offered}</strong>
            {offerAfter}
          </p>
          <button type="button" disabled={busy !== null} onClick={() => allow(offered)}>
            {t('sitesAllowAccess', offered)}
          </button>
        </div>
      )}
      <AddSiteForm busy={busy !== null} onAllow={allow} />
      {status && (
        <p class="success" role="status">
          {status}
        </p>
      )}
      <ErrorNotice error={error} onDismiss={clearError} />
      <ErrorNotice error={listError} onDismiss={clearListError} />
      {awaitingReload.length > 0 && (
        <div class="notice" data-testid="sites-reload">
          <p>
            <strong>{t('sitesReload')}</strong> {t('sitesReloadWhy')}
          </p>
          <ul class="reload-tabs">
            {awaitingReload.map((tab) => (
              <li key={tab.tabId}>
                <span>{tab.title || tab.origin}</span>{' '}
                <button
                  type="button"
                  class="secondary"
                  aria-label={t('sitesReloadTab', tab.title || tab.origin || '')}
                  onClick={() => void run('reload', () => access.reload(tab.tabId))}
                >
                  {t('sitesReloadButton')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {sites && sites.length === 0 && <p class="muted">{t('sitesNone')}</p>}
      <ul class="profile-list" aria-label={t('sitesList')}>
        {sites?.map((site) => (
          <li key={site.site}>
            <div class="profile-main">
              <strong>{site.site}</strong>
              <span class="app-meta">{site.wide ? t('sitesWide') : site.hostAccess ? t('sitesGranted') : t('sitesNoAccess')}</span>
              {site.consents.map((consent) => (
                <span key={`${consent.profileId}:${consent.origin}`} class="site-consent">
                  {t('sitesConsent', consent.app, consent.origin)}{' '}
                  <button
                    type="button"
                    class="link"
                    disabled={busy !== null}
                    aria-label={t('sitesConsentRemove', consent.app, consent.origin)}
                    onClick={() =>
                      void run('forget', async () => {
                        await client.request('forgetSite', { site: site.site, profileId: consent.profileId });
                        await listSites();
                      })
                    }
                  >
                    {t('sitesRemove')}
                  </button>
                </span>
              ))}
            </div>
            <div class="profile-actions">
              <button
                type="button"
                class="secondary"
                disabled={busy !== null}
                // The name says which site; the visible word is part of it (WCAG 2.5.3, label in name), the row shows the site.
                aria-label={t('sitesRemoveSite', site.site)}
                onClick={() =>
                  void run('remove', async () => {
                    await client.request('forgetSite', { site: site.site });
                    await listSites();
                    setStatus(t('sitesRemoved', site.site));
                  })
                }
              >
                {t('sitesRemove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
