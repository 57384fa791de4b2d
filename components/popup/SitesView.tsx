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
  const [sites, setSites] = useState<AllowedSite[] | null>(null);
  const [status, setStatus] = useState('');
  const listSites = useCallback(async () => setSites(await client.request('listAllowedSites', {})), [client]);
  useEffect(() => void run('list', listSites), [run, listSites]);
  useEffect(() => access.onChange?.(() => void listSites().catch(() => undefined)), [access, listSites]);

  // Only one http(s) host is ever offered: never a pattern for many sites, whatever the page or link named.
  const offered = grantableSite(offer);
  const offerGranted = Boolean(sites?.some((site) => site.site === offered && site.hostAccess));
  // Open tabs of allowed sites that loaded before the grant: the agent starts with a page, so each needs one reload.
  const awaitingReload = [...useTabStates(client).values()].filter(isAwaitingReload);

  const allow = (site: string) => {
    clearError();
    // The browser asks only from the click itself: nothing is awaited before the request.
    const asked = access.request(sitePattern(site));
    void run('allow', async () => {
      const granted = await asked;
      // Said once the list shows it (as for a removed site).
      await listSites();
      setStatus(granted ? `${site} is allowed.` : `${site} was not allowed.`);
    });
  };

  return (
    <main class="popup profiles" aria-label="Allowed sites">
      <header class="app-bar">
        <h1>Allowed sites</h1>
        {onClose && (
          <button type="button" class="link" onClick={onClose}>
            Done
          </button>
        )}
      </header>
      <p class="hint">The extension reads and switches a page's CometChat session only on the sites you allow here.</p>
      {offered && sites && !offerGranted && (
        <div class="notice">
          <p>
            Allow the extension to read and write CometChat sessions on <strong>{offered}</strong> (every port)?
          </p>
          <button type="button" disabled={busy !== null} onClick={() => allow(offered)}>
            Allow access to {offered}
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
      {awaitingReload.length > 0 && (
        <div class="notice" data-testid="sites-reload">
          <p>
            <strong>Reload to start watching.</strong> The extension watches a page from its start: these tabs loaded before their site was allowed.
          </p>
          <ul class="reload-tabs">
            {awaitingReload.map((tab) => (
              <li key={tab.tabId}>
                <span>{tab.title || tab.origin}</span>{' '}
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Reload ${tab.title || tab.origin}`}
                  onClick={() => void run('reload', () => access.reload(tab.tabId))}
                >
                  Reload
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {sites && sites.length === 0 && <p class="muted">No site allowed yet.</p>}
      <ul class="profile-list" aria-label="Sites">
        {sites?.map((site) => (
          <li key={site.site}>
            <div class="profile-main">
              <strong>{site.site}</strong>
              <span class="app-meta">
                {site.wide
                  ? "Access to every site this pattern matches, granted outside this list (an older version, or the browser's settings): remove it and allow sites one at a time"
                  : site.hostAccess
                    ? 'Access granted (every port)'
                    : 'No access: allow it again to use it'}
              </span>
              {site.consents.map((consent) => (
                <span key={`${consent.profileId}:${consent.origin}`} class="site-consent">
                  Writes sessions of {consent.app} into {consent.origin}{' '}
                  <button
                    type="button"
                    class="link"
                    disabled={busy !== null}
                    aria-label={`Stop writing sessions of ${consent.app} into ${consent.origin}`}
                    onClick={() =>
                      void run('forget', async () => {
                        await client.request('forgetSite', { site: site.site, profileId: consent.profileId });
                        await listSites();
                      })
                    }
                  >
                    Remove
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
                aria-label={`Remove ${site.site}`}
                onClick={() =>
                  void run('remove', async () => {
                    await client.request('forgetSite', { site: site.site });
                    await listSites();
                    setStatus(`${site.site} is no longer allowed.`);
                  })
                }
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
