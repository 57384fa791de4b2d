import { useState } from 'preact/hooks';
import './profiles.css';
import type { ImportPreview, PinnedTabSummary, Snapshot } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import { downloadText, timestampedName } from '../shared/download';
import { ErrorNotice } from '../shared/ErrorNotice';
import { SecretField } from '../panel/SecretField';
import { UnrevokedPins } from '../shared/UnrevokedPins';
import { useAction } from '../shared/use-session';

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
      setStatus(`Imported: ${added} added, ${replace.size} replaced, ${result.items.length - added - replace.size} left as they were.`);
      setPending(null);
    });

  return (
    <main class="popup profiles" aria-label="App profiles">
      <header class="app-bar">
        <h1>Apps</h1>
        <button type="button" class="link" onClick={onClose}>
          Done
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
                  label="Auth Key"
                  masked={profile.authKeyMasked || '(none)'}
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
                  {isActive ? 'In use' : 'Use'}
                </button>
                <button type="button" class="link" aria-label={`Edit ${profile.label}`} onClick={() => onEdit(profile.id)}>
                  Edit
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
                    Delete it and its sessions
                  </button>
                ) : (
                  <button type="button" class="link danger" aria-label={`Delete ${profile.label}`} onClick={() => setConfirmingDelete(profile.id)}>
                    Delete
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <button type="button" class="secondary wide" onClick={onAdd}>
        Add an app
      </button>
      <ErrorNotice error={error} onDismiss={clearError} />
      <UnrevokedPins pins={unrevoked} />
      {status && (
        <p class="success" role="status">
          {status}
        </p>
      )}
      <section class="card" aria-label="Export and import">
        <h2>Export and import</h2>
        <label class="inline">
          <input type="checkbox" checked={includeSecrets} onChange={(event) => setIncludeSecrets(event.currentTarget.checked)} /> include Auth Keys
        </label>
        {includeSecrets && (
          <p class="warning" role="note">
            The file will contain every Auth Key in plain text. Anyone with it can log in as any user of these apps.
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
            Export apps
          </button>
          <label class="file-button">
            Import apps…
            <input type="file" accept="application/json,.json" onChange={(event) => void readFile(event.currentTarget.files?.[0])} />
          </label>
        </div>
        {pending && (
          <div class="import-preview" aria-label="Import preview">
            <h3>This file holds</h3>
            <ul>
              {pending.preview.items.map((item) => (
                <li key={item.key}>
                  <span>
                    {item.label}{' '}
                    <span class="muted">
                      ({item.key}
                      {item.hasAuthKey ? ', with Auth Key' : ''})
                    </span>
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
                      replace the one here
                    </label>
                  ) : (
                    <span class={`badge-${item.status}`}>{item.status === 'new' ? 'new' : 'already here'}</span>
                  )}
                </li>
              ))}
            </ul>
            <div class="actions">
              <button type="button" class="secondary" onClick={() => setPending(null)}>
                Cancel
              </button>
              <button type="button" onClick={applyImport} disabled={busy !== null}>
                Import
              </button>
            </div>
          </div>
        )}
      </section>
    </main>
  );
}
