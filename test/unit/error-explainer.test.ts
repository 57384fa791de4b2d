import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ERROR_CODES, ERROR_REGISTRY, type ErrorCode } from '@/lib/cometchat/error-codes';
import { explainError } from '@/lib/error-explainer';
import { englishWords } from './support/english-messages';

const CODES = Object.keys(ERROR_REGISTRY) as ErrorCode[];
const MESSAGES = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8')) as Record<string, unknown>;
/** The codes the message file explains, by a message's prefix. */
const codesWith = (prefix: string) =>
  Object.keys(MESSAGES)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length))
    .sort();
/** The English explanation of a declared code. */
const english = (code: ErrorCode) => explainError(code, englishWords)!;
/** The registry is the source of truth for the protocol doc's list (§8); the doc, when present, must agree with it. */
const PROTOCOL_DOC_CODES = CODES.filter((code) => ERROR_REGISTRY[code].inProtocolDoc).sort();

const PROTOCOL_DOC = new URL('../../../shared/docs/cometchat-protocol.md', import.meta.url);
const HAS_PROTOCOL_DOC = existsSync(PROTOCOL_DOC);

/** The codes the doc names: its two §8 lists ("…error codes: `…`", "SDK-side codes: `…`") and any ERR_ code in its text. */
function codesNamedIn(doc: string): { lists: number; codes: string[] } {
  const lists = [...doc.matchAll(/codes:\s*`([^`]+)`/g)].map((match) => match[1] ?? '');
  const listed = lists.flatMap((list) => list.match(/\b[A-Z][A-Z_]+[A-Z]\b/g) ?? []);
  const mentioned = doc.match(/\b(?:AUTH_ERR|ERR)_[A-Z_]+\b/g) ?? [];
  return { lists: lists.length, codes: [...new Set([...listed, ...mentioned])].sort() };
}

describe('error-code registry', () => {
  it.each(CODES)('should give %s a message, a likely cause and a fix', (code) => {
    const { message } = ERROR_REGISTRY[code];
    const { cause, fix } = english(code);

    expect(message.trim(), `${code} has no message`).not.toBe('');
    expect(cause.trim(), `${code} has no cause`).not.toBe('');
    expect(fix.trim(), `${code} has no fix`).not.toBe('');
  });

  it('should explain exactly the codes it declares, a cause and a fix each in public/_locales', () => {
    expect(codesWith('errorCause_')).toEqual([...CODES].sort());
    expect(codesWith('errorFix_')).toEqual([...CODES].sort());
  });

  it.each(CODES)('should spell %s as itself in ERROR_CODES', (code) => {
    expect(ERROR_CODES[code]).toBe(code);
  });

  it('should type ERROR_CODES.X as the literal code, so a misspelt code does not compile', () => {
    expectTypeOf(ERROR_CODES.ERR_UID_NOT_FOUND).toEqualTypeOf<'ERR_UID_NOT_FOUND'>();
    expectTypeOf(ERROR_CODES).not.toHaveProperty('ERR_NO_SUCH_CODE');
  });

  it("should mark only server and SDK codes as the protocol doc's, and some of each", () => {
    const origins = new Set(PROTOCOL_DOC_CODES.map((code) => ERROR_REGISTRY[code].origin));

    expect([...origins].sort()).toEqual(['sdk', 'server']);
  });

  // The shared docs sit beside the repository on developer machines and in CI, not in a bare clone. The
  // registry above is always tested; this comparison shows as skipped, with its reason, when it cannot run.
  it.skipIf(!HAS_PROTOCOL_DOC)(
    'should declare exactly the codes ../shared/docs/cometchat-protocol.md names (skipped when that doc is not beside the clone)',
    () => {
      const { lists, codes } = codesNamedIn(readFileSync(PROTOCOL_DOC, 'utf8'));

      expect(lists, 'the doc no longer has its two code lists in §8: update codesNamedIn').toBe(2);
      expect(codes).toEqual(PROTOCOL_DOC_CODES);
    },
  );

  it('should tell a tester the extension itself can create a missing user, not only the dashboard', () => {
    const { fix } = english('ERR_UID_NOT_FOUND');

    expect(fix).toContain('let the extension create the user');
    expect(fix).not.toContain('dashboard');
  });

  it('should not name a UID, an Auth Key or a token as the missing value when the message names the field', () => {
    expect(english('MISSING_PARAMETERS').fix).toBe('Fill in the value the message names.');
  });
});

describe('error explainer', () => {
  it.each(CODES)('should explain %s with its messages in public/_locales', (code) => {
    expect(explainError(code, englishWords)).toEqual({ cause: englishWords(`errorCause_${code}`), fix: englishWords(`errorFix_${code}`) });
  });

  it('should say the Auth Key does not belong to the app for AUTH_ERR_APIKEY_NOT_FOUND', () => {
    expect(explainError('AUTH_ERR_APIKEY_NOT_FOUND', englishWords)?.cause).toBe('This Auth Key does not belong to this app / region.');
  });

  it('should name session storage mode as the cause of a page switch that wrote localStorage for an app that reads sessionStorage', () => {
    const details = { expected: 'cometchat-uid-4', reportedBySdk: 'cometchat-uid-3', written: 'localStorage', appStorage: 'sessionStorage' };

    expect(explainError('ERR_PAGE_SWITCH_NOT_VERIFIED', englishWords, details)?.cause).toContain("CometChat's session storage mode");
    expect(explainError('ERR_PAGE_SWITCH_NOT_VERIFIED', englishWords, { expected: 'cometchat-uid-4' })?.cause).toBe(
      englishWords('errorCause_ERR_PAGE_SWITCH_NOT_VERIFIED'),
    );
  });

  it.each(['ERR_SOMETHING_NEW', 'toString', '__proto__'])('should have nothing to say for %s, rather than guess', (code) => {
    expect(explainError(code, englishWords)).toBeUndefined();
  });
});
