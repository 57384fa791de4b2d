import type { CometChatError } from '@/lib/cometchat/exception';
import { explainError } from '@/lib/error-explainer';
import { maskSecretsInText } from '@/lib/redact';

/** A CometChat error as a tester needs it: code, message and details, announced to screen readers. */
export function ErrorNotice({ error, onDismiss }: { error: CometChatError | null; onDismiss?: () => void }) {
  if (!error) return null;
  const details = error.details && typeof error.details === 'object' && Object.keys(error.details).length > 0;
  const explanation = explainError(error.code);
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
      {details && <pre class="error-details" tabIndex={0} aria-label="Error details">{maskSecretsInText(JSON.stringify(error.details, null, 2))}</pre>}
    </div>
  );
}
