import { ERROR_CODES, ERROR_REGISTRY } from '../cometchat/error-codes';
import { CometChatException } from '../cometchat/exception';
import type { CometChatUser } from '../cometchat/user';
import { BADGE_COLORS, badgeTextFor } from '../badge';
import { maskSecret } from '../mask';
import { AGENT_GLOBAL, PIN_KEY, PINNED_PREFIX, type AgentStatus } from '../page-agent/reports';
import { documentComplete, readAgentStatus, relabelPin, writePin } from '../page-session/pin-storage';
import { readSessions, shownInspection } from '../page-session/page-storage';
import type { AppTab, AppTabs, PageSessionTarget, PageSwitchOutcome, PageTab, PinnedTabSummary, PinTabParams, UnpinTabParams } from '../protocol';
import type { StoredPinnedTab } from '../store/schema';
import type { BackgroundContext } from './context';
import type { TabAccess } from '../page-session/tab-access-types';
import type { PageService } from './page-service';
import { boundStatus } from './page-reports';
import type { PageTab as OpenTab, PageTabs } from './page-tabs';

/** The toolbar badge of one tab: a pinned tab names its user there. */
export interface TabBadge {
  show(tabId: number, badge: { text: string; color: string; title: string } | null): Promise<void>;
}

export interface PinOperationsDeps {
  context: BackgroundContext;
  pages: PageService;
  tabs: TabAccess;
  pageTabs: PageTabs;
  badge: TabBadge;
}

const NEW_TAB_TIMEOUT_MS = 15_000;

/**
 * Tabs pinned to a user: the page agent (`lib/page-agent/`) keeps such a tab's CometChat keys in the tab's own
 * `sessionStorage`, so two tabs of one app run two users. Pinning writes the pin, reloads (the agent reads it as the
 * new document starts), then switches the now empty pinned session with a token minted for the tab, verified like
 * any page switch; a failure unpins the tab again. The extension keeps each pin (and its token, to revoke once
 * the tab is gone) in `meta.pinnedTabs`.
 */
