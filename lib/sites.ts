/**
 * Sites, as site access works: one grant covers a scheme and host on every port, because Firefox ignores ports
 * in match patterns (a pattern with one never matches there), so both browsers are given port-less patterns.
 */

/** `scheme://host` of an origin. */
export function siteOf(origin: string): string {
  try {
    const url = new URL(origin);
    return `${url.protocol}//${url.hostname}`;
  } catch {
    return origin;
  }
}

/** The permission pattern for the site of `origin`: `scheme://host/*`. */
export function sitePattern(origin: string): string {
  return `${siteOf(origin)}/*`;
}
