import { describe, expect, it } from 'vitest';
import { sessionFromMe } from '@/lib/cometchat/user';

describe("a PUT me reply's user", () => {
  it('should keep the user fields and set the credentials apart', () => {
    const session = sessionFromMe({ uid: 'cometchat-uid-1', name: 'Andrew Joseph', role: 'default', authToken: 't', jwt: 'j' }, 'sent');

    expect(session).toMatchObject({ user: { uid: 'cometchat-uid-1', name: 'Andrew Joseph', role: 'default' }, authToken: 't', jwt: 'j' });
    expect(session.user).not.toHaveProperty('authToken');
  });

  it.each([
    ['a number', { uid: 42, name: 7 }, { uid: '42', name: '7' }],
    ['no name', { uid: 'cometchat-uid-2' }, { uid: 'cometchat-uid-2', name: 'cometchat-uid-2' }],
    ['an object for a name', { uid: 'cometchat-uid-3', name: { first: 'Nancy' } }, { uid: 'cometchat-uid-3', name: 'cometchat-uid-3' }],
    ['an object for a uid', { uid: { id: 1 } }, { uid: '', name: '' }],
  ])('should read a uid and a name as text, never as "[object Object]", given %s', (_case, reply, expected) => {
    expect(sessionFromMe(reply, 'sent').user).toMatchObject(expected);
  });
});
