import type { ComponentChildren } from 'preact';
import type { CometChatError } from '@/lib/cometchat/exception';
import { showErrorDetails } from '@/lib/error-details';
import { maskSecretsInText } from '@/lib/redact';
import { useExplanation } from './use-explanation';
import { t } from './i18n';

/**
 * A CometChat error as a tester needs it: code, message and details, announced to screen readers. `id` lets a field
 * point at the notice under it (`aria-describedby`); `children` is the fix the view can do in one click.
 */
export function ErrorNotice({
  error,
  onDismiss,
  id,
  children,
}: {
  error: CometChatError | null;
  onDismiss?: () => void;
  id?: string;
  children?: ComponentChildren;
}) {
  const explanation = useExplanation(error?.code ?? '', error?.details);
  if (!error) return null;
  const details = showErrorDetails(error.details);
  return (
    <div class="error" role="alert" data-testid="error" id={id}>
      <div class="error-head">
        <code class="error-code">{error.code}</code>
        {onDismiss && (
          <button type="button" class="link" onClick={onDismiss} aria-label={t('errorDismiss')}>
            ✕
          </button>
        )}
      </div>
      <p class="error-message">{maskSecretsInText(error.message)}</p>
      {explanation && (
        <p class="error-explanation">
          <strong>{t('errorCause')}</strong> {explanation.cause} <strong>{t('errorFix')}</strong> {explanation.fix}
        </p>
      )}
      {/* Details are text children, so a server's "<b>" stays two characters, never markup. */}
      {details?.kind === 'sentence' && (
        <p class="error-details" tabIndex={0} aria-label={t('errorDetails')}>
          {details.text}
        </p>
      )}
      {details?.kind === 'json' && (
        <pre class="error-details" tabIndex={0} aria-label={t('errorDetails')}>
          {details.text}
        </pre>
      )}
      {children}
    </div>
  );
}
