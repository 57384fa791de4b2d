import { ERROR_CODES } from '../../cometchat/error-codes';
import { CometChatException } from '../../cometchat/exception';
import { createPageSwitcher, prepareSession } from '../../page/page-switcher';
import { originChanged } from '../../page/page-write';
import type { PageSessionGrant, PageSessionTarget, PageWriteAnswers } from '../../protocol';
import { createSerialQueue } from '../../serial-queue';
import type { StoredProfile } from '../../store/schema';
import type { BackgroundContext } from '../context';
import type { LogService } from '../log-service';
import type { TabAccess } from '../../page/tab-access-types';
import type { PageService } from './page-service';
import type { SessionService } from '../session-service';

export interface PageTabsDeps {
  context: BackgroundContext;
  pages: PageService;
  sessions: SessionService;
  log: LogService;
  tabs: TabAccess;
}

/**
 * What every operation on a tab's page shares: one queue per tab, the tab as the browser reports it (every write is
 * given its origin and checks it inside the page), the verified switcher, the tester's yes per app and origin, and the
 * rule for the token a page gets.
 */
export function createPageTabs({ context, pages, sessions, log, tabs }: PageTabsDeps) {
  const queues = new Map<number, ReturnType<typeof createSerialQueue>>();
  const onTab = <T>(tabId: number, task: () => Promise<T>): Promise<T> => {
    const queue = queues.get(tabId) ?? createSerialQueue();
    queues.set(tabId, queue);
    return queue.run(task);
  };

  /**
   * The tab as the browser reports it; `expected` is the origin the tester saw when they asked. A yes in `answers`
   * counts only for the origin the question named: without `expected`, or on a tab that has left it, it is refused
   * before anything is remembered or written (a tab that moved on after the question must not inherit the yes).
   */
  async function openTab(tabId: number, expected?: string, answers: PageWriteAnswers = {}) {
    const id = requireTabId(tabId);
    const answered = answers.consent === true || answers.createSession === true || answers.shareToken === true;
    if (answered && typeof expected !== 'string') throw unnamedAnswer();
    const origin = await tabs.originOf(id);
    if (expected !== undefined && expected !== origin) throw originChanged(expected, origin);
    return { id, origin, window: tabs.windowOf(id) };
  }

  /** `profile`: the active app, where the caller has just read it (else each grant reads it). */
  function switcherFor(tab: PageTab, source: string, hooks: SwitchHooks = {}, profile?: StoredProfile) {
    return createPageSwitcher({
      inspected: tab.window,
      origin: tab.origin,
      requestGrant: async (target) => {
        const grant = await pages.preparePageSession(target, profile);
        await hooks.onGrant?.(grant);
        return grant;
      },
      revoke: async (authToken) => {
        const { revoked } = await pages.revokeAuthToken(authToken);
        hooks.onRevoked?.();
        return revoked;
      },
      report: (report) => log.reportPageEvent(report, source),
    });
  }

  /**
   * Starts getting a page's session for `target` ahead of a switch, without its tab (see `prepareSession`): for a
   * switch that may mint while the browser still reports the tab. No hooks run for it.
   */
  const prepareFor = (profile: StoredProfile, target: PageSessionTarget | Promise<PageSessionTarget>) =>
    prepareSession(
      target,
      (resolved) => pages.preparePageSession(resolved, profile),
      (authToken) => pages.revokeAuthToken(authToken),
    );

  /** Whether the tester said yes to this app's sessions on `origin` (see ensureConsent). */
  const hasConsent = async (profile: StoredProfile, origin: string) =>
    (await context.store.read((repositories) => repositories.meta.siteConsents())).some(
      (consent) => consent.profileId === profile.id && consent.origin === origin,
    );

  /** The tester's yes to this app's sessions on `origin`: asked once, remembered (and revocable). */
  const ensureConsent = (profile: StoredProfile, origin: string, given: boolean) =>
    context.command(async (commit) => {
      if (await hasConsent(profile, origin)) return;
      if (!given) {
        throw new CometChatException({
          code: ERROR_CODES.ERR_PAGE_CONSENT_REQUIRED,
          message: `Write sessions of ${profile.label} (${profile.appId}) into pages of ${origin}? Asked once for this app and site.`,
          details: { origin, appId: profile.appId, app: profile.label },
        });
      }
      await commit(async ({ meta }) => {
        const current = (await meta.siteConsents()).filter((consent) => !(consent.profileId === profile.id && consent.origin === origin));
        await meta.setSiteConsents([...current, { profileId: profile.id, origin, grantedAt: context.now() }]);
        return { value: null };
      });
    });

  /**
   * A held session goes to a page with a token of its own, minted with the Auth Key. An app without one cannot
   * mint: the page may then get the held token itself, once the tester accepted that the two share it (the
   * switch treats it as a pasted token, so it is never revoked for a failed switch).
   */
  async function pageTargetFor(profile: StoredProfile, origin: string, target: PageSessionTarget, shareToken: boolean): Promise<PageSessionTarget> {
    if (!('heldUid' in target) || profile.authKey) return target;
    const held = await sessions.requireHeld(String(target.heldUid));
    if (!shareToken) {
      throw new CometChatException({
        code: ERROR_CODES.ERR_PAGE_SHARED_TOKEN,
        message: `This app has no Auth Key, so the page cannot get a token of its own. Give it the extension's token of ${held.user.name} (${held.uid})? A logout in the page, or revoking its token, then ends the extension's session too.`,
        details: { origin, uid: held.uid, name: held.user.name, appId: profile.appId },
      });
    }
    return { authToken: held.authToken };
  }

  return { onTab, openTab, switcherFor, prepareFor, hasConsent, ensureConsent, pageTargetFor };
}

/** What an operation may add to a page switch: see `pin-operations.ts`, which records a pin's token before the page gets it. */
export interface SwitchHooks {
  /** Runs once the token is minted and before it is written into the page; a throw stops the switch (nothing written). */
  onGrant?(grant: PageSessionGrant): Promise<void> | void;
  /** Told when a failed switch has ended its minted token on the server (not called when that could not be done). */
  onRevoked?(): void;
}

export type PageTabs = ReturnType<typeof createPageTabs>;
/** A tab an operation acts on: its id, its origin when the operation began, and its main world. */
export type PageTab = Awaited<ReturnType<ReturnType<typeof createPageTabs>['openTab']>>;

function requireTabId(tabId: unknown): number {
  if (typeof tabId === 'number' && Number.isInteger(tabId) && tabId >= 0) return tabId;
  throw new CometChatException({
    code: ERROR_CODES.ERR_PAGE_UNREACHABLE,
    message: 'There is no tab to act on.',
    details: { tabId: String(tabId) },
  });
}

function unnamedAnswer(): CometChatException {
  return new CometChatException({
    code: ERROR_CODES.ERR_PAGE_ORIGIN_CHANGED,
    message: 'The answer does not name the site it was given for, so it cannot be taken for the site the tab is on now. Nothing was written.',
    details: { expected: null },
  });
}
