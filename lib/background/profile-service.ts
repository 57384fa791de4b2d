import { ERROR_CODES } from '../cometchat/error-codes';
import { checkApiHost } from '../cometchat/host-check';
import type { AppEndpoint } from '../cometchat/hosts';
import { CometChatException } from '../cometchat/exception';
import type { ImportPreview, PinnedTabSummary, ProfileInput, ProfileSummary } from '../protocol';
import type { StoredProfile } from '../store/schema';
import type { Repositories } from '../store/transaction';
import type { BackgroundContext } from './context';
import type { PinRecords } from './page/pin-records';
import { validateProfile } from './profile-validation';
import { parseProfileFile, planImport, profileKey, serializeProfiles } from './profile-transfer';
import { summarizeProfile } from './snapshot';

/**
 * App profiles: create, edit, choose, delete, and move them between machines as files. `checkHost` tells whether a
 * CometChat API answers at an app's API host (`checkApiHost` in `lib/cometchat/host-check.ts`).
 */
export function createProfileService(
  context: BackgroundContext,
  pins: Pick<PinRecords, 'revokeAll'>,
  checkHost: (endpoint: AppEndpoint) => Promise<void> = checkApiHost,
) {
  const { store } = context;

  /** One command whose write is one transaction: either all of it lands, or none. */
  const change = <T>(write: (repositories: Repositories) => Promise<T>) =>
    context.command(async (commit) => (await commit(async (repositories) => ({ value: await write(repositories) }))).value);

  const allProfiles = () => store.read((repositories) => repositories.profiles.all());

  return {
    /**
     * With an `id`, edits that profile (a blank Auth Key keeps the stored one). Without, adds a profile
     * and makes it active, unless the same app is already there: then that one is updated and activated. With
     * `checkApiHost`, a given API host must answer first: the tester learns of a typo now, not at the first login.
     */
    async saveProfile(input: ProfileInput, { checkApiHost: isChecked = false }: { checkApiHost?: boolean } = {}): Promise<ProfileSummary> {
      if (isChecked) {
        // Invalid settings say so first; the check runs outside the command queue, so a slow host holds up no other command.
        const valid = validateProfile(input);
        if (valid.apiHost) await checkHost(valid);
      }
      return change(async ({ profiles }) => {
        const all = await profiles.all();
        const editing = input.id ? all.find((profile) => profile.id === input.id) : undefined;
        if (input.id && !editing) throw profileNotFound(input.id);
        const sameApp = (candidate: ProfileInput) => all.find((profile) => profileKey(profile) === profileKey(normalize(candidate)));
        const target = editing ?? sameApp(input) ?? null;
        const valid = validateProfile(!input.authKey?.trim() && target ? { ...input, authKey: target.authKey } : input);
        const profile: StoredProfile = { ...valid, id: target?.id ?? context.newId() };
        await profiles.save(profile);
        if (!editing) await profiles.setActiveId(profile.id);
        return summarizeProfile(profile);
      });
    },

    activateProfile: (id: string) =>
      change(async ({ profiles }) => {
        if (!(await profiles.get(id))) throw profileNotFound(id);
        await profiles.setActiveId(id);
        return null;
      }),

    /**
     * Deletes the profile and its sessions; if it was active, the first remaining profile (or none) becomes active.
     * Its pinned tabs' tokens are revoked first, while the app is there to revoke them with; `unrevoked` lists the
     * pins whose token CometChat could not be told about (network): forgotten anyway, valid until they expire.
     */
    deleteProfile: (id: string): Promise<{ unrevoked: PinnedTabSummary[] }> =>
      context.command(async (commit) => {
        const [profile, pinned] = await store.read(({ profiles, meta }) => Promise.all([profiles.get(id), meta.pinnedTabs()]));
        if (!profile) throw profileNotFound(id);
        const unrevoked = await pins.revokeAll(pinned.filter((pin) => pin.profileId === id));
        await commit(async ({ profiles, sessions, meta }) => {
          const consents = (await meta.siteConsents()).filter((consent) => consent.profileId !== id);
          const kept = (await meta.pinnedTabs()).filter((pin) => pin.profileId !== id);
          await Promise.all([profiles.delete(id), sessions.deleteOfProfile(id), meta.setSiteConsents(consents), meta.setPinnedTabs(kept)]);
          if ((await profiles.activeId()) === id) await profiles.setActiveId((await profiles.all())[0]?.id ?? null);
          return { value: null };
        });
        return { unrevoked };
      }),

    async revealAuthKey(id: string): Promise<string> {
      const profile = await store.read((repositories) => repositories.profiles.get(id));
      if (!profile) throw profileNotFound(id);
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
      change(async ({ profiles }) => {
        const imported = parseProfileFile(json);
        const existing = await profiles.all();
        const items = planImport(imported, existing);
        const hasActive = (await profiles.active()) !== null;
        for (const [index, item] of items.entries()) {
          const { key: _key, ...fields } = imported[index]!;
          const match = existing.find((candidate) => profileKey(candidate) === item.key);
          if (item.status === 'new') {
            const id = context.newId();
            await profiles.save({ ...fields, id });
            if (!hasActive && index === 0) await profiles.setActiveId(id);
          } else if (item.status === 'conflict' && match && replace.includes(item.key)) {
            await profiles.save({ ...match, label: fields.label, authKey: fields.authKey || match.authKey });
          }
        }
        return { items };
      }),
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;

function profileNotFound(id: string): CometChatException {
  return new CometChatException({ code: ERROR_CODES.ERR_PROFILE_NOT_FOUND, message: `No app profile has the id ${id}.`, details: { id } });
}

function normalize(input: ProfileInput): { appId: string; region: string; apiHost?: string } {
  const apiHost = (input.apiHost ?? '').trim().replace(/\/+$/, '');
  return { appId: (input.appId ?? '').trim(), region: (input.region ?? '').trim().toLowerCase(), ...(apiHost ? { apiHost } : {}) };
}
