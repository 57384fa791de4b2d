import { initialsOf } from './display';
import type { Snapshot } from './protocol';

export interface BadgeState {
  text: string;
  /** Background colour, CSS hex. */
  color: string;
  /** The toolbar button's tooltip. */
  title: string;
}

export const BADGE_COLORS = { user: '#3944bc', failed: '#b3261e', none: '#5a5f6e', pinned: '#00695c' } as const;

/** `U3` for cometchat-uid-3, initials for anyone else (at most 4 characters fit a badge). */
export function badgeTextFor(uid: string, name: string | undefined): string {
  const testUser = /^cometchat-uid-(\d+)$/.exec(uid);
  return testUser ? `U${testUser[1]}` : initialsOf(name, uid).slice(0, 4);
}

/**
 * Who is logged in, at a glance: the badge names the user, turns red after a failed login until the
 * next success, and is empty when nobody is logged in. Derived from the snapshot alone, so a restarted
 * worker shows the same badge.
 */
export function badgeFor(snapshot: Snapshot): BadgeState {
  const { active, profile, lastLoginError } = snapshot;
  const failed = lastLoginError !== null;
  const app = profile ? ` · app ${profile.label === profile.appId ? profile.appId : `${profile.label} (${profile.appId})`}` : ' · no app set up';
  const failure = failed ? `\nLast login failed: ${lastLoginError.code}` : '';
  if (!active) {
    return { text: failed ? '!' : '', color: failed ? BADGE_COLORS.failed : BADGE_COLORS.none, title: `CometChat: nobody logged in${app}${failure}` };
  }
  return {
    text: badgeTextFor(active.uid, active.user.name),
    color: failed ? BADGE_COLORS.failed : BADGE_COLORS.user,
    title: `CometChat: ${active.user.name} (${active.uid})${app}${failure}`,
  };
}
