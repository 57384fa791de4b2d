import type { SessionClient } from '@/lib/session-client';
import type { Snapshot } from '@/lib/protocol';
import { t } from '../shared/i18n';

type Profile = NonNullable<Snapshot['profile']>;
import type { View } from './popup-types';

interface AppBarProps {
  client: SessionClient;
  profile: Profile;
  profiles: Snapshot['profiles'];
  run: (label: string, action: () => Promise<unknown>) => Promise<boolean>;
  onView: (view: View) => void;
  /** The popup may list and allow sites (not where it cannot ask for host access). */
  canSites: boolean;
  /** Opens the Tabs view for the tab the popup was opened on; absent where that tab is no web page. */
  onTabs?: () => void;
}

/** The popup's top bar: the app (a picker when there are several) with its App ID and region, and the other views. */
export function AppBar({ client, profile, profiles, run, onView, canSites, onTabs }: AppBarProps) {
  return (
    <header class="app-bar">
      <div class="app-id">
        {profiles.length > 1 ? (
          <select
            aria-label={t('appBarApp')}
            class="app-select"
            value={profile.id}
            onChange={(event) => void run('use', () => client.request('activateProfile', { id: event.currentTarget.value }))}
          >
            {profiles.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label}
              </option>
            ))}
          </select>
        ) : (
          <span class="app-label">{profile.label}</span>
        )}
        <span class="app-meta">
          {profile.appId} · {profile.region}
          {profile.apiHost ? ` · ${profile.apiHost}` : ''}
        </span>
      </div>
      <div class="app-links">
        <button type="button" class="link" onClick={() => onView({ name: 'users' })}>
          {t('appBarUsers')}
        </button>
        {canSites && (
          <button type="button" class="link" onClick={() => onView({ name: 'sites' })}>
            {t('appBarSites')}
          </button>
        )}
        {onTabs && (
          <button type="button" class="link" onClick={onTabs}>
            {t('appBarTabs')}
          </button>
        )}
        <button type="button" class="link" onClick={() => onView({ name: 'apps' })}>
          {t('appBarApps')}
        </button>
      </div>
    </header>
  );
}
