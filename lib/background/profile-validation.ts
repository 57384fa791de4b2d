import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-codes';
import { REGIONS } from '../cometchat/hosts';
import type { ProfileInput } from '../protocol';

/**
 * Checks a profile before it is stored, and answers like CometChat's validation errors:
 * `details` holds one array of messages per field.
 */
export interface ValidProfile {
  label: string;
  appId: string;
  region: string;
  authKey: string;
  apiHost?: string;
}

export function validateProfile(input: ProfileInput): ValidProfile {
  const appId = (input.appId ?? '').trim();
  const region = (input.region ?? '').trim().toLowerCase();
  const authKey = (input.authKey ?? '').trim();
  const rawApiHost = (input.apiHost ?? '').trim();
  const apiHost = rawApiHost.replace(/\/+$/, '');
  const details: Record<string, string[]> = {};

  if (!appId) details.appId = ['The App ID is required.'];
  else if (!/^[A-Za-z0-9_-]{1,64}$/.test(appId)) details.appId = ['The App ID may contain only letters, digits, - and _.'];
  if (!(REGIONS as readonly string[]).includes(region)) details.region = [`The region must be one of ${REGIONS.join(', ')}.`];
  // Optional: without it the app works with Auth Tokens only (pasted tokens, held sessions).
  if (authKey.length > 200) details.authKey = ['The Auth Key may not be longer than 200 characters.'];
  if ((input.label ?? '').length > 100) details.label = ['The label may not be longer than 100 characters.'];
  const apiHostProblem = rawApiHost ? problemWithApiHost(rawApiHost) : null;
  if (apiHostProblem) details.apiHost = [apiHostProblem];

  if (Object.keys(details).length > 0) {
    throw new CometChatException({
      code: ERROR_CODES.ERR_INVALID_PROFILE,
      message: 'The app settings are not valid.',
      details,
    });
  }
  return { label: (input.label ?? '').trim() || appId, appId, region, authKey, apiHost: apiHost || undefined };
}

/**
 * Why an API host cannot be used, or null. The Auth Key and tokens travel in its requests' headers, so
 * plain http is for this machine only (the local emulator); credentials, a query or a fragment in it
 * would be sent along with every request, or silently dropped, so they are refused rather than guessed at.
 */
function problemWithApiHost(value: string): string | null {
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  let url: URL;
  try {
    url = new URL(hasScheme ? value : `https://${value}`);
  } catch {
    return 'The API host must be an https:// URL or a host name.';
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return 'The API host must be an https:// URL or a host name.';
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return 'Plain http:// is allowed only on this machine (localhost, 127.0.0.0/8, [::1]): the Auth Key would travel unencrypted. Use https://.';
  }
  if (url.username || url.password) return 'The API host may not contain a user name or password.';
  if (value.includes('?') || value.includes('#')) return 'The API host may not have a query (?…) or a fragment (#…).';
  return null;
}

/** 127.0.0.0/8, `localhost` and `[::1]`: the addresses that never leave this machine. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}
