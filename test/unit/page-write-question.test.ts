import { beforeEach, describe, expect, it } from 'vitest';
import { flagsAfterYes, questionText, questionTitle } from '@/components/shared/PageWriteQuestion';
import type { CometChatError } from '@/lib/cometchat/exception';
import { useEnglishMessages } from './support/english-messages';

// The question's title reads its words from public/_locales (English here).
beforeEach(useEnglishMessages);

const ORIGIN = 'http://127.0.0.1:3000';
const question = (code: string, details: Record<string, unknown> = { origin: ORIGIN }): CometChatError => ({ code, message: 'asked', details });

describe("a view's answer to the background's question before a page write", () => {
  it.each([
    ['the site', 'ERR_PAGE_CONSENT_REQUIRED', { consent: true }],
    ['a new session', 'ERR_PAGE_NO_APP_SESSION', { createSession: true }],
    ['a new session where the page has no CometChat', 'ERR_PAGE_NO_COMETCHAT', { createSession: true }],
    ['a shared token', 'ERR_PAGE_SHARED_TOKEN', { shareToken: true }],
  ])('should send a yes to %s with the origin the question named', (_name, code, flag) => {
    expect(flagsAfterYes(question(code), {})).toEqual({ ...flag, origin: ORIGIN });
  });

  it('should keep earlier yes’s for the same origin, and drop those given for another', () => {
    const earlier = { consent: true, origin: ORIGIN };

    expect(flagsAfterYes(question('ERR_PAGE_NO_APP_SESSION'), earlier)).toEqual({ consent: true, createSession: true, origin: ORIGIN });
    expect(flagsAfterYes(question('ERR_PAGE_NO_APP_SESSION', { origin: 'http://127.0.0.1:4000' }), earlier)).toEqual({
      createSession: true,
      origin: 'http://127.0.0.1:4000',
    });
  });

  it('should ask nothing for an error that is no question, or a question already answered', () => {
    expect(flagsAfterYes(question('ERR_PAGE_ORIGIN_CHANGED'), {})).toBeNull();
    expect(flagsAfterYes(question('ERR_PAGE_CONSENT_REQUIRED'), { consent: true, origin: ORIGIN })).toBeNull();
  });
});

describe('the question before a page write', () => {
  it.each([
    ['a switch', 'Switch the page to Susan Marie (cometchat-uid-4)', 'Switch the page to Susan Marie (cometchat-uid-4)?'],
    ['a log-out', 'Log the page out', 'Log the page out?'],
    ['an action already ending in a full stop', 'Apply Andrew Joseph to this tab.', 'Apply Andrew Joseph to this tab?'],
  ])('should name %s that asked for it, as a question', (_name, action, title) => {
    expect(questionTitle(action)).toBe(title);
  });

  it('should fall back to the generic title when the caller names no action', () => {
    expect(questionTitle(undefined)).toBe('Before writing into the page');
    expect(questionTitle('  ')).toBe('Before writing into the page');
  });
});

describe("the question's words, made from its details (the background's sentence is English)", () => {
  it.each([
    [
      'ERR_PAGE_CONSENT_REQUIRED',
      { origin: ORIGIN, app: 'Local emulator', appId: 'emulator-app' },
      'Write sessions of Local emulator (emulator-app) into pages of this site? Asked once for this app and site.',
    ],
    [
      'ERR_PAGE_NO_APP_SESSION',
      { origin: ORIGIN, appId: 'emulator-app' },
      'The page stores no CometChat session for app emulator-app. Start one there?',
    ],
    [
      'ERR_PAGE_NO_COMETCHAT',
      { origin: ORIGIN, appId: 'emulator-app' },
      'This page has no CometChat: no SDK and no stored session of app emulator-app. Write a session there anyway?',
    ],
    [
      'ERR_PAGE_SHARED_TOKEN',
      { origin: ORIGIN, uid: 'cometchat-uid-2', name: 'George Alan', appId: 'emulator-app' },
      "This app has no Auth Key, so the page cannot get a token of its own. Give it the extension's token of George Alan (cometchat-uid-2)? A logout in the page, or revoking its token, then ends the extension's session too.",
    ],
  ])('should ask %s in the words of the message file', (code, details, words) => {
    expect(questionText(question(code, details))).toBe(words);
  });

  it("should show an error it does not know as a question in the error's own message", () => {
    expect(questionText(question('ERR_SOMETHING_NEW'))).toBe('asked');
  });
});
