import { ERROR_CODES, ERROR_REGISTRY } from '../../cometchat/error-codes';
import { CometChatException } from '../../cometchat/exception';
import type { CometChatUser } from '../../cometchat/user';
import { maskSecret } from '../../mask';
import { shownInspection } from '../../page/page-storage';
import type { PageInspection, SessionSlot } from '../../page/page-types';
import type { TabAccess } from '../../page/tab-access-types';
import type { AllowedSite, PageLogoutParams, PageSlotParams, PageSwitchOutcome, PageSwitchParams, PageTab } from '../../protocol';
import { stepMarks } from '../../step-marks';
import { requireSite, siteOf } from '../../sites';
import type { StoredProfile } from '../../store/schema';
import type { BackgroundContext } from '../context';
import type { PageTabs } from './page-tabs';
import type { SessionService } from '../session-service';

export interface PageOperationsDeps {
  context: BackgroundContext;
  sessions: SessionService;
  tabs: TabAccess;
  pageTabs: PageTabs;
}

/**
 * Read, switch, log out and adopt the session of a page in a tab: each one operation of the background,
 * which completes (or rolls back) even if the view that asked has closed, and reports to every view through
 * the timeline. Operations on one tab run one after another; writes need the tester's site access, their yes
 * for this app on this origin (an answer names the origin it was given for), and a page still on that origin when
 * the write runs in it.
 */
export function createPageOperations({ context, sessions, tabs, pageTabs }: PageOperationsDeps) {
  const { onTab, openTab, switcherFor, prepareFor, hasConsent, ensureConsent, pageTargetFor } = pageTabs;

  return {
    /** What the tab's page stores, with the origin from the tab; waits for a page between documents. */
    async readPage({ tabId }: PageTab): Promise<PageInspection> {
      const tab = await openTab(tabId);
      const inspection = await switcherFor(tab, 'background').readWhenSettled();
      // Bounded, with the page's token masked: a view shows it, and a page may store anything there.
      return shownInspection({ ...inspection, origin: tab.origin }, maskSecret);
    },

    /**
     * Logs the tab's page in as `target`, with a token minted for the page (a pasted one goes as pasted). Without
     * `slot` (Apply to this tab), the page's slot of the active app. A page with no slot for the app is refused
     * unless the tester chose `createSession`.
     */
    switchPage: (params: PageSwitchParams, source: string): Promise<PageSwitchOutcome> =>
      onTab(params?.tabId, async () => {
        const mark = stepMarks('page-switch');
        const target = (profile: StoredProfile, origin: string) =>
          pageTargetFor(profile, origin, params.target ?? { authToken: '' }, params.shareToken === true);
        // Where the tester's yes is on record for the origin they saw (or comes with the request), the page's token is
        // minted from the start (two requests to the server, ~15 ms), while the browser reports the tab and the page is
        // read; where the yes is still to be asked, nothing is minted until it is given. A token minted for a switch
        // refused below (the tab moved on, no CometChat on the page) is ended on the server.
        const profileRead = context.requireProfile();
        const tabRead = openTab(params.tabId, params.origin, params);
        const early = (async () => {
          const profile = await profileRead;
          const origin = params.origin ?? (await tabRead).origin;
          if (params.consent !== true && !(await hasConsent(profile, origin))) return null;
          return prepareFor(profile, target(profile, origin));
        })();
        early.catch(() => undefined);
        const discardEarly = async () => (await early.catch(() => null))?.discard();
        // The tab's errors first, then the app's.
        const [tab, profile] = await tabRead
          .then(async (opened) => [opened, await profileRead] as const)
          .catch(async (thrown: unknown) => {
            await discardEarly();
            throw thrown;
          });
        const switcher = switcherFor(tab, source, {}, profile);
        // The page is read (a script run, ~10 ms) while the yes on record and the target are looked up.
        const reading = switcher.read();
        reading.catch(() => undefined);
        mark('open-tab');
        const prepared = await early.catch(() => null);
        mark('target');
        const checked = (async () => {
          // A yes on record is looked up while the page is read (~5 ms); a yes given now is recorded only for a page
          // the switch can write into. The page's errors come first either way.
          const isGiven = params.consent === true;
          const onRecord = isGiven ? null : ensureConsent(profile, tab.origin, false);
          onRecord?.catch(() => undefined);
          const inspection = await reading;
          const slot = slotFor(inspection, profile, tab.origin, params.slot, params.createSession === true);
          mark('read-page');
          await (onRecord ?? ensureConsent(profile, tab.origin, true));
          mark('consent');
          return { slot, session: prepared ?? (await target(profile, tab.origin)) };
        })();
        const { slot, session } = await checked.catch(async (thrown: unknown) => {
          await discardEarly();
          throw thrown;
        });
        const outcome = { ...(await switcher.switchTo(slot, session, mark)), origin: tab.origin };
        mark('done');
        return outcome;
      }),

    /** Logs the tab's page out; `revokeToken` also ends its token on the server, for a page of the active app only. */
    logoutPage: (params: PageLogoutParams, source: string): Promise<{ tokenRevoked: boolean | null; origin: string }> =>
      onTab(params?.tabId, async () => {
        const tab = await openTab(params.tabId, params.origin);
        const slot = requireSlot(params.slot);
        if (params.revokeToken === true) requireActiveApp(await context.requireProfile(), slot);
        const { tokenRevoked } = await switcherFor(tab, source).logout(slot, { revokeToken: params.revokeToken === true });
        return { tokenRevoked, origin: tab.origin };
      }),

    /**
     * The extension logs in as the page's user with a session of its own (a fresh token): page and extension
     * never share one, so the page's logout cannot end the extension's session, nor the other way round.
     */
    adoptPageSession: (params: PageSlotParams, source: string): Promise<CometChatUser> =>
      onTab(params?.tabId, async () => {
        const tab = await openTab(params.tabId, params.origin);
        const slot = requireSlot(params.slot);
        requireActiveApp(await context.requireProfile(), slot);
        const { sessions: stored } = await switcherFor(tab, source).read();
        const uid = stored.find((session) => session.storage === slot.storage && session.appId === slot.appId)?.user?.uid;
        if (!uid) {
          throw new CometChatException({
            code: ERROR_CODES.ERR_PAGE_NO_APP_SESSION,
            message: 'The page has no user logged in there.',
            details: slot,
          });
        }
        return sessions.login(uid, source, true);
      }),

    /**
     * Every site the tester allowed, with the apps they agreed to write into each of its origins, then every grant wider
     * than one site (`wide`), which only removing is offered for.
     */
    async listAllowedSites(): Promise<AllowedSite[]> {
      const [granted, wide, { consents, profiles }] = await Promise.all([
        tabs.allowedSites(),
        tabs.wideGrants(),
        context.store.read(async ({ meta, profiles }) => ({ consents: await meta.siteConsents(), profiles: await profiles.all() })),
      ]);
      const sites = [...new Set([...granted, ...consents.map((consent) => siteOf(consent.origin))])].sort();
      const wideSites = [...wide].sort().map((pattern): AllowedSite => ({ site: pattern, hostAccess: true, wide: true, consents: [] }));
      const oneSites = sites.map((site): AllowedSite => ({
        site,
        hostAccess: granted.includes(site),
        consents: consents
          .filter((consent) => siteOf(consent.origin) === site)
          .map((consent) => {
            const profile = profiles.find((candidate) => candidate.id === consent.profileId);
            return { origin: consent.origin, profileId: consent.profileId, app: profile?.label ?? consent.profileId, appId: profile?.appId ?? '' };
          }),
      }));
      return [...oneSites, ...wideSites];
    },

    /**
     * Takes back a site: its access and every yes given for it (or, with `profileId`, only that app's yes). A grant wider
     * than one site is taken back as the browser listed it (no yes is ever stored for one).
     */
    async forgetSite({ site, profileId }: { site: string; profileId?: string }): Promise<null> {
      const target = String(site ?? '');
      if (profileId === undefined && (await tabs.wideGrants()).includes(target)) {
        await tabs.removeWideGrant(target);
        return null;
      }
      // One site, or nothing: a wildcard that is not a grant the browser holds is not taken for a site.
      if (profileId === undefined) await tabs.removeSite(requireSite(target));
      await context.command((commit) =>
        commit(async ({ meta }) => {
          const kept = (await meta.siteConsents()).filter(
            (consent) => !(siteOf(consent.origin) === target && (profileId === undefined || consent.profileId === profileId)),
          );
          await meta.setSiteConsents(kept);
          return { value: null };
        }),
      );
      return null;
    },
  };
}

