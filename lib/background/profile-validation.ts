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
  if (!authKey) details.authKey = ['The Auth Key is required.'];
  if ((input.label ?? '').length > 100) details.label = ['The label may not be longer than 100 characters.'];
  if (rawApiHost && !isHttpUrl(rawApiHost)) details.apiHost = ['The API host must be an http:// or https:// URL, or a host name.'];

  if (Object.keys(details).length > 0) {
    throw new CometChatException({
      code: ERROR_CODES.ERR_INVALID_PROFILE,
      message: 'The app settings are not valid.',
      details,
    });
  }
  return { label: (input.label ?? '').trim() || appId, appId, region, authKey, apiHost: apiHost || undefined };
}

function isHttpUrl(value: string): boolean {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const url = new URL(withScheme);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
