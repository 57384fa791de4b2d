import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES } from '@/lib/cometchat/exception';
import { explainError } from '@/lib/error-explainer';

/** Every error code the protocol doc names, read from the doc itself so a new code cannot be missed. */
function codesInProtocolDoc(): string[] {
  const doc = readFileSync(new URL('../../../shared/docs/cometchat-protocol.md', import.meta.url), 'utf8');
  return [...new Set(doc.match(/\b(?:AUTH_ERR|ERR)_[A-Z_]+\b|\b(?:MISSING_PARAMETERS|COMETCHAT_INITIALIZATION_NOT_DONE|LOGIN_IN_PROGRESS|USER_NOT_LOGED_IN|API_KEY_NOT_SET|FAILED_TO_FETCH|NO_INTERNET_CONNECTION)\b/g))];
}

describe('error explainer', () => {
  it.each(codesInProtocolDoc())('should explain %s from the protocol doc', (code) => {
    expect(explainError(code)).toEqual({ cause: expect.any(String), fix: expect.any(String) });
  });

  it.each(Object.values(CLIENT_ERROR_CODES))('should explain the extension\'s own %s', (code) => {
    expect(explainError(code)).toBeDefined();
  });

  it('should say the Auth Key does not belong to the app for AUTH_ERR_APIKEY_NOT_FOUND', () => {
    expect(explainError('AUTH_ERR_APIKEY_NOT_FOUND')?.cause).toBe('This Auth Key does not belong to this app / region.');
  });

  it('should have nothing to say for an unknown code, rather than guess', () => {
    expect(explainError('toString')).toBeUndefined();
  });
});
