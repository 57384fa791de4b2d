import { useState } from 'preact/hooks';
import { ERROR_CODES } from '@/lib/cometchat/error-code-names';
import type { CometChatError } from '@/lib/cometchat/exception';
import { FieldForm } from '../shared/FieldForm';
import { memo, sameProps } from '../shared/memo';
import { t } from '../shared/i18n';

interface LoginFormsProps {
  busy: boolean;
  /** Logs in as `uid`; `fresh`: with a new token even if the uid is held. Resolves false when it failed. */
  onUid: (uid: string, fresh: boolean) => Promise<boolean>;
  onToken: (authToken: string) => Promise<boolean>;
  /** The last UID login's error (shown under the UID field), and the token login's (under the token field). */
  uidError: CometChatError | null;
  tokenError: CometChatError | null;
  onDismissError: () => void;
  /** Creates the user with the app's Auth Key, then logs in; absent without an Auth Key. */
  onCreate?: (uid: string) => void;
}

/**
 * The popup's other ways in, under the test users: any uid (held sessions are reused unless "fresh"), or a pasted token.
 * Rendered again only when one of its props changed (the handlers are the same functions on every render): a switch of
 * user leaves both fields as they were.
 */
export const LoginForms = memo(function LoginForms({ busy, onUid, onToken, uidError, tokenError, onDismissError, onCreate }: LoginFormsProps) {
  const [fresh, setFresh] = useState(false);
  // The uid the error is about: the field may have been edited since.
  const [triedUid, setTriedUid] = useState('');
  const canCreate = onCreate && triedUid && uidError?.code === ERROR_CODES.ERR_UID_NOT_FOUND;
  return (
    <>
      <FieldForm
        id="uid-login"
        label={t('loginUid')}
        placeholder={t('loginUidExample')}
        submitLabel={t('loginSubmit')}
        busy={busy}
        options={
          <label class="inline fresh-option" title={t('loginFreshTitle')}>
            <input type="checkbox" checked={fresh} onChange={(event) => setFresh(event.currentTarget.checked)} />
            {t('loginFresh')}
          </label>
        }
        onSubmit={(uid) => {
          setTriedUid(uid.trim());
          return onUid(uid, fresh);
        }}
        error={uidError}
        onDismissError={onDismissError}
        fix={
          canCreate && (
            <button type="button" class="secondary" disabled={busy} title={t('loginCreateTitle')} onClick={() => onCreate(triedUid)}>
              {t('loginCreate', triedUid)}
            </button>
          )
        }
      />
      <FieldForm
        id="token-login"
        label={t('loginToken')}
        placeholder={t('loginTokenExample')}
        submitLabel={t('loginTokenSubmit')}
        secret
        busy={busy}
        onSubmit={onToken}
        error={tokenError}
        onDismissError={onDismissError}
      />
      <p class="hint">{t('loginHint')}</p>
    </>
  );
}, sameProps);
