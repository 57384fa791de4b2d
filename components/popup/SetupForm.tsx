import { useState } from 'preact/hooks';
import { EMULATOR_DEFAULTS, emulatorApiHost } from '@/lib/local-emulator';
import { REGIONS } from '@/lib/cometchat/hosts';
import { ERROR_CODES } from '@/lib/cometchat/error-code-names';
import type { CometChatError } from '@/lib/cometchat/exception';
import type { ProfileInput, ProfileSummary } from '@/lib/protocol';
import { ErrorNotice } from '../shared/ErrorNotice';

interface SetupFormProps {
  /** The profile being edited; null to add one. */
  current: ProfileSummary | null;
  busy: boolean;
  error: CometChatError | null;
  /** `checkApiHost`: refuse an API host that does not answer (false for "Save anyway"). */
  onSave: (profile: ProfileInput, options: { checkApiHost: boolean }) => void;
  onCancel?: () => void;
}

/** First-run (and "change app") form: App ID, Region, Auth Key, optional API host. */
export function SetupForm({ current, busy, error, onSave, onCancel }: SetupFormProps) {
  const [form, setForm] = useState<ProfileInput>({
    id: current?.id,
    label: current?.label ?? '',
    appId: current?.appId ?? '',
    region: current?.region ?? 'eu',
    authKey: '',
    apiHost: current?.apiHost ?? '',
  });
  const [showKey, setShowKey] = useState(false);
  const fieldErrors = (error?.details ?? {}) as Record<string, string[] | undefined>;
  const bind = (field: keyof ProfileInput) => ({
    id: `setup-${field}`,
    value: form[field] ?? '',
    'aria-invalid': fieldErrors[field] ? true : undefined,
    'aria-describedby': fieldErrors[field] ? `setup-${field}-error` : undefined,
    onInput: (event: Event) => {
      const { value } = event.currentTarget as HTMLInputElement;
      setForm((previous) => ({ ...previous, [field]: value }));
    },
  });
  const useEmulator = () =>
    setForm({
      id: current?.id,
      label: 'Local emulator',
      appId: EMULATOR_DEFAULTS.appId,
      region: EMULATOR_DEFAULTS.region,
      authKey: EMULATOR_DEFAULTS.authKey,
      apiHost: emulatorApiHost(),
    });

  const keyProps = { ...bind('authKey'), autocomplete: 'off', placeholder: current ? `unchanged: ${current.authKeyMasked}` : '' };

  return (
    <form
      class="setup card"
      aria-label={current ? 'Edit app' : 'Set up a CometChat app'}
      onSubmit={(event) => {
        event.preventDefault();
        onSave(form, { checkApiHost: true });
      }}
    >
      <h1>{current ? `Edit ${current.label}` : 'Set up a CometChat app'}</h1>
      <button type="button" class="secondary wide" onClick={useEmulator}>
        Use the local emulator
      </button>
      <label for="setup-label">Label (optional)</label>
      <input {...bind('label')} autocomplete="off" placeholder="e.g. Staging" />
      <FieldError field="label" errors={fieldErrors} />
      <label for="setup-appId">App ID</label>
      <input {...bind('appId')} autocomplete="off" spellcheck={false} placeholder="e.g. 2524813c2de6d5e0" />
      <FieldError field="appId" errors={fieldErrors} />
      <label for="setup-region">Region</label>
      <select {...bind('region')}>
        {REGIONS.map((region) => (
          <option key={region} value={region}>
            {region}
          </option>
        ))}
      </select>
      <FieldError field="region" errors={fieldErrors} />
      <label for="setup-authKey">Auth Key (optional)</label>
      <div class="field-row">
        {showKey ? <input {...keyProps} type="text" /> : <input {...keyProps} type="password" />}
        <button type="button" class="secondary" aria-pressed={showKey} onClick={() => setShowKey(!showKey)}>
          {showKey ? 'Hide' : 'Show'}
        </button>
      </div>
      <FieldError field="authKey" errors={fieldErrors} />
      <label for="setup-apiHost">API host (optional)</label>
      <input {...bind('apiHost')} autocomplete="off" spellcheck={false} placeholder="http://127.0.0.1:7717" />
      <FieldError field="apiHost" errors={fieldErrors} />
      {error?.code === ERROR_CODES.ERR_API_HOST_UNREACHABLE && (
        // The host may be down only for now, or reachable only from elsewhere: the tester may keep it.
        <button type="button" class="secondary" disabled={busy} onClick={() => onSave(form, { checkApiHost: false })}>
          Save anyway
        </button>
      )}
      <p class="hint">
        Auth Keys are for development only; without one, log in with Auth Tokens. The key stays in this browser and is never shown to web pages.
      </p>
      <ErrorNotice error={error} />
      <div class="actions">
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" disabled={busy}>
          Save
        </button>
      </div>
    </form>
  );
}

/** The validation message for one field, next to it (the error box below lists them all too). */
function FieldError({ field, errors }: { field: string; errors: Record<string, string[] | undefined> }) {
  const messages = errors[field];
  if (!messages?.length) return null;
  return (
    <span id={`setup-${field}-error`} class="field-error">
      {messages.join(' ')}
    </span>
  );
}
