import type { PinnedTabSummary } from '../../protocol';
import type { StoredPinnedTab, StoredProfile } from '../../store/schema';
import type { BackgroundContext } from '../context';
import type { PageService } from './page-service';
import { summarizePin } from '../snapshot';

/**
 * The records of pinned tabs (`meta.pinnedTabs`) and their tokens. Each token was minted for its tab with its own
 * app's Auth Key, so it is revoked with that app's hosts; whoever drops records with tokens (unpinning, deleting the
 * app, resetting storage) revokes them first, or says which it could not.
 */
export function createPinRecords(context: BackgroundContext, pages: PageService) {
  /**
   * `DELETE me` for a pin's token with its own app (`app`, or read from the store); false when the server no longer
   * knew it, null when there is none to revoke (or no app to revoke it with).
   */
  async function revoke(pin: StoredPinnedTab, app?: StoredProfile): Promise<boolean | null> {
    if (!pin.authToken) return null;
    const profile = app ?? (await context.store.read(({ profiles }) => profiles.get(pin.profileId)));
    return profile ? (await pages.revokeAuthToken(pin.authToken, profile)).revoked : null;
  }

  const all = () => context.pinnedTabs();

  /** Changes the records in one command of their own (not from inside another command: the queue is serial). */
  const update = (change: (pins: StoredPinnedTab[]) => StoredPinnedTab[]) =>
    context.command((commit) =>
      commit(async ({ meta }) => {
        await meta.setPinnedTabs(change(await meta.pinnedTabs()));
        return { value: null };
      }),
    );

  return {
    all,
    update,
    revoke,

    /** Saves a pin's record, pending, before its token goes into the page; if it cannot be saved, the token is ended now (the switch stops before writing it). */
    async savePending(record: StoredPinnedTab, profile: StoredProfile): Promise<StoredPinnedTab> {
      try {
        await update((pins) => [...pins, record]);
        return record;
      } catch (error) {
        await revoke(record, profile).catch(() => null);
        throw error;
      }
    },

    /**
     * A pin that failed after its record was saved: the switch has put the page's old session back and tried to end
     * the token. The record goes once the token is ended (or it had none); otherwise it stays as a closed pin, offered
     * for revoking.
     */
    async settleFailed(pending: StoredPinnedTab, tokenEnded: boolean): Promise<void> {
      const isDone = tokenEnded || !pending.authToken;
      const closedAt = context.now();
      await update((pins) => pins.flatMap((pin) => (!isSamePin(pin, pending) ? [pin] : isDone ? [] : [closed(pin, closedAt)]))).catch(
        () => undefined,
      );
    },

    /**
     * The verified pin replaces its pending record and the tab's previous pin (returned, for revoking). A pending
     * record that is gone (its app deleted or storage reset meanwhile, its token revoked with it) is not brought back.
     */
    async promote(pending: StoredPinnedTab, user: Pick<StoredPinnedTab, 'uid' | 'name'>) {
      const { pending: _pending, ...rest } = pending;
      const record: StoredPinnedTab = { ...rest, uid: user.uid, name: user.name };
      const isTabsOpenPin = (pin: StoredPinnedTab) => pin.tabId === record.tabId && isOpenPin(pin);
      const previous = (await all()).find(isTabsOpenPin);
      await update((pins) =>
        pins.some((pin) => isSamePin(pin, pending)) ? [...pins.filter((pin) => !isSamePin(pin, pending) && !isTabsOpenPin(pin)), record] : pins,
      );
      return { record, previous };
    },

    /**
     * Revokes the tokens of `pins` (all at once: each may wait out a timeout), for records about to be dropped.
     * Resolves with the pins whose token may still be valid: CometChat could not be asked (network) or refused.
     */
    async revokeAll(pins: StoredPinnedTab[]): Promise<PinnedTabSummary[]> {
      const outcomes = await Promise.all(
        pins
          .filter((pin) => pin.authToken)
          .map((pin) =>
            revoke(pin).then(
              (revoked) => ({ pin, ended: revoked !== null }),
              () => ({ pin, ended: false }),
            ),
          ),
      );
      return outcomes.filter(({ ended }) => !ended).map(({ pin }) => summarizePin(pin));
    },
  };
}

export type PinRecords = ReturnType<typeof createPinRecords>;

/** A pin whose tab runs its session now: neither closed nor still being pinned. */
export const isOpenPin = (pin: StoredPinnedTab): boolean => !pin.closedAt && !pin.pending;

/** The same pin: one tab, pinned at one moment (a tab pinned again is another pin). */
export const isSamePin = (pin: StoredPinnedTab, other: Pick<StoredPinnedTab, 'tabId' | 'pinnedAt'>): boolean =>
  pin.tabId === other.tabId && pin.pinnedAt === other.pinnedAt;

/**
 * Marks the pins `isGone` picks (open or pending ones) closed at `closedAt`; closed pins without a token of their own
 * are dropped, as there is nothing left to decide about them.
 */
export function closePins(pins: StoredPinnedTab[], isGone: (pin: StoredPinnedTab) => boolean, closedAt: number): StoredPinnedTab[] {
  return pins.map((pin) => (!pin.closedAt && isGone(pin) ? closed(pin, closedAt) : pin)).filter((pin) => pin.authToken || !pin.closedAt);
}

/** The record as closed: offered to the tester for revoking. */
function closed({ pending: _pending, ...pin }: StoredPinnedTab, closedAt: number): StoredPinnedTab {
  return { ...pin, closedAt };
}
