import { useState } from 'preact/hooks';
import { toCometChatError, type CometChatError } from '@/lib/cometchat/exception';
import { requireSite } from '@/lib/sites';
import { t } from '../shared/i18n';

/** A site as the field takes it: data, the same in every language. */
const EXAMPLE_SITE = 'https://app.example.com';

/**
 * "Site to allow": a site typed in (an http or https address of one host), for a Sites view that knows no tab to offer
 * (opened as a tab of its own). Anything else, a `*` pattern for many sites included, is refused by the field with
 * `ERR_INVALID_SITE`, as the background refuses it. `onAllow` gets `scheme://host` in the submit itself: the browser
 * asks for access only from the tester's gesture, so nothing may be awaited before it.
 */
export function AddSiteForm({ busy, onAllow }: { busy: boolean; onAllow: (site: string) => void }) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<CometChatError | null>(null);
  return (
    <form
      class="field-form add-site"
      onSubmit={(event) => {
        event.preventDefault();
        let site: string;
        try {
          site = requireSite(value.trim());
        } catch (thrown) {
          setProblem(toCometChatError(thrown));
          return;
        }
        setProblem(null);
        onAllow(site);
      }}
    >
      <label for="add-site">{t('addSite')}</label>
      <div class="field-row">
        <input
          id="add-site"
          value={value}
          placeholder={EXAMPLE_SITE}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'add-site-error' : undefined}
          onInput={(event) => {
            setValue(event.currentTarget.value);
            setProblem(null);
          }}
        />
        <button type="submit" disabled={busy}>
          {t('addSiteAllow')}
        </button>
      </div>
      {problem && (
        <span id="add-site-error" class="field-error" data-code={problem.code}>
          {t('addSiteInvalid', value.trim().slice(0, 200))}
        </span>
      )}
    </form>
  );
}