export type PageOperations = ReturnType<typeof createPageOperations>;

function requireSlot(slot: SessionSlot | undefined): SessionSlot {
  if ((slot?.storage === 'localStorage' || slot?.storage === 'sessionStorage') && typeof slot.appId === 'string' && slot.appId) {
    return { storage: slot.storage, appId: slot.appId };
  }
  throw new CometChatException({ code: ERROR_CODES.MISSING_PARAMETERS, message: 'A page operation needs the stored app it is for.', details: {} });
}

function requireActiveApp(profile: StoredProfile, slot: SessionSlot): void {
  if (slot.appId === profile.appId) return;
  throw new CometChatException({
    code: ERROR_CODES.ERR_PAGE_OTHER_APP,
    message: `The page's session is of app ${slot.appId}, but the extension's active app is ${profile.appId}: its Auth Key and servers do not fit.`,
    details: { pageAppId: slot.appId, activeAppId: profile.appId },
  });
}

/** Where to write the active app's session: the page's own slot for it, or a new one if the tester chose that. */
function slotFor(
  inspection: PageInspection,
  profile: StoredProfile,
  origin: string,
  asked: SessionSlot | undefined,
  createSession: boolean,
): SessionSlot {
  if (asked) requireActiveApp(profile, requireSlot(asked));
  const stored = inspection.sessions.filter((session) => session.appId === profile.appId);
  // An app's keys in sessionStorage (the extension's own aside) mean CometChat's session storage mode: its SDK reads
  // there alone, whatever the origin's localStorage still holds from before.
  const existing = asked
    ? stored.find((session) => session.storage === asked.storage)
    : (stored.find((session) => session.storage === 'sessionStorage') ?? stored.find((session) => session.user) ?? stored[0]);
  if (existing) return { storage: existing.storage, appId: profile.appId };
  if (!createSession && !inspection.hasSdk && inspection.sessions.length === 0) {
    throw new CometChatException({
      code: ERROR_CODES.ERR_PAGE_NO_COMETCHAT,
      message: `${ERROR_REGISTRY.ERR_PAGE_NO_COMETCHAT.message} (${origin}) Nothing was written.`,
      details: { origin, appId: profile.appId },
    });
  }
  if (!createSession) {
    throw new CometChatException({
      code: ERROR_CODES.ERR_PAGE_NO_APP_SESSION,
      message: `${origin} stores no CometChat session for app ${profile.appId}. Nothing was written.`,
      details: { origin, appId: profile.appId, hasSdk: inspection.hasSdk, storedApps: inspection.sessions.map((session) => session.appId) },
    });
  }
  // A new session goes where the page keeps its other apps', or where the SDK keeps it by default.
  return { storage: asked?.storage ?? inspection.sessions[0]?.storage ?? 'localStorage', appId: profile.appId };
}
