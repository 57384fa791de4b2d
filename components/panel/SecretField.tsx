import { useState } from 'preact/hooks';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useAction } from '../shared/use-session';
import { t } from '../shared/i18n';
import './secret-field.css';

interface SecretFieldProps {
  label: string;
  masked: string;
  /** Fetches the real value, only when the tester asks for it. */
  reveal: () => Promise<string>;
}

/**
 * A secret shown masked, with Reveal (toggles) and Copy; the value is fetched on demand and never kept. A reveal the
 * background refuses, or a clipboard the browser refuses, shows its error here.
 */
export function SecretField({ label, masked, reveal }: SecretFieldProps) {
  const [shown, setShown] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const { error, run, clearError } = useAction();
  return (
    <div class="secret">
      <span class="secret-label">{label}</span>
      <code class="secret-value" aria-label={t(shown ? 'secretFieldRevealed' : 'secretFieldMasked', label)}>
        {shown ?? masked}
      </code>
      <button
        type="button"
        class="link"
        aria-pressed={shown !== null}
        onClick={() => void run('reveal', async () => setShown(shown ? null : await reveal()))}
      >
        {shown ? t('secretFieldHide') : t('secretFieldReveal')}
      </button>
      <button
        type="button"
        class="link"
        onClick={() =>
          void run('copy', async () => {
            await navigator.clipboard.writeText(await reveal());
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          })
        }
      >
        {copied ? t('secretFieldCopied') : t('secretFieldCopy', label)}
      </button>
      <ErrorNotice error={error} onDismiss={clearError} />
    </div>
  );
}
