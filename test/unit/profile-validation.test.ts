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
    ['an Auth Key past 200 characters', { authKey: 'k'.repeat(201) }, 'authKey'],
    ['a javascript: API host', { apiHost: 'javascript:alert(1)' }, 'apiHost'],
    ['a file: API host', { apiHost: 'file:///etc/passwd' }, 'apiHost'],
    ['a non-URL API host', { apiHost: 'http://' }, 'apiHost'],
    ['plain http to another machine', { apiHost: 'http://chat.example.com' }, 'apiHost'],
    ['plain http to a private address', { apiHost: 'http://192.168.1.20:7717' }, 'apiHost'],
    ['plain http to a name that only starts like loopback', { apiHost: 'http://127.0.0.1.example.com' }, 'apiHost'],
    ['a user name and password', { apiHost: 'https://me:secret@chat.example.com' }, 'apiHost'],
    ['a user name in a bare host', { apiHost: 'me@chat.example.com' }, 'apiHost'],
    ['a query', { apiHost: 'https://chat.example.com/?appId=x' }, 'apiHost'],
    ['a fragment', { apiHost: 'https://chat.example.com/#x' }, 'apiHost'],
  ])('should reject %s with a per-field message', (_name, change, field) => {
    const attempt = () => validateProfile({ ...valid, ...change });

    expect(attempt).toThrow(expect.objectContaining({ code: 'ERR_INVALID_PROFILE', details: { [field]: [expect.any(String)] } }));
  });

  it.each(['http://localhost:7717', 'http://127.0.0.1:7717', 'http://127.8.9.10', 'http://[::1]:7717', 'https://chat.example.com/v3'])(
    'should accept %s as API host',
    (apiHost) => {
      expect(validateProfile({ ...valid, apiHost }).apiHost).toBe(apiHost);
    },
  );

  it('should say why plain http to another machine is refused', () => {
    const attempt = () => validateProfile({ ...valid, apiHost: 'http://chat.example.com' });

    expect(attempt).toThrow(expect.objectContaining({ details: { apiHost: [expect.stringContaining('Use https://')] } }));
  });

  it('should accept an app without an Auth Key, which then works with Auth Tokens only', () => {
    expect(validateProfile({ ...valid, authKey: '  ' })).toMatchObject({ appId: 'abc123', authKey: '' });
  });

  it('should accept a bare host name as API host', () => {
    expect(validateProfile({ ...valid, apiHost: 'chat.example.com/prefix' }).apiHost).toBe('chat.example.com/prefix');
  });
});
