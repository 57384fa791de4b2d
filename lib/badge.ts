import { appPageTabOf, knownName } from './app-tabs';
import { initialsOf } from './display';
import type { Snapshot, TabState } from './protocol';

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

/**
 * The badge answers one question on every tab: who runs here? On a tab whose page runs a CometChat app (watched on an
 * allowed site, or pinned), the page's user: teal when the tab is pinned, empty when the app is logged out. Anywhere
 * else no CometChat page runs, and `null` leaves the toolbar's badge: the extension's own user (`badgeFor`), which is
 * what a page here would be given by "Apply". The popup leads with the same answer.
 */
export function tabBadgeFor(snapshot: Snapshot, tab: TabState | undefined, tabId: number): BadgeState | null {
  const shown = appPageTabOf(tab, snapshot, tabId);
  if (!shown) return null;
  const { pin } = shown;
  const origin = pin?.origin ?? tab?.origin;
  const on = origin ? ` on ${origin}` : '';
  // A pin is drawn from its record only: a page's report cannot make a tab look pinned.
  if (pin)
    return {
      text: badgeTextFor(pin.uid, pin.name),
      color: BADGE_COLORS.pinned,
      title: `CometChat: this tab is pinned to ${pin.name} (${pin.uid})${on}`,
    };
  const uid = shown.runningUid;
  if (uid === null) return { text: '', color: BADGE_COLORS.none, title: `CometChat: nobody is logged in to the app in this tab${on}` };
  const name = knownName(snapshot, uid);
  const who = name ? `${name} (${uid})` : uid;
  return { text: badgeTextFor(uid, name), color: BADGE_COLORS.user, title: `CometChat: this tab runs ${who}${on} (the shared session)` };
}
