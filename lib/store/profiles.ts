import { isStoredProfile } from './record-guards';
import { META_KEYS, STORES, type StoredProfile } from './schema';
import { issue, type DamageCounter, type StoreTransaction } from './store-transaction';

/** App profiles, and which one is active. */
export interface ProfileRepository {
  /** Every readable profile, in the order they were added. */
  all(): Promise<StoredProfile[]>;
  get(id: string): Promise<StoredProfile | null>;
  activeId(): Promise<string | null>;
  /** The active profile, or null when there is none (or it cannot be read). */
  active(): Promise<StoredProfile | null>;
  /** Saves the profile, keeping its active user and its place in the list. */
  save(profile: StoredProfile): Promise<void>;
  setActiveId(id: string | null): Promise<void>;
  /**
   * Remembers `uid` as `profile`'s active user (or none). `profile` as the command read it: profiles change only in
   * commands, one at a time, so it is the stored one, and no read is spent on it.
   */
  setActiveUid(profile: StoredProfile, uid: string | null): Promise<void>;
  delete(id: string): Promise<void>;
}

export function createProfileRepository(tx: StoreTransaction, counter: DamageCounter): ProfileRepository {
  const profiles = () => tx.objectStore(STORES.PROFILES);
  const meta = () => tx.objectStore(STORES.META);

  function readable(value: unknown): StoredProfile | null {
    if (value === undefined) return null;
    if (isStoredProfile(value)) return value;
    counter.unreadable++;
    return null;
  }

  const repository: ProfileRepository = {
    async all() {
      const records = (await profiles().getAll()) as unknown[];
      const readableOnes = records.map(readable).filter((profile): profile is StoredProfile => profile !== null);
      return readableOnes.sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
    },
    async get(id) {
      return readable(await profiles().get(id));
    },
    async activeId() {
      return ((await meta().get(META_KEYS.ACTIVE_PROFILE_ID)) as string | null | undefined) ?? null;
    },
    async active() {
      const id = await repository.activeId();
      return id ? repository.get(id) : null;
    },
    async save(profile) {
      const existing = await repository.get(profile.id);
      const order = existing?.order ?? Math.max(-1, ...(await repository.all()).map((other) => other.order ?? 0)) + 1;
      await issue(profiles().put!({ ...profile, activeUid: existing?.activeUid ?? null, order }));
    },
    setActiveId: (id) => issue(meta().put!(id, META_KEYS.ACTIVE_PROFILE_ID)),
    setActiveUid: (profile, uid) => issue(profiles().put!({ ...profile, activeUid: uid })),
    delete: (id) => issue(profiles().delete!(id)),
  };
  return repository;
}
