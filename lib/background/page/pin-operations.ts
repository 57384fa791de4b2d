import { ERROR_CODES, ERROR_REGISTRY } from '../../cometchat/error-codes';
import { CometChatException } from '../../cometchat/exception';
import type { CometChatUser } from '../../cometchat/user';
import { AGENT_GLOBAL, PIN_KEY, PINNED_PREFIX } from '../../page/reports';
import { documentComplete, readAgentStatus, relabelPin, writePin } from '../../page/pin-functions';
import { writeInto } from '../../page/page-write';
import type {
  PageSessionGrant,
  PageSessionTarget,
  PageSwitchOutcome,
  PageSwitchParams,
  PinTabParams,
  UnpinTabParams,
  UnpinTabResult,
} from '../../protocol';
import type { PageInspection, SessionSlot } from '../../page/page-types';
import type { StoredPinnedTab, StoredProfile } from '../../store/schema';
import type { BackgroundContext } from '../context';
import type { TabAccess } from '../../page/tab-access-types';
import type { PageTab as OpenTab, PageTabs } from './page-tabs';
import { closePins, isOpenPin, isSamePin, type PinRecords } from './pin-records';

export interface PinOperationsDeps {
  context: BackgroundContext;
  records: PinRecords;
  tabs: TabAccess;
  pageTabs: PageTabs;
}

const NEW_TAB_TIMEOUT_MS = 15_000;

/**
 * Tabs pinned to a user: the page agent (`lib/page/agent/`) keeps such a tab's CometChat keys in the tab's own
 * `sessionStorage`, so two tabs of one app run two users. An app in CometChat's session storage mode keeps them
 * there itself: its pin writes the tab's own `sessionStorage` keys, where its SDK reads. Pinning writes the pin, reloads (the agent reads it as the
 * new document starts), then switches the now empty pinned session with a token minted for the tab, verified like
 * any page switch; a failure unpins the tab again. The extension keeps each pin (and its token, to revoke once
 * the tab is gone) in `meta.pinnedTabs`, recorded before the token reaches the page.
 */
