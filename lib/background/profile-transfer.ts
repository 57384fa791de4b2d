import { CometChatException, toCometChatError } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-codes';
import type { ImportItem } from '../protocol';
import type { StoredProfile } from '../store/schema';
import { validateProfile, type ValidProfile } from './profile-validation';

/** Marks a file as ours, so an unrelated JSON file is refused rather than half-imported. */
export const PROFILE_FILE_FORMAT = 'cometchat-session-inspector/profiles';
const MAX_FILE_CHARS = 1_000_000;
const MAX_PROFILES = 100;

/** How a profile is recognised across machines: the same app in the same region behind the same host. */
export function profileKey({ appId, region, apiHost }: { appId: string; region: string; apiHost?: string }): string {
  return `${appId}@${region}${apiHost ? ` via ${apiHost}` : ''}`;
}

/** The export file. Auth Keys are written only when `includeSecrets` is true. */
export function serializeProfiles(profiles: StoredProfile[], includeSecrets: boolean, now: number): string {
  return JSON.stringify(
    {
      format: PROFILE_FILE_FORMAT,
      version: 1,
      exportedAt: new Date(now).toISOString(),
      includesSecrets: includeSecrets,
      profiles: profiles.map(({ label, appId, region, apiHost, authKey }) => ({
        label,
        appId,
        region,
        ...(apiHost ? { apiHost } : {}),
        ...(includeSecrets ? { authKey } : {}),
      })),
    },
    null,
    2,
  );
}

/** An imported profile, validated; `authKey` is '' when the file left it out. */
export type ImportedProfile = ValidProfile & { key: string };

/** Parses and validates a whole file; any problem rejects the whole file with every problem listed. */
export function parseProfileFile(json: string): ImportedProfile[] {
  const fail = (message: string, details: Record<string, unknown> = {}): never => {
    throw new CometChatException({ code: ERROR_CODES.ERR_INVALID_IMPORT, message, details });
  };
  if (typeof json !== 'string' || json.length > MAX_FILE_CHARS) fail('The file is empty or larger than 1 MB.');
  let file: unknown;
  try {
    file = JSON.parse(json);
  } catch (error) {
    fail(`The file is not JSON: ${(error as Error).message}`);
  }
  const { format, profiles } = (file ?? {}) as { format?: unknown; profiles?: unknown };
  if (format !== PROFILE_FILE_FORMAT) fail(`The file is not a profile export of this extension (its "format" is not "${PROFILE_FILE_FORMAT}").`);
  if (!Array.isArray(profiles) || profiles.length === 0 || profiles.length > MAX_PROFILES) fail(`The file must list 1 to ${MAX_PROFILES} profiles.`);

  const problems: Record<string, unknown> = {};
  const parsed: ImportedProfile[] = [];
  (profiles as unknown[]).forEach((entry, index) => {
    const raw = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    try {
      // A file without secrets has no Auth Key: validate the rest, and keep the key empty.
      const valid = validateProfile({
        label: text(raw.label),
        appId: text(raw.appId),
        region: text(raw.region),
        apiHost: text(raw.apiHost),
        authKey: text(raw.authKey) || 'not-in-file',
      });
      parsed.push({ ...valid, authKey: text(raw.authKey).trim(), key: profileKey(valid) });
    } catch (error) {
      problems[`profiles[${index}]`] = toCometChatError(error).details;
    }
  });
  if (Object.keys(problems).length > 0) fail('Some profiles in the file are not valid; nothing was imported.', problems);
  return parsed;
}

/** What importing would do to each profile, given the ones already stored. */
export function planImport(imported: ImportedProfile[], existing: StoredProfile[]): ImportItem[] {
  return imported.map((profile) => {
    const match = existing.find((candidate) => profileKey(candidate) === profile.key);
    const isSame = match && match.label === profile.label && (!profile.authKey || match.authKey === profile.authKey);
    return {
      key: profile.key,
      label: profile.label,
      appId: profile.appId,
      region: profile.region,
      ...(profile.apiHost ? { apiHost: profile.apiHost } : {}),
      hasAuthKey: Boolean(profile.authKey),
      status: !match ? 'new' : isSame ? 'same' : 'conflict',
    };
  });
}
