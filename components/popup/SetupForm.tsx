import { useState } from 'preact/hooks';
import { EMULATOR_DEFAULTS, emulatorApiHost } from '@/lib/local-emulator';
import { REGIONS } from '@/lib/cometchat/hosts';
import { ERROR_CODES } from '@/lib/cometchat/error-code-names';
import type { CometChatError } from '@/lib/cometchat/exception';
import type { ProfileInput, ProfileSummary } from '@/lib/protocol';
import { ErrorNotice } from '../shared/ErrorNotice';
import { t } from '../shared/i18n';

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
      label: t('setupEmulatorLabel'),
      appId: EMULATOR_DEFAULTS.appId,
      region: EMULATOR_DEFAULTS.region,
      authKey: EMULATOR_DEFAULTS.authKey,
      apiHost: emulatorApiHost(),
    });

  const keyProps = { ...bind('authKey'), autocomplete: 'off', placeholder: current ? t('setupKeyUnchanged', current.authKeyMasked) : '' };

  return (
    <form
      class="setup card"
      aria-label={current ? t('setupEdit') : t('setupNew')}
      onSubmit={(event) => {
        event.preventDefault();
        onSave(form, { checkApiHost: true });
      }}
    >
      <h1>{current ? t('setupEditHeading', current.label) : t('setupNew')}</h1>
      <button type="button" class="secondary wide" onClick={useEmulator}>
        {t('setupUseEmulator')}
      </button>
      <label for="setup-label">{t('setupLabel')}</label>
      <input {...bind('label')} autocomplete="off" placeholder={t('setupLabelExample')} />
      <FieldError field="label" errors={fieldErrors} />
      <label for="setup-appId">{t('setupAppId')}</label>
      <input {...bind('appId')} autocomplete="off" spellcheck={false} placeholder={t('setupAppIdExample')} />
      <FieldError field="appId" errors={fieldErrors} />
      <label for="setup-region">{t('setupRegion')}</label>
      <select {...bind('region')}>
        {REGIONS.map((region) => (
          <option key={region} value={region}>
            {region}
          </option>
        ))}
      </select>
      <FieldError field="region" errors={fieldErrors} />
      <label for="setup-authKey">{t('setupAuthKey')}</label>
      <div class="field-row">
        {showKey ? <input {...keyProps} type="text" /> : <input {...keyProps} type="password" />}
        <button type="button" class="secondary" aria-pressed={showKey} onClick={() => setShowKey(!showKey)}>
          {showKey ? t('setupHide') : t('setupShow')}
        </button>
      </div>
      <FieldError field="authKey" errors={fieldErrors} />
      <label for="setup-apiHost">{t('setupApiHost')}</label>
      <input {...bind('apiHost')} autocomplete="off" spellcheck={false} placeholder={emulatorApiHost()} />
      <FieldError field="apiHost" errors={fieldErrors} />
      {error?.code === ERROR_CODES.ERR_API_HOST_UNREACHABLE && (
        // The host may be down only for now, or reachable only from elsewhere: the tester may keep it.
        <button type="button" class="secondary" disabled={busy} onClick={() => onSave(form, { checkApiHost: false })}>
          {t('setupSaveAnyway')}
        </button>
      )}
      <p class="hint">{t('setupHint')}</p>
      <ErrorNotice error={error} />
      <div class="actions">
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            {t('setupCancel')}
          </button>
        )}
        <button type="submit" disabled={busy}>
          {t('setupSave')}
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
