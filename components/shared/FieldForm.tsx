import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

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
}

/** One labelled field with its button: the UID login and the Auth Token login. */
export function FieldForm({ id, label, placeholder, submitLabel, secret, busy, options, onSubmit }: FieldFormProps) {
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
    </form>
  );
}
