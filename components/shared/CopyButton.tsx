import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from './i18n';

interface CopyButtonProps {
  /** Puts the text on the clipboard; resolves true once it is there (a refusal is the caller's to show, as an error). */
  copy: () => Promise<boolean>;
  /** The accessible name, when the visible words alone do not say what is copied. */
  label?: string;
  disabled?: boolean;
  children: ComponentChildren;
}

/** A link-style button that copies, then says "Copied" for a moment (the words change, so a screen reader hears it too). */
export function CopyButton({ copy, label, disabled, children }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button type="button" class="link" aria-label={label} disabled={disabled} onClick={() => void copy().then((done) => done && setCopied(true))}>
      {copied ? t('copied') : children}
    </button>
  );
}
