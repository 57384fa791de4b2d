import { useState } from 'preact/hooks';
import './secret-field.css';

interface SecretFieldProps {
  label: string;
  masked: string;
  /** Fetches the real value, only when the tester asks for it. */
  reveal: () => Promise<string>;
}

/** A secret shown masked, with Reveal (toggles) and Copy; the value is fetched on demand and never kept. */
export function SecretField({ label, masked, reveal }: SecretFieldProps) {
  const [shown, setShown] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  return (
    <div class="secret">
      <span class="secret-label">{label}</span>
      <code class="secret-value" aria-label={`${label} (${shown ? 'revealed' : 'masked'})`}>
        {shown ?? masked}
      </code>
      <button type="button" class="link" aria-pressed={shown !== null} onClick={async () => setShown(shown ? null : await reveal())}>
        {shown ? 'Hide' : 'Reveal'}
      </button>
      <button
        type="button"
        class="link"
        onClick={async () => {
          await navigator.clipboard.writeText(await reveal());
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        }}
      >
        {copied ? 'Copied' : `Copy ${label}`}
      </button>
    </div>
  );
}
