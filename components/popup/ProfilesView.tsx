import { useState } from 'preact/hooks';
import './profiles.css';
import type { ImportPreview, PinnedTabSummary, Snapshot } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { downloadText, timestampedName } from '../shared/download';
import { ErrorNotice } from '../shared/ErrorNotice';
import { SecretField } from '../panel/SecretField';
import { UnrevokedPins } from '../shared/UnrevokedPins';
import { useAction } from '../shared/use-session';
import { t } from '../shared/i18n';

interface ProfilesViewProps {
  client: SessionClient;
  snapshot: Snapshot;
  onAdd: () => void;
  onEdit: (id: string) => void;
  onClose: () => void;
}

/** Every app profile: use, edit, delete, add; export (secrets only if ticked) and import with a preview. */
export function ProfilesView({ client, snapshot, onAdd, onEdit, onClose }: ProfilesViewProps) {
  const { busy, error, run, clearError } = useAction();
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [pending, setPending] = useState<{ json: string; preview: ImportPreview } | null>(null);
  const [replace, setReplace] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState('');
  const [confirmingDelete, setConfirmingDelete] = useState<string | null>(null);
  const [unrevoked, setUnrevoked] = useState<PinnedTabSummary[]>([]);

  const readFile = (file: File | undefined) =>
    file &&
    run('preview', async () => {
      const json = await file.text();
      setPending({ json, preview: await client.request('previewImport', { json }) });
      setReplace(new Set());
      setStatus('');
    });

  const applyImport = () =>
    void run('import', async () => {
      const result = await client.request('applyImport', { json: pending!.json, replace: [...replace] });
      const added = result.items.filter((item) => item.status === 'new').length;
      setStatus(t('appsImported', String(added), String(replace.size), String(result.items.length - added - replace.size)));
      setPending(null);
    });

  return (
    <main class="popup profiles" aria-label={t('apps')}>
      <header class="app-bar">
        <h1>{t('appsHeading')}</h1>
        <button type="button" class="link" onClick={onClose}>
          {t('appsDone')}
        </button>
      </header>
      <ul class="profile-list">
        {snapshot.profiles.map((profile) => {
          const isActive = profile.id === snapshot.profile?.id;
          return (
            <li key={profile.id} class={isActive ? 'active' : ''} aria-current={isActive ? 'true' : undefined}>
              <div class="profile-main">
                <strong>{profile.label}</strong>
                <span class="app-meta">
                  {profile.appId} · {profile.region}
                  {profile.apiHost ? ` · ${profile.apiHost}` : ''}
                </span>
                <SecretField
                  label={t('appsAuthKey')}
                  masked={profile.authKeyMasked || t('appsNoKey')}
                  reveal={() => client.request('revealAuthKey', { id: profile.id })}
                />
              </div>
              <div class="profile-actions">
                <button
                  type="button"
                  class="secondary"
                  disabled={isActive || busy !== null}
                  onClick={() => void run('use', () => client.request('activateProfile', { id: profile.id }))}
                >
                  {isActive ? t('appsInUse') : t('appsUse')}
                </button>
                <button type="button" class="link" aria-label={t('appsEditApp', profile.label)} onClick={() => onEdit(profile.id)}>
                  {t('appsEdit')}
                </button>
                {confirmingDelete === profile.id ? (
                  <button
                    type="button"
                    class="danger"
                    disabled={busy !== null}
                    onClick={() =>
                      void run('delete', async () => setUnrevoked((await client.request('deleteProfile', { id: profile.id })).unrevoked)).then(() =>
                        setConfirmingDelete(null),
                      )
                    }
                  >
                    {t('appsDeleteConfirm')}
                  </button>
                ) : (
                  <button
                    type="button"
                    class="link danger"
                    aria-label={t('appsDeleteApp', profile.label)}
                    onClick={() => setConfirmingDelete(profile.id)}
                  >
                    {t('appsDelete')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <button type="button" class="secondary wide" onClick={onAdd}>
        {t('appsAdd')}
      </button>
      <ErrorNotice error={error} onDismiss={clearError} />
      <UnrevokedPins pins={unrevoked} />
      {status && (
        <p class="success" role="status">
          {status}
        </p>
      )}
      <section class="card" aria-label={t('appsPort')}>
        <h2>{t('appsPort')}</h2>
        <label class="inline">
          <input type="checkbox" checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.currentTarget.checked)} />{' '}
          {t('appsIncludeKeys')}
        </label>
        {includeSecrets && (
          <p class="warning" role="note">
            {t('appsKeysWarning')}
          </p>
        )}
        <div class="actions">
          <button
            type="button"
            class="secondary"
            onClick={() =>
              void run('export', async () =>
                downloadText(await client.request('exportProfiles', { includeSecrets }), timestampedName('cometchat-apps')),
              )
            }
          >
            {t('appsExport')}
          </button>
          <label class="file-button">
            {t('appsImport')}
            <input type="file" accept="application/json,.json" onChange={(event) => void readFile(event.currentTarget.files?.[0])} />
          </label>
        </div>
        {pending && (
          <div class="import-preview" aria-label={t('appsPreview')}>
            <h3>{t('appsFileHolds')}</h3>
            <ul>
              {pending.preview.items.map((item) => (
                <li key={item.key}>
                  <span>
                    {item.label} <span class="muted">{item.hasAuthKey ? t('appsItemWithKey', item.key) : `(${item.key})`}</span>
                  </span>{' '}
                  {item.status === 'conflict' ? (
                    <label class="inline">
                      <input
                        type="checkbox"
                        checked={replace.has(item.key)}
                        onChange={(event) => {
                          const next = new Set(replace);
                          if (event.currentTarget.checked) next.add(item.key);
                          else next.delete(item.key);
                          setReplace(next);
                        }}
                      />{' '}
                      {t('appsReplace')}
                    </label>
                  ) : (
                    <span class={`badge-${item.status}`}>{item.status === 'new' ? t('appsNew') : t('appsHere')}</span>
                  )}
                </li>
              ))}
            </ul>
            <div class="actions">
              <button type="button" class="secondary" onClick={() => setPending(null)}>
                {t('appsCancel')}
              </button>
              <button type="button" onClick={applyImport} disabled={busy !== null}>
                {t('appsImportApply')}
              </button>
            </div>
          </div>
        )}
      </section>
    </main>
  );
}
