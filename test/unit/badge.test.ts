import { describe, expect, it } from 'vitest';
import { BADGE_COLORS, badgeFor, badgeTextFor } from '@/lib/badge';
import type { Snapshot } from '@/lib/protocol';
import { englishWords } from './support/english-messages';

const profile = { id: 'p1', label: 'Staging', appId: 'app-1', region: 'eu', authKeyMasked: '••••' };
const session = (uid: string, name: string) => ({
  uid,
  user: { uid, name },
  authTokenMasked: '••••',
  hasJwt: true,
  loggedInAt: 1,
  health: null,
  tokenCreatedAt: null,
});
const snapshot = (change: Partial<Snapshot>): Snapshot => ({
  epoch: 'e1',
  revision: 1,
  lastSeq: 0,
  profiles: [profile],
  profile,
  pinnedTabs: [],
  active: null,
  sessions: [],
  lastLoginError: null,
  unreadableRecords: 0,
  ...change,
});

describe('badge', () => {
  it.each([
    ['cometchat-uid-3', 'Nancy Grace', 'U3'],
    ['cometchat-uid-12', 'Twelve', 'U12'],
    ['superhero7', 'Clark Kent', 'CK'],
    ['qa-bot', '', 'QB'],
  ])('should show %s as %s', (uid, name, text) => {
    expect(badgeTextFor(uid, name)).toBe(text);
  });

  it('should name the user and the app in the tooltip', () => {
    const nancy = session('cometchat-uid-3', 'Nancy Grace');

    expect(badgeFor(snapshot({ active: nancy, sessions: [nancy] }), englishWords)).toEqual({
      text: 'U3',
      color: BADGE_COLORS.user,
      title: 'CometChat: Nancy Grace (cometchat-uid-3) · app Staging (app-1)',
    });
  });

  it('should be empty and neutral when nobody is logged in', () => {
    expect(badgeFor(snapshot({}), englishWords)).toMatchObject({ text: '', color: BADGE_COLORS.none });
  });

  it('should turn red after a failed login and keep the logged-in user', () => {
    const nancy = session('cometchat-uid-3', 'Nancy Grace');
    const badge = badgeFor(snapshot({ active: nancy, lastLoginError: { code: 'ERR_UID_NOT_FOUND', message: 'x', details: {} } }), englishWords);

    expect(badge).toMatchObject({ text: 'U3', color: BADGE_COLORS.failed });
    expect(badge.title).toContain('Last login failed: ERR_UID_NOT_FOUND');
  });

  it.each([
    ['an app with a label', {}, 'CometChat: nobody logged in · app Staging (app-1)'],
    ['an app known by its ID alone', { profile: { ...profile, label: 'app-1' } }, 'CometChat: nobody logged in · app app-1'],
    ['no app', { profile: null }, 'CometChat: nobody logged in · no app set up'],
    [
      'a failed login, on a line of its own',
      { lastLoginError: { code: 'ERR_UID_NOT_FOUND', message: 'x', details: {} } },
      'CometChat: nobody logged in · app Staging (app-1)\nLast login failed: ERR_UID_NOT_FOUND',
    ],
  ])('should say nobody is logged in, with %s, in the tooltip', (_name, change: Partial<Snapshot>, title) => {
    expect(badgeFor(snapshot(change), englishWords).title).toBe(title);
  });
});