export function createPinOperations({ context, pages, tabs, pageTabs, badge }: PinOperationsDeps) {
  const { onTab, openTab, switcherFor, ensureConsent, pageTargetFor } = pageTabs;
  const pinsOf = () => context.store.read(({ meta }) => meta.pinnedTabs());
  const updatePins = (change: (pins: StoredPinnedTab[]) => StoredPinnedTab[]) =>
    context.command((commit) =>
      commit(async ({ meta }) => {
        await meta.setPinnedTabs(change(await meta.pinnedTabs()));
        return { value: null };
      }),
    );

  /** `DELETE me` for a pinned tab's token, with its own app's hosts; false when the server no longer knew it. */
  async function revoke(pin: StoredPinnedTab): Promise<boolean | null> {
    if (!pin.authToken) return null;
    const profile = await context.store.read(({ profiles }) => profiles.get(pin.profileId));
    return profile ? (await pages.revokeAuthToken(pin.authToken, profile)).revoked : null;
  }

  async function pin(tab: OpenTab, params: PinTabParams, source: string): Promise<PageSwitchOutcome> {
    const profile = await context.requireProfile();
    await ensureConsent(profile, tab.origin, params.consent === true);
    const target = await pageTargetFor(profile, params.target ?? { authToken: '' }, params.shareToken === true);
    let minted: string | undefined;
    const switcher = switcherFor(tab, source, (grant) => {
      // Only a token minted for this tab is the tab's to revoke; a pasted or shared one belongs to someone else.
      if (!('authToken' in target)) minted = grant.authToken;
    });
    const pinnedAt = context.now();
    await tab.assertOrigin();
    await tab.window.run(writePin, PIN_KEY, PINNED_PREFIX, JSON.stringify({ uid: labelOf(target), pinnedAt }));
    let user: CometChatUser;
    let verifiedBy: PageSwitchOutcome['verifiedBy'];
    try {
      await switcher.reloadAndWait();
      if (!(await tab.window.run(readAgentStatus, AGENT_GLOBAL))?.pin) throw notWatched(tab.origin);
      ({ user, verifiedBy } = await switcher.switchTo({ storage: 'localStorage', appId: profile.appId }, target));
    } catch (error) {
      // Back to the origin's shared session, unless the tab has left for another site.
      await tab
        .assertOrigin()
        .then(() => tab.window.run(writePin, PIN_KEY, PINNED_PREFIX, null))
        .then(() => switcher.reloadAndWait())
        .catch(() => undefined);
      await badge.show(tab.id, null);
      throw error;
    }
    await tab.window.run(relabelPin, PIN_KEY, JSON.stringify({ uid: user.uid, pinnedAt })).catch(() => undefined);
    const previous = (await pinsOf()).find((stored) => stored.tabId === tab.id && !stored.closedAt);
    const record: StoredPinnedTab = {
      tabId: tab.id,
      origin: tab.origin,
      profileId: profile.id,
      appId: profile.appId,
      uid: user.uid,
      name: user.name,
      pinnedAt,
    };
    if (minted) record.authToken = minted;
    await updatePins((pins) => [...pins.filter((stored) => !(stored.tabId === tab.id && !stored.closedAt)), record]);
    // The tab's previous pinned session is gone from it: nobody uses its token any more.
    if (previous) await revoke(previous).catch(() => null);
    await badge.show(tab.id, pinBadge(record));
    return { user, verifiedBy, origin: tab.origin };
  }

  /** Waits for a new tab's first document, so that the pin is written into the app's page and not a blank one. */
  async function waitForLoad(tabId: number): Promise<void> {
    const deadline = context.now() + NEW_TAB_TIMEOUT_MS;
    while (
      !(await tabs
        .windowOf(tabId)
        .run(documentComplete)
        .catch(() => false))
    ) {
      if (context.now() > deadline) {
        throw new CometChatException({
          code: ERROR_CODES.ERR_PAGE_RELOAD_TIMEOUT,
          message: 'The new tab did not finish loading in 15 s.',
          details: { tabId },
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  return {
    pinTab: (params: PinTabParams, source: string): Promise<PageSwitchOutcome> =>
      onTab(params?.tabId, async () => pin(await openTab(params.tabId, params.origin), params, source)),

    /** Opens the tab's URL in a new tab (no opener: it must not copy the tab's `sessionStorage`) and pins it. */
    async openPinnedTab(params: PinTabParams, source: string): Promise<PageSwitchOutcome & { tabId: number }> {
      const from = await openTab(params?.tabId, params.origin);
      const profile = await context.requireProfile();
      // Every question before anything opens: a tester who says no gets no stray tab.
      await ensureConsent(profile, from.origin, params.consent === true);
      await pageTargetFor(profile, params.target ?? { authToken: '' }, params.shareToken === true);
      const tabId = await tabs.createTab(await tabs.urlOf(from.id), from.id);
      await waitForLoad(tabId);
      const outcome = await onTab(tabId, async () => pin(await openTab(tabId, from.origin), { ...params, tabId, consent: true }, source));
      return { ...outcome, tabId };
    },

    unpinTab: (params: UnpinTabParams, source: string): Promise<{ tokenRevoked: boolean | null }> =>
      onTab(params?.tabId, async () => {
        const tab = await openTab(params.tabId, params.origin);
        const record = (await pinsOf()).find((stored) => stored.tabId === tab.id && !stored.closedAt);
        await tab.assertOrigin();
        await tab.window.run(writePin, PIN_KEY, PINNED_PREFIX, null);
        await switcherFor(tab, source).reloadAndWait();
        const tokenRevoked = params.revokeToken === true && record ? await revoke(record) : null;
        if (record) await updatePins((pins) => pins.filter((stored) => !(stored.tabId === record.tabId && stored.pinnedAt === record.pinnedAt)));
        await badge.show(tab.id, null);
        return { tokenRevoked };
      }),

    /** The open tabs of the tab's origin, each with the user it stores and the user its SDK runs. */
    async listAppTabs({ tabId }: PageTab): Promise<AppTabs> {
      const origin = await tabs.originOf(tabId);
      const [open, pins, profile] = await Promise.all([tabs.listTabs(), pinsOf(), context.store.read(({ profiles }) => profiles.active())]);
      const appId = profile?.appId ?? null;
      const sameOrigin = open.filter((tab) => originOf(tab.url) === origin);
      const rows = await Promise.all(
        sameOrigin.map((tab) =>
          describeTab(
            tabs,
            tab,
            appId,
            tab.tabId === tabId,
            pins.some((stored) => stored.tabId === tab.tabId && !stored.closedAt),
          ),
        ),
      );
      return { origin, appId, tabs: rows, closedPins: pins.filter((stored) => stored.closedAt && stored.origin === origin).map(summaryOf) };
    },

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
      const record = (await pinsOf()).find((stored) => stored.tabId === tabId && stored.pinnedAt === pinnedAt && stored.closedAt);
      if (!record)
        throw new CometChatException({ code: ERROR_CODES.ERR_PIN_NOT_FOUND, message: ERROR_REGISTRY.ERR_PIN_NOT_FOUND.message, details: { tabId } });
      const revoked = shouldRevoke === true ? await revoke(record) : null;
      await updatePins((pins) => pins.filter((stored) => !(stored.tabId === tabId && stored.pinnedAt === pinnedAt)));
      return { revoked };
    },

    /** A tab closed: its pinned session is gone with it; its token stays until the tester revokes or keeps it. */
    async tabClosed(tabId: number): Promise<void> {
      const pins = await pinsOf();
      if (!pins.some((stored) => stored.tabId === tabId && !stored.closedAt)) return;
      const closedAt = context.now();
      await updatePins((current) =>
        current
          .map((stored) => (stored.tabId === tabId && !stored.closedAt ? { ...stored, closedAt } : stored))
          .filter((stored) => stored.authToken || !stored.closedAt),
      );
    },

    /** Draws a pinned tab's badge again (a new document in it, or a restarted browser). */
    async refreshBadge(tabId: number, status: AgentStatus): Promise<void> {
      const record = (await pinsOf()).find((stored) => stored.tabId === tabId && !stored.closedAt);
      await badge.show(tabId, status.pin ? pinBadge(record ?? { uid: status.pin.uid, name: status.pin.uid, origin: '' }) : null);
    },
  };
}

export type PinOperations = ReturnType<typeof createPinOperations>;

async function describeTab(
  tabs: TabAccess,
  tab: { tabId: number; title?: string },
  appId: string | null,
  isInspected: boolean,
  isOwnPin: boolean,
): Promise<AppTab> {
  const window = tabs.windowOf(tab.tabId);
  const [rawStatus, inspection] = await Promise.all([
    window.run(readAgentStatus, AGENT_GLOBAL).catch(() => null),
    window.run(readSessions).then(
      (read) => shownInspection(read, maskSecret),
      () => null,
    ),
  ]);
  // What a page says is bounded like any page report.
  const status = rawStatus && typeof rawStatus === 'object' ? boundStatus(rawStatus as unknown as Record<string, unknown>) : null;
  const app = appId ?? status?.users[0]?.appId ?? inspection?.sessions[0]?.appId ?? null;
  const storedUid = inspection?.sessions.find((session) => session.appId === app && session.storage === 'localStorage')?.user?.uid ?? null;
  const runningUid = status?.users.find((user) => user.appId === app)?.uid ?? null;
  const pin = status?.pin ?? null;
  return {
    tabId: tab.tabId,
    title: (tab.title ?? '').slice(0, 200),
    isInspected,
    watched: status !== null,
    pin,
    copiedPin: pin !== null && !isOwnPin,
    storedUid,
    runningUid,
    sdkVersion: status?.sdkVersion ?? null,
    socket: status?.socket ?? null,
    stale: status !== null && pin === null && runningUid !== storedUid,
  };
}

function summaryOf({ tabId, origin, appId, uid, name, pinnedAt, closedAt, authToken }: StoredPinnedTab): PinnedTabSummary {
  return { tabId, origin, appId, uid, name, pinnedAt, ...(closedAt ? { closedAt } : {}), canRevoke: Boolean(authToken) };
}

/** The user's badge text (`U2`) in the pinned colour: an emoji would show as a box where the system has no emoji font. */
function pinBadge({ uid, name, origin }: Pick<StoredPinnedTab, 'uid' | 'name' | 'origin'>) {
  return {
    text: badgeTextFor(uid, name),
    color: BADGE_COLORS.pinned,
    title: `CometChat: this tab is pinned to ${name} (${uid})${origin ? ` on ${origin}` : ''}`,
  };
}

function labelOf(target: PageSessionTarget): string {
  return 'uid' in target ? String(target.uid) : 'heldUid' in target ? String(target.heldUid) : '';
}

function originOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

function notWatched(origin: string): CometChatException {
  return new CometChatException({
    code: ERROR_CODES.ERR_PAGE_NOT_WATCHED,
    message: `${ERROR_REGISTRY.ERR_PAGE_NOT_WATCHED.message} Reload the tab on ${origin} once, then pin it.`,
    details: { origin },
  });
}
