/**
 * Sites, as site access works: one grant covers a scheme and host on every port, because Firefox ignores ports
 * in match patterns (a pattern with one never matches there), so both browsers are given port-less patterns.
 * A grant is asked for one named host at a time: a `*` in a host would be a match pattern for many sites
 * (`https://*` → `https://*\/*`, every https page), which a hostile page could make a view offer.
 */
import { ERROR_CODES } from './cometchat/error-code-names';
import { CometChatException } from './cometchat/exception';

/** `scheme://host` of an origin. */
export function siteOf(origin: string): string {
  try {
    const url = new URL(origin);
    return `${url.protocol}//${url.hostname}`;
  } catch {
    return origin;
  }
}

/**
 * `scheme://host` of an http(s) origin that names one host, else null: the only sites access is asked for. A host is
 * a name, an IPv4 or a bracketed IPv6 address: no `*` (a pattern for many sites), nor the `%2A` Chromium's URL parser
 * turns it into.
 */
export function grantableSite(origin: unknown): string | null {
  if (typeof origin !== 'string') return null;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!/^(?:[a-z0-9_-]+\.)*[a-z0-9_-]+\.?$|^\[[0-9a-f:.]+\]$/i.test(url.hostname)) return null;
  return `${url.protocol}//${url.hostname}`;
}

/** `scheme://host` of `origin` as {@link grantableSite}; throws `ERR_INVALID_SITE` for anything but one http(s) host. */
export function requireSite(origin: string): string {
  const site = grantableSite(origin);
  if (site !== null) return site;
  throw new CometChatException({
    code: ERROR_CODES.ERR_INVALID_SITE,
    message: `Site access is given to one http or https site at a time: ${String(origin).slice(0, 200)} is not one.`,
    details: { origin: String(origin).slice(0, 200) },
  });
}

/**
 * The permission pattern for the site of `origin`: `scheme://host/*`. Throws `ERR_INVALID_SITE` for anything but one
 * http(s) host, so no request or registration built here can ever cover many sites.
 */
export function sitePattern(origin: string): string {
  return `${requireSite(origin)}/*`;
}

/** Whether a pattern the browser granted covers exactly one site (`scheme://host/*`), as {@link sitePattern} builds them. */
export function isSitePattern(pattern: string): boolean {
  return /^https?:\/\/[^*/]+\/\*$/.test(pattern);
}
