import { useState } from 'preact/hooks';
import { ERROR_CODES } from '@/lib/cometchat/error-code-names';
import { toCometChatError, type CometChatError } from '@/lib/cometchat/exception';

/** What a write into a page may first need from the tester: their yes for the site, or for a new session there. */
export interface PageWriteFlags {
  consent?: boolean;
  createSession?: boolean;
  shareToken?: boolean;
}

interface Question {
  error: CometChatError;
  answer(yes: boolean): void;
}

/** Questions the background asks before it writes into a page, and the flag a yes sends back. */
const QUESTIONS: Partial<Record<string, { flag: keyof PageWriteFlags; yes: string }>> = {
  [ERROR_CODES.ERR_PAGE_CONSENT_REQUIRED]: { flag: 'consent', yes: 'Yes, write into this site' },
  [ERROR_CODES.ERR_PAGE_NO_APP_SESSION]: { flag: 'createSession', yes: 'Write a new session there' },
  [ERROR_CODES.ERR_PAGE_NO_COMETCHAT]: { flag: 'createSession', yes: 'Write a new session there' },
  [ERROR_CODES.ERR_PAGE_SHARED_TOKEN]: { flag: 'shareToken', yes: 'Share the token' },
};

/**
 * Sends a page write; where the background asks first (a site not yet agreed for this app, a page with no session
 * of the app), shows the question, with the origin the background took from the tab, and sends again on yes.
 * Resolves to null when the tester says no.
 */
export function usePageWrite() {
  const [question, setQuestion] = useState<Question | null>(null);

  async function write<T>(send: (flags: PageWriteFlags) => Promise<T>, flags: PageWriteFlags = {}): Promise<T | null> {
    try {
      return await send(flags);
    } catch (thrown) {
      const error = toCometChatError(thrown);
      const asked = QUESTIONS[error.code];
      if (!asked || flags[asked.flag]) throw thrown;
      const yes = await new Promise<boolean>((answer) => setQuestion({ error, answer }));
      setQuestion(null);
      return yes ? write(send, { ...flags, [asked.flag]: true }) : null;
    }
  }

  return { write, question };
}

/** The open question of {@link usePageWrite}, with its two answers. */
export function PageWriteQuestion({ question }: { question: Question | null }) {
  if (!question) return null;
  const asked = QUESTIONS[question.error.code]!;
  const origin =
    typeof question.error.details === 'object' && question.error.details ? (question.error.details as { origin?: unknown }).origin : undefined;
  return (
    <div class="notice question" role="alertdialog" aria-label="Before writing into the page" data-testid="page-write-question">
      <p>{question.error.message}</p>
      {typeof origin === 'string' && (
        <p>
          Site: <strong>{origin}</strong> <span class="muted">(from the tab's address)</span>
        </p>
      )}
      <div class="actions">
        <button type="button" onClick={() => question.answer(true)}>
          {asked.yes}
        </button>
        <button type="button" class="secondary" onClick={() => question.answer(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
