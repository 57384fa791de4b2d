import type { CometChatError } from '@/lib/cometchat/exception';
import { showErrorDetails } from '@/lib/error-details';
import { maskSecretsInText } from '@/lib/redact';
import { useExplanation } from './use-explanation';

/** A CometChat error as a tester needs it: code, message and details, announced to screen readers. */
export function ErrorNotice({ error, onDismiss }: { error: CometChatError | null; onDismiss?: () => void }) {
  const explanation = useExplanation(error?.code ?? '');
  if (!error) return null;
  const details = showErrorDetails(error.details);
  return (
    <div class="error" role="alert" data-testid="error">
      <div class="error-head">
        <code class="error-code">{error.code}</code>
        {onDismiss && (
          <button type="button" class="link" onClick={onDismiss} aria-label="Dismiss error">
            ✕
          </button>
        )}
      </div>
      <p class="error-message">{maskSecretsInText(error.message)}</p>
      {explanation && (
        <p class="error-explanation">
          <strong>Likely cause:</strong> {explanation.cause} <strong>Fix:</strong> {explanation.fix}
        </p>
      )}
      {/* Details are text children, so a server's "<b>" stays two characters, never markup. */}
      {details?.kind === 'sentence' && (
        <p class="error-details" tabIndex={0} aria-label="Error details">
          {details.text}
        </p>
      )}
      {details?.kind === 'json' && (
        <pre class="error-details" tabIndex={0} aria-label="Error details">
          {details.text}
        </pre>
      )}
    </div>
  );
}