export function createPinOperations({ context, records, tabs, pageTabs }: PinOperationsDeps) {
  const { onTab, openTab, switcherFor, ensureConsent, pageTargetFor } = pageTabs;
  const pinsOf = records.all;
  const updatePins = records.update;
  const revoke = records.revoke;

  async function pin(tab: OpenTab, params: PinTabParams, source: string): Promise<PageSwitchOutcome> {
    const profile = await context.requireProfile();
    await ensureConsent(profile, tab.origin, params.consent === true);
    const target = await pageTargetFor(profile, tab.origin, params.target ?? { authToken: '' }, params.shareToken === true);
    // Only a token minted for this tab is the tab's to revoke; a pasted or shared one belongs to someone else.
    const isMinted = !('authToken' in target);
    const pinnedAt = context.now();
    let pending: StoredPinnedTab | undefined;
    let tokenEnded = false;
    const switcher = switcherFor(tab, source, {
      onGrant: async (grant) => {
        pending = await records.savePending(pendingPin(tab, profile, pinnedAt, grant, isMinted), profile);
      },
      onRevoked: () => (tokenEnded = true),
    });
    const storage = await ownStorageOf(switcher, profile.appId);
    await writeInto(tab.window, tab.origin, writePin, PIN_KEY, PINNED_PREFIX, JSON.stringify({ uid: labelOf(target), pinnedAt }));
    let user: CometChatUser;
    let verifiedBy: PageSwitchOutcome['verifiedBy'];
    try {
      await switcher.reloadAndWait();
      if (!(await tab.window.run(readAgentStatus, AGENT_GLOBAL))?.pin) throw notWatched(tab.origin);
      ({ user, verifiedBy } = await switcher.switchTo({ storage, appId: profile.appId }, target));
    } catch (error) {
      await unpinPage(tab, switcher);
      if (pending) await records.settleFailed(pending, tokenEnded);
      throw error;
    }
    await writeInto(tab.window, tab.origin, relabelPin, PIN_KEY, JSON.stringify({ uid: user.uid, pinnedAt })).catch(() => undefined);
    // The switch verified, so its grant was recorded: `pending` is set.
    const { previous } = await records.promote(pending!, user);
    // The tab's previous pinned session is gone from it: nobody uses its token any more.
    if (previous) await revoke(previous).catch(() => null);
    return { user, verifiedBy, origin: tab.origin };
  }

  return {
    /**
     * A switch of a pinned tab's own session (the active app's, where the tab keeps its pin) is a new pin: the tab stays
     * pinned, to the new user, with a token of its own, and its old token is revoked. Any other switch is not a pin's:
     * null.
     */
    async switchPinned(params: PageSwitchParams, source: string): Promise<PageSwitchOutcome | null> {
      const record = (await pinsOf()).find((stored) => stored.tabId === params?.tabId && isOpenPin(stored));
      if (!record) return null;
      const { slot } = params;
      if (slot && slot.appId !== record.appId) return null;
      const { tabId, origin, target, consent, shareToken } = params;
      return onTab(tabId, async () => pin(await openTab(tabId, origin, params), { tabId, origin, target, consent, shareToken }, source));
    },

    pinTab: (params: PinTabParams, source: string): Promise<PageSwitchOutcome> =>
      onTab(params?.tabId, async () => pin(await openTab(params.tabId, params.origin, params), params, source)),

    /** Opens the tab's URL in a new tab (no opener: it must not copy the tab's `sessionStorage`) and pins it. */
    async openPinnedTab(params: PinTabParams, source: string): Promise<PageSwitchOutcome & { tabId: number }> {
      const from = await openTab(params?.tabId, params?.origin, params);
      const profile = await context.requireProfile();
      // Every question before anything opens: a tester who says no gets no stray tab.
      await ensureConsent(profile, from.origin, params.consent === true);
      await pageTargetFor(profile, from.origin, params.target ?? { authToken: '' }, params.shareToken === true);
      const tabId = await tabs.createTab(await tabs.urlOf(from.id), from.id);
      await waitForLoad(tabs, context.now, tabId);
      const outcome = await onTab(tabId, async () => pin(await openTab(tabId, from.origin), { ...params, tabId, consent: true }, source));
      return { ...outcome, tabId };
    },

    /**
     * Unpins a tab. A tab of an app in CometChat's session storage mode keeps the session in its own sessionStorage
     * (where the pin wrote it): it goes on running it, so its token is not revoked (`keptOwnSession`). Any other tab
     * runs the site's shared session again, and the pin's token can go.
     */
    unpinTab: (params: UnpinTabParams, source: string): Promise<UnpinTabResult> =>
      onTab(params?.tabId, async () => {
        const tab = await openTab(params.tabId, params.origin);
        const record = (await pinsOf()).find((stored) => stored.tabId === tab.id && isOpenPin(stored));
        const switcher = switcherFor(tab, source);
        const appId = record?.appId ?? (await context.requireProfile()).appId;
        const keptOwnSession = (await ownStorageOf(switcher, appId)) === 'sessionStorage';
        await writeInto(tab.window, tab.origin, writePin, PIN_KEY, PINNED_PREFIX, null);
        await switcher.reloadAndWait();
        const tokenRevoked = !keptOwnSession && params.revokeToken === true && record ? await revoke(record) : null;
        if (record) await updatePins((pins) => pins.filter((stored) => !isSamePin(stored, record)));
        return { tokenRevoked, keptOwnSession };
      }),

    /** Forgets a closed pinned tab, revoking its token first if asked. */
    async forgetClosedPin({
      tabId,
      pinnedAt,
      revoke: shouldRevoke,
    }: {
      tabId: number;
      pinnedAt: number;
      revoke?: boolean;
    }): Promise<{ revoked: boolean | null }> {
      const record = (await pinsOf()).find((stored) => isSamePin(stored, { tabId, pinnedAt }) && stored.closedAt);
      if (!record)
        throw new CometChatException({ code: ERROR_CODES.ERR_PIN_NOT_FOUND, message: ERROR_REGISTRY.ERR_PIN_NOT_FOUND.message, details: { tabId } });
      const revoked = shouldRevoke === true ? await revoke(record) : null;
      await updatePins((pins) => pins.filter((stored) => !isSamePin(stored, { tabId, pinnedAt })));
      return { revoked };
    },

    /** A tab closed: its pinned session is gone with it (a pin under way too); its token stays until the tester revokes or keeps it. */
    async tabClosed(tabId: number): Promise<void> {
      const pins = await pinsOf();
      if (!pins.some((stored) => stored.tabId === tabId && !stored.closedAt)) return;
      const closedAt = context.now();
      await updatePins((current) => closePins(current, (stored) => stored.tabId === tabId, closedAt));
    },

    /**
     * On start: a pin a stopped worker left pending, and a pin whose tab is gone — no tab with its id, or one not on
     * its origin (tab ids are reused after a browser restart) — is marked closed, so its token is offered for revoking.
     */
    closeLostPins: () =>
      context.command(async (commit) => {
        const pins = await pinsOf();
        if (!pins.some((stored) => !stored.closedAt)) return;
        const originOfTab = new Map((await tabs.listTabs()).map((tab) => [tab.tabId, originOf(tab.url)]));
        // A tab whose URL the browser hides is on a site no longer allowed: no agent keeps its pin there.
        const isLost = (stored: StoredPinnedTab) => stored.pending === true || originOfTab.get(stored.tabId) !== stored.origin;
        if (!pins.some((stored) => !stored.closedAt && isLost(stored))) return;
        const closedAt = context.now();
        await commit(async ({ meta }) => {
          await meta.setPinnedTabs(closePins(await meta.pinnedTabs(), isLost, closedAt));
          return { value: null };
        });
      }),
  };
}

