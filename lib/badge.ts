import { appPageTabOf, knownName } from './app-tabs';
import { initialsOf } from './display';
import type { Snapshot, TabState } from './protocol';
import type { Words } from './words';

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
 * worker shows the same badge. Its title is in the background's `words`, a failed login's code on a line of its own.
 */
export function badgeFor(snapshot: Snapshot, words: Words): BadgeState {
  const { active, profile, lastLoginError } = snapshot;
  const failed = lastLoginError !== null;
  const app = !profile
    ? words('badgeNoApp')
    : profile.label === profile.appId
      ? words('badgeApp', profile.appId)
      : words('badgeAppLabeled', profile.label, profile.appId);
  const who = active ? words('badgeUser', active.user.name, active.uid, app) : words('badgeNobody', app);
  const title = failed ? `${who}\n${words('badgeLastLoginFailed', lastLoginError.code)}` : who;
  if (!active) return { text: failed ? '!' : '', color: failed ? BADGE_COLORS.failed : BADGE_COLORS.none, title };
  return { text: badgeTextFor(active.uid, active.user.name), color: failed ? BADGE_COLORS.failed : BADGE_COLORS.user, title };
}

/**
 * The badge answers one question on every tab: who runs here? On a tab whose page runs a CometChat app (watched on an
 * allowed site, or pinned), the page's user: teal when the tab is pinned, empty when the app is logged out. Anywhere
 * else no CometChat page runs, and `null` leaves the toolbar's badge: the extension's own user (`badgeFor`), which is
 * what a page here would be given by "Apply". The popup leads with the same answer. Its title is in `words`.
 */
export function tabBadgeFor(snapshot: Snapshot, tab: TabState | undefined, tabId: number, words: Words): BadgeState | null {
  const shown = appPageTabOf(tab, snapshot, tabId);
  if (!shown) return null;
  const { pin } = shown;
  const origin = pin?.origin ?? tab?.origin;
  // A pin is drawn from its record only: a page's report cannot make a tab look pinned.
  if (pin) {
    const title = origin ? words('badgeTabPinnedOn', pin.name, pin.uid, origin) : words('badgeTabPinned', pin.name, pin.uid);
    return { text: badgeTextFor(pin.uid, pin.name), color: BADGE_COLORS.pinned, title };
  }
  const uid = shown.runningUid;
  if (uid === null) {
    return { text: '', color: BADGE_COLORS.none, title: origin ? words('badgeTabNobodyOn', origin) : words('badgeTabNobody') };
  }
  const name = knownName(snapshot, uid);
  const who = name ? `${name} (${uid})` : uid;
  const title = origin ? words('badgeTabRunsOn', who, origin) : words('badgeTabRuns', who);
  return { text: badgeTextFor(uid, name), color: BADGE_COLORS.user, title };
}
