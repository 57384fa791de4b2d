import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-codes';
import type { ImportPreview, ProfileInput, ProfileSummary } from '../protocol';
import type { StoredProfile } from '../store/schema';
import type { BackgroundContext } from './context';
import { validateProfile } from './profile-validation';
import { parseProfileFile, planImport, profileKey, serializeProfiles } from './profile-transfer';
import { summarizeProfile } from './snapshot';

/** App profiles: create, edit, choose, delete, and move them between machines as files. */
export function createProfileService(context: BackgroundContext) {
  const { store, queue } = context;

  /** Changes profiles in the queue, then tells every view. */
  const change = <T>(task: () => Promise<T>) =>
    queue.run(async () => {
      const result = await task();
      await context.broadcastSnapshot();
      return result;
    });

  async function allProfiles(): Promise<StoredProfile[]> {
    return (await store.readState(0)).profiles;
  }

  return {
    /**
     * With an `id`, edits that profile (a blank Auth Key keeps the stored one). Without, adds a profile
     * and makes it active, unless the same app is already there: then that one is updated and activated.
     */
    saveProfile: (input: ProfileInput): Promise<ProfileSummary> =>
      change(async () => {
        const profiles = await allProfiles();
        const editing = input.id ? await store.getProfile(input.id) : null;
        if (input.id && !editing) await store.activateProfile(input.id); // throws ERR_PROFILE_NOT_FOUND
        const sameApp = (candidate: ProfileInput) => profiles.find((profile) => profileKey(profile) === profileKey(normalize(candidate)));
        const target = editing ?? sameApp(input) ?? null;
        const valid = validateProfile(!input.authKey?.trim() && target ? { ...input, authKey: target.authKey } : input);
        const profile: StoredProfile = { ...valid, id: target?.id ?? context.newId() };
        await store.saveProfile(profile, { activate: !editing });
        return summarizeProfile(profile);
      }),

    activateProfile: (id: string) => change(async () => (await store.activateProfile(id), null)),

    deleteProfile: (id: string) => change(async () => (await store.deleteProfile(id), null)),

    async revealAuthKey(id: string): Promise<string> {
      const profile = await store.getProfile(id);
      if (!profile) throw new CometChatException({ code: ERROR_CODES.ERR_PROFILE_NOT_FOUND, message: `No app profile has the id ${id}.`, details: { id } });
      return profile.authKey;
    },

    async exportProfiles(includeSecrets: boolean): Promise<string> {
      return serializeProfiles(await allProfiles(), includeSecrets === true, context.now());
    },

    async previewImport(json: string): Promise<ImportPreview> {
      return { items: planImport(parseProfileFile(json), await allProfiles()) };
    },

    /** Adds new profiles, replaces only the conflicting ones named in `replace`, leaves the rest alone. */
    applyImport: (json: string, replace: string[]): Promise<ImportPreview> =>
      change(async () => {
        const imported = parseProfileFile(json);
        const existing = await allProfiles();
        const items = planImport(imported, existing);
        const hasActive = (await store.getActiveProfile()) !== null;
        for (const [index, item] of items.entries()) {
          const profile = imported[index]!;
          const { key: _key, ...fields } = profile;
          const match = existing.find((candidate) => profileKey(candidate) === item.key);
          if (item.status === 'new') {
            await store.saveProfile({ ...fields, id: context.newId() }, { activate: !hasActive && index === 0 });
          } else if (item.status === 'conflict' && match && replace.includes(item.key)) {
            await store.saveProfile({ ...match, label: fields.label, authKey: fields.authKey || match.authKey }, { activate: false });
          }
        }
        return { items };
      }),
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;

function normalize(input: ProfileInput): { appId: string; region: string; apiHost?: string } {
  const apiHost = (input.apiHost ?? '').trim().replace(/\/+$/, '');
  return { appId: (input.appId ?? '').trim(), region: (input.region ?? '').trim().toLowerCase(), ...(apiHost ? { apiHost } : {}) };
}
