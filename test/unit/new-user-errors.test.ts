import { describe, expect, it } from 'vitest';
import { newUserFieldErrors } from '@/lib/new-user-errors';

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
