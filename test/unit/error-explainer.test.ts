import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES } from '@/lib/cometchat/exception';
import { explainError } from '@/lib/error-explainer';

/** Every error code `shared/docs/cometchat-protocol.md` names (server and SDK side), as of this commit. */
const PROTOCOL_DOC_CODES = [
  'API_KEY_NOT_SET', 'AUTH_ERR_APIKEY_NOT_FOUND', 'AUTH_ERR_AUTH_TOKEN_NOT_FOUND', 'AUTH_ERR_EMPTY_APIKEY',
  'AUTH_ERR_EMPTY_APPID', 'AUTH_ERR_EMPTY_AUTH_TOKEN', 'AUTH_ERR_INVALID_APPID', 'AUTH_ERR_NO_ACCESS',
  'COMETCHAT_INITIALIZATION_NOT_DONE', 'ERR_AUTH_TOKEN_DELETE_FAILED', 'ERR_AUTH_TOKEN_NOT_FOUND', 'ERR_BAD_REQUEST',
  'ERR_PLAN_RESTRICTION', 'ERR_SUBSCRIPTION_EXPIRED', 'ERR_UID_NOT_FOUND', 'FAILED_TO_FETCH', 'LOGIN_IN_PROGRESS',
  'MISSING_PARAMETERS', 'NO_INTERNET_CONNECTION', 'USER_NOT_LOGED_IN',
];

const PROTOCOL_DOC = new URL('../../../shared/docs/cometchat-protocol.md', import.meta.url);

describe('error explainer', () => {
  it.each(PROTOCOL_DOC_CODES)('should explain %s from the protocol doc', (code) => {
    expect(explainError(code)).toEqual({ cause: expect.any(String), fix: expect.any(String) });
  });

  // The shared docs sit beside the repository on developer machines and in CI, but not in a bare clone:
  // there this check has nothing to compare with, and the list above still covers every code.
  it.runIf(existsSync(PROTOCOL_DOC))('should list every code the protocol doc names, so a new one cannot be missed', () => {
    const doc = readFileSync(PROTOCOL_DOC, 'utf8');
    const named = doc.match(/\b(?:AUTH_ERR|ERR)_[A-Z_]+\b|\b(?:MISSING_PARAMETERS|COMETCHAT_INITIALIZATION_NOT_DONE|LOGIN_IN_PROGRESS|USER_NOT_LOGED_IN|API_KEY_NOT_SET|FAILED_TO_FETCH|NO_INTERNET_CONNECTION)\b/g);

    expect([...new Set(named)].sort()).toEqual(PROTOCOL_DOC_CODES);
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
