import { useState } from 'preact/hooks';
import { ERROR_CODES } from '@/lib/cometchat/error-code-names';
import { toCometChatError, type CometChatError } from '@/lib/cometchat/exception';
import type { PageWriteAnswers } from '@/lib/protocol';
import { messageAround, t, type MessageKey } from './i18n';

/**
 * What a write into a page may first need from the tester (their yes for the site, for a new session there, for a
 * shared token), with the origin the questions named: the background takes a yes only for that origin.
 */
export type PageWriteFlags = PageWriteAnswers & { origin?: string };

interface Question {
  error: CometChatError;
  /** The action that asked, as its button names it ("Switch the page to Susan Marie (cometchat-uid-4)"). */
  action?: string;
  answer(yes: boolean): void;
}

/**
 * Questions the background asks before it writes into a page: the flag a yes sends back, the yes button's words, and
 * the question in the tester's words, made from the error's details (the background's own sentence is English).
 */
const QUESTIONS: Partial<Record<string, { flag: keyof PageWriteFlags; yes: MessageKey; words(details: Details): string }>> = {
  [ERROR_CODES.ERR_PAGE_CONSENT_REQUIRED]: {
    flag: 'consent',
    yes: 'pageWriteYesSite',
    words: ({ app, appId }) => t('pageWriteConsent', app ?? appId ?? '', appId ?? ''),
  },
  [ERROR_CODES.ERR_PAGE_NO_APP_SESSION]: {
    flag: 'createSession',
    yes: 'pageWriteYesSession',
    words: ({ appId }) => t('pageWriteNoAppSession', appId ?? ''),
  },
  [ERROR_CODES.ERR_PAGE_NO_COMETCHAT]: {
    flag: 'createSession',
    yes: 'pageWriteYesSession',
    words: ({ appId }) => t('pageWriteNoCometChat', appId ?? ''),
  },
  [ERROR_CODES.ERR_PAGE_SHARED_TOKEN]: {
    flag: 'shareToken',
    yes: 'pageWriteYesShare',
    words: ({ name, uid }) => t('pageWriteSharedToken', name && uid ? `${name} (${uid})` : (uid ?? '')),
  },
};

/** The strings of a question's details the words use (the background's `details`; anything else ignored). */
type Details = Partial<Record<'app' | 'appId' | 'uid' | 'name' | 'origin', string>>;

function detailsOf(error: CometChatError): Details {
  const raw = typeof error.details === 'object' && error.details ? (error.details as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The question `error` asks, in the tester's words; its own message where it asks nothing this view knows. */
export function questionText(error: CometChatError): string {
  return QUESTIONS[error.code]?.words(detailsOf(error)) ?? error.message;
}

/**
 * What a yes to `error` sends again: the question's flag and the origin the question named (`details.origin`, from the
 * tab's address), with the earlier yes's only if they were for that same origin. Null when `error` asks nothing, or
 * asks what was already answered (the views send their flags last, so this origin replaces the one they saw).
 */
export function flagsAfterYes(error: CometChatError, flags: PageWriteFlags): PageWriteFlags | null {
  const asked = QUESTIONS[error.code];
  if (!asked || flags[asked.flag]) return null;
  const { origin } = detailsOf(error);
  const earlier = flags.origin === origin ? flags : {};
  return { ...earlier, [asked.flag]: true, ...(origin === undefined ? {} : { origin }) };
}

/**
 * The question's first line: the action that asked for it, as a question ("Log the page out?"), so a question that
 * follows a click (or the browser's own prompt) says which click it is about. Without an action, the generic line.
 */
export function questionTitle(action: string | undefined): string {
  const named = action?.trim().replace(/[.?!]+$/, '');
  return named ? t('pageWriteAsk', named) : t('pageWriteTitle');
}

/**
 * Sends a page write; where the background asks first (a site not yet agreed for this app, a page with no session
 * of the app), shows the question, named after `action` (the label of the control that asked) and with the origin the
 * background took from the tab, and sends again on yes, naming that origin. Resolves to null when the tester says no.
 */
export function usePageWrite() {
  const [question, setQuestion] = useState<Question | null>(null);

  async function write<T>(send: (flags: PageWriteFlags) => Promise<T>, action?: string): Promise<T | null> {
    const attempt = async (flags: PageWriteFlags): Promise<T | null> => {
      try {
        return await send(flags);
      } catch (thrown) {
        const error = toCometChatError(thrown);
        const answered = flagsAfterYes(error, flags);
        if (!answered) throw thrown;
        const yes = await new Promise<boolean>((answer) => setQuestion({ error, answer, ...(action ? { action } : {}) }));
        setQuestion(null);
        return yes ? attempt(answered) : null;
      }
    };
    return attempt({});
  }

  return { write, question };
}

/** The open question of {@link usePageWrite}, with its two answers. */
export function PageWriteQuestion({ question }: { question: Question | null }) {
  if (!question) return null;
  const asked = QUESTIONS[question.error.code]!;
  const [siteBefore, siteAfter] = messageAround('pageWriteSite');
  const { origin } = detailsOf(question.error);
  return (
    <div class="notice question" role="alertdialog" aria-labelledby="page-write-question-title" data-testid="page-write-question">
      <p id="page-write-question-title">
        <strong>{questionTitle(question.action)}</strong>
      </p>
      <p>{questionText(question.error)}</p>
      {typeof origin === 'string' && (
        <p>
          {siteBefore}
          <strong>{origin}</strong>
          {siteAfter} <span class="muted">{t('pageWriteFromTab')}</span>
        </p>
      )}
      <div class="actions">
        <button type="button" onClick={() => question.answer(true)}>
          {t(asked.yes)}
        </button>
        <button type="button" class="secondary" onClick={() => question.answer(false)}>
          {t('pageWriteCancel')}
        </button>
      </div>
    </div>
  );
}
