import { describe, expect, it } from 'vitest';
import { newUserFieldErrors, newUserProblemText, newUserProblems } from '@/lib/new-user-errors';
import { englishWords } from './support/english-messages';

describe('a failed createUser, placed by its field', () => {
  it('should put a missing Name by the Name field, in the words of the check', () => {
    const error = { code: 'MISSING_PARAMETERS', message: 'Name cannot be empty.', details: { parameter: 'Name' } };

    expect(newUserFieldErrors(error)).toEqual({ name: 'Name cannot be empty.' });
  });

  it("should put CometChat's validation messages by each field they name, as sentences", () => {
    const error = {
      code: 'ERR_BAD_REQUEST',
      message: 'Failed to validate the data.',
      details: { uid: ['The uid may only contain letters.', 'The uid is too long.'], role: ['The role is unknown.'] },
    };

    expect(newUserFieldErrors(error)).toEqual({ uid: 'The uid may only contain letters. The uid is too long.', role: 'The role is unknown.' });
  });

  it('should put a taken uid by the UID field', () => {
    const error = { code: 'ERR_UID_ALREADY_EXISTS', message: 'The UID qa-1 already exists, please use another UID.', details: {} };

    expect(newUserFieldErrors(error)).toEqual({ uid: 'The UID qa-1 already exists, please use another UID.' });
  });

  it.each([
    ['no error', null],
    ['a network failure', { code: 'FAILED_TO_FETCH', message: 'CometChat could not be reached.', details: { url: 'https://x' } }],
    ['a missing Auth Key', { code: 'MISSING_PARAMETERS', message: 'Auth Key cannot be empty.', details: { parameter: 'Auth Key' } }],
    ['details as a sentence', { code: 'ERR_BAD_REQUEST', message: 'Bad.', details: 'Please check the body.' }],
  ])('should name no field for %s (the view shows the error itself)', (_, error) => {
    expect(newUserFieldErrors(error)).toBeNull();
  });
});

describe("the create form's own check of a new user", () => {
  it.each([
    ['a blank uid and name', { uid: ' ', name: '' }, { uid: 'The uid field is required.', name: 'The name field is required.' }],
    ['a uid with a space', { uid: 'has space', name: 'N' }, { uid: 'The uid may only contain letters, numbers, dashes and underscores.' }],
    ['a name too long', { uid: 'ok', name: 'n'.repeat(101) }, { name: 'The name may not be greater than 100 characters.' }],
    [
      'an avatar that is no web address',
      { uid: 'ok', name: 'N', avatar: 'javascript:alert(1)' },
      { avatar: 'The avatar must be an http or https URL.' },
    ],
    ['a role too long', { uid: 'ok', name: 'N', role: 'r'.repeat(101) }, { role: 'The role may not be greater than 100 characters.' }],
  ])('should say by its field what is wrong with %s, as CometChat would', (_name, user, text) => {
    const problems = newUserProblems(user);

    expect(problems).not.toBeNull();
    expect(newUserProblemText(problems!, englishWords)).toEqual(text);
  });

  it('should find nothing wrong with a user CometChat would take', () => {
    expect(newUserProblems({ uid: 'qa-tester_1', name: 'QA Tester', avatar: 'https://example.com/a.png', role: 'default' })).toBeNull();
  });
});
