import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CometChatError } from '@/lib/cometchat/exception';
import { ErrorNotice } from './ErrorNotice';

interface FieldFormProps {
  id: string;
  label: string;
  placeholder: string;
  submitLabel: string;
  secret?: boolean;
  busy: boolean;
  /** Shown beside the label: an option of the submit (the UID field's "fresh session"). */
  options?: ComponentChildren;
  /** Resolves true when the value was accepted, so the field can be cleared. */
  onSubmit: (value: string) => Promise<boolean>;
  /** The error of this field's action, shown under the field (by its cause, not at the top of the view). */
  error?: CometChatError | null;
  onDismissError?: () => void;
  /** The one-click fix of `error`, shown inside its notice (the UID field's "Create cometchat-uid-9"). */
  fix?: ComponentChildren;
}

/** One labelled field with its button, and its error under it: the UID login and the Auth Token login. */
export function FieldForm({ id, label, placeholder, submitLabel, secret, busy, options, onSubmit, error, onDismissError, fix }: FieldFormProps) {
  const [value, setValue] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await onSubmit(value)) setValue('');
  };
  const inputProps = {
    id,
    value,
    placeholder,
    autocomplete: 'off',
    spellcheck: false,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onInput: (event: Event) => setValue((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <form class="field-form" onSubmit={(event) => void submit(event)}>
      {options ? (
        <div class="field-head">
          <label for={id}>{label}</label>
          {options}
        </div>
      ) : (
        <label for={id}>{label}</label>
      )}
      <div class="field-row">
        {secret ? <input type="password" {...inputProps} /> : <input type="text" {...inputProps} />}
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
      </div>
      {error && (
        <ErrorNotice error={error} onDismiss={onDismissError} id={`${id}-error`}>
          {fix}
        </ErrorNotice>
      )}
    </form>
  );
}
