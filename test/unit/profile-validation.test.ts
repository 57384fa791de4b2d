import { describe, expect, it } from 'vitest';
import { validateProfile } from '@/lib/background/profile-validation';

const valid = { appId: 'abc123', region: 'eu', authKey: 'key' };

describe('profile validation', () => {
  it('should accept a complete profile and normalize it', () => {
    expect(validateProfile({ ...valid, region: ' US ', apiHost: 'http://127.0.0.1:7717/' })).toEqual({
      label: 'abc123',
      appId: 'abc123',
      region: 'us',
      authKey: 'key',
      apiHost: 'http://127.0.0.1:7717',
    });
  });

  it.each([
    ['an empty App ID', { appId: '' }, 'appId'],
    ['an App ID with a slash', { appId: 'a/b' }, 'appId'],
    ['an unknown region', { region: 'mars' }, 'region'],
    ['an empty Auth Key', { authKey: '  ' }, 'authKey'],
    ['a javascript: API host', { apiHost: 'javascript:alert(1)' }, 'apiHost'],
    ['a file: API host', { apiHost: 'file:///etc/passwd' }, 'apiHost'],
    ['a non-URL API host', { apiHost: 'http://' }, 'apiHost'],
  ])('should reject %s with a per-field message', (_name, change, field) => {
    const attempt = () => validateProfile({ ...valid, ...change });

    expect(attempt).toThrow(expect.objectContaining({ code: 'ERR_INVALID_PROFILE', details: { [field]: [expect.any(String)] } }));
  });

  it('should accept a bare host name as API host', () => {
    expect(validateProfile({ ...valid, apiHost: 'chat.example.com/prefix' }).apiHost).toBe('chat.example.com/prefix');
  });
});
