import { useState } from 'preact/hooks';
import { FieldForm } from '../shared/FieldForm';

interface LoginFormsProps {
  busy: boolean;
  /** Logs in as `uid`; `fresh`: with a new token even if the uid is held. Resolves false when it failed. */
  onUid: (uid: string, fresh: boolean) => Promise<boolean>;
  onToken: (authToken: string) => Promise<boolean>;
}

/** The popup's other ways in, under the test users: any uid (held sessions are reused unless "fresh"), or a pasted token. */
export function LoginForms({ busy, onUid, onToken }: LoginFormsProps) {
  const [fresh, setFresh] = useState(false);
  return (
    <>
      <FieldForm
        id="uid-login"
        label="UID"
        placeholder="any uid, e.g. superhero7"
        submitLabel="Log in"
        busy={busy}
        options={
          <label class="inline fresh-option" title="A new token even if this uid is held">
            <input type="checkbox" checked={fresh} onChange={(event) => setFresh(event.currentTarget.checked)} />
            fresh session
          </label>
        }
        onSubmit={(uid) => onUid(uid, fresh)}
      />
      <FieldForm
        id="token-login"
        label="Auth Token"
        placeholder="paste an auth token"
        submitLabel="Log in with token"
        secret
        busy={busy}
        onSubmit={onToken}
      />
      <p class="hint">Auth Keys are for development only. Keys 1–5 pick a test user.</p>
    </>
  );
}