export type PinOperations = ReturnType<typeof createPinOperations>;

/** The pin's record as it is saved, pending, before its token goes into the page. */
function pendingPin(tab: OpenTab, profile: StoredProfile, pinnedAt: number, grant: PageSessionGrant, isMinted: boolean): StoredPinnedTab {
  const { uid, name } = grant.user;
  const record: StoredPinnedTab = {
    tabId: tab.id,
    origin: tab.origin,
    profileId: profile.id,
    appId: profile.appId,
    uid,
    name,
    pinnedAt,
    pending: true,
  };
  if (isMinted) record.authToken = grant.authToken;
  return record;
}

/** Back to the origin's shared session, unless the tab has left for another site (the page then refuses). */
async function unpinPage(tab: OpenTab, switcher: { reloadAndWait(): Promise<void> }): Promise<void> {
  await writeInto(tab.window, tab.origin, writePin, PIN_KEY, PINNED_PREFIX, null)
    .then(() => switcher.reloadAndWait())
    .catch(() => undefined);
}

/** Waits for a new tab's first document, so that the pin is written into the app's page and not a blank one. */
async function waitForLoad(tabs: TabAccess, now: () => number, tabId: number): Promise<void> {
  const deadline = now() + NEW_TAB_TIMEOUT_MS;
  while (
    !(await tabs
      .windowOf(tabId)
      .run(documentComplete)
      .catch(() => false))
  ) {
    if (now() > deadline) {
      throw new CometChatException({
        code: ERROR_CODES.ERR_PAGE_RELOAD_TIMEOUT,
        message: 'The new tab did not finish loading in 15 s.',
        details: { tabId },
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The user's badge text (`U2`) in the pinned colour: an emoji would show as a box where the system has no emoji font. */
function labelOf(target: PageSessionTarget): string {
  return 'uid' in target ? String(target.uid) : 'heldUid' in target ? String(target.heldUid) : '';
}

function notWatched(origin: string): CometChatException {
  return new CometChatException({
    code: ERROR_CODES.ERR_PAGE_NOT_WATCHED,
    message: `${ERROR_REGISTRY.ERR_PAGE_NOT_WATCHED.message} Reload the tab on ${origin} once, then pin it.`,
    details: { origin },
  });
}

function originOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

/**
 * Where the tab's SDK keeps the app's session: `sessionStorage` for an app in CometChat's session storage mode (its keys
 * are there, not the agent's pinned copies), else `localStorage`, which the agent of a pinned tab re-homes.
 */
async function ownStorageOf(switcher: { read(): Promise<PageInspection> }, appId: string): Promise<SessionSlot['storage']> {
  const { sessions } = await switcher.read();
  return sessions.some((session) => session.appId === appId && session.storage === 'sessionStorage') ? 'sessionStorage' : 'localStorage';
}
