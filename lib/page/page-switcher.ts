import { CometChatException, toCometChatError, type CometChatError } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-code-names';
import type { CometChatUser } from '../cometchat/user';
import { EXTENSION_KEY_PREFIX } from './reports';
import type { AuthEventType, PageEventReport, PageSessionGrant, PageSessionTarget } from '../protocol';
import type { InspectedWindow } from './inspected-window';
import {
  markDocument,
  readSdkUserCheck,
  readSessions,
  reloadState,
  writeRawSlot,
  writeSession,
  type RawSlot,
  type ReloadLook,
  type ReloadState,
  type SdkUserCheck,
} from './page-storage';
import { writeInto } from './page-write';
import type { SessionSlot } from './page-types';

/** How often a switch looks at the page while it reloads and while its SDK answers: a script run is a few ms. */
const POLL_MS = 25;
/**
 * How long the reload's last look waits in the page for its SDK's answer, where the runner waits for promises (see
 * {@link ReloadLook}); an SDK slower than that is asked again every {@link POLL_MS}. The page's own timers bound the
 * wait there, so the switch bounds it too, a second later: a page may have replaced them.
 */
const SDK_WAIT_MS = 250;
const SDK_WAIT_BOUND_MS = SDK_WAIT_MS + 1_000;

/** How a switch was verified: by the page's own SDK (`getLoggedinUser()`), or only in its storage (no global SDK). */
export type VerifiedBy = 'sdk' | 'storage';

/**
 * The session a switch will write, being got ahead of it (see `prepareSession`): the target once any question
 * about it is settled, then the grant for it.
 */
export interface PreparedSession {
  target: Promise<PageSessionTarget>;
  grant: Promise<PageSessionGrant>;
  /** Ends a token minted for it on the server, for a switch that will not run (nothing when none was minted). */
  discard(): Promise<void>;
}

/** A page switch that verified: the user the page now runs, and what said so. */
export interface PageSwitchResult {
  user: CometChatUser;
  verifiedBy: VerifiedBy;
}

export interface PageSwitcherDeps {
  inspected: InspectedWindow;
  /**
   * The page's origin as the browser reports the tab's URL (never as the page says): shown and logged, and the only
   * origin written to. Every write checks it inside the page, in the same call (`ERR_PAGE_ORIGIN_CHANGED` otherwise).
   */
  origin: string;
  /** Asks the background for a checked session (token + jwt) for the target. */
  requestGrant: (target: PageSessionTarget) => Promise<PageSessionGrant>;
  /** Asks the background to revoke a token on the server; false when the server no longer knew it. */
  revoke: (authToken: string) => Promise<boolean>;
  /** Puts the outcome in the timeline. */
  report: (report: PageEventReport) => Promise<unknown>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  reloadTimeoutMs?: number;
  /** How long a read waits for a page between documents; a page that is simply off limits answers after this. */
  settleTimeoutMs?: number;
  /**
   * How long a switch's check waits, after the reload, for a page's SDK that has not said who is logged in yet while its
   * storage still holds the user (an app that starts its SDK late, or a busy machine: the UI Kit app took over 3 s there
   * in a CI run). Another user, an error, or the session gone from the storage still answer at once.
   */
  sdkSettleTimeoutMs?: number;
}

/**
 * Reads and changes the inspected page's own CometChat session. Every change is verified: after the
 * reload the page must report the requested user, or its previous session is written back.
 */
export function createPageSwitcher({
  inspected,
  origin,
  requestGrant,
  revoke,
  report,
  now = Date.now,
  sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  reloadTimeoutMs = 15_000,
  settleTimeoutMs = 3_000,
  sdkSettleTimeoutMs = 10_000,
}: PageSwitcherDeps) {
  const read = () => inspected.run(readSessions, EXTENSION_KEY_PREFIX);
  /** A fresh marker: of a document (see markDocument) or of one SDK check. */
  const newMarker = () => `${now()}-${Math.random()}`;
  /** `run`'s answer, or null ("not yet") when it has not come within `ms` (see SDK_WAIT_BOUND_MS). */
  const bounded = <T>(run: Promise<T | null>, ms: number | null): Promise<T | null> =>
    ms === null ? run : Promise.race([run, sleep(ms).then(() => null)]);

  /**
   * Reloads the page; resolves once the new document has loaded, with the marker the old one was tagged with and what
   * `look` asked of the new one (see reloadState).
   */
  async function reloadAndWait(look: ReloadLook | null = null, marked?: string): Promise<{ marker: string; state: ReloadState }> {
    const marker = marked ?? newMarker();
    if (!marked) await inspected.run(markDocument, marker);
    // The page itself says when it is done (the poll below); the browser's word that the tab has loaded only wakes the
    // wait at once instead of at the next poll (on average half a poll sooner: ~12 ms of a ~100 ms reload).
    let woken = false;
    let wake = () => undefined as void;
    const stopListening = inspected.onNavigated(() => {
      woken = true;
      wake();
    });
    try {
      await inspected.reload();
      const deadline = now() + reloadTimeoutMs;
      for (;;) {
        // While the old document unloads, evaluation may fail: that is "not yet", not an error.
        const state = await bounded(
          inspected.run(reloadState, marker, look).catch(() => null),
          look?.sdkWaitMs ? SDK_WAIT_BOUND_MS : null,
        );
        if (state?.replaced && state.complete) return { marker, state };
        if (now() > deadline) {
          throw new CometChatException({
            code: ERROR_CODES.ERR_PAGE_RELOAD_TIMEOUT,
            message: `The page did not finish reloading within ${reloadTimeoutMs / 1000} s.`,
            details: {},
          });
        }
        if (!woken) await new Promise<void>((resolve) => ((wake = resolve), void sleep(POLL_MS).then(resolve)));
        woken = false;
      }
    } finally {
      stopListening();
    }
  }

  /**
   * Verifies that the reloaded page runs `uid` in `slot`: its storage holds it, and where the page has the global SDK,
   * the SDK says so too (the storage can say one user while the app's SDK runs another). `looked` is what the reload's
   * last look found: the storage's uid, and the SDK asked under the marker `check`. Resolves with what verified `uid`,
   * or throws NOT_VERIFIED.
   *
   * "No user" from the SDK while the page's storage still holds `uid` is not an answer yet: the SDK sets
   * `window.CometChat` in `init()` before it sets up its storage, and until then reads the default `localStorage` (in
   * session storage mode, nothing). It is asked again, and the storage read again in the same run, until
   * `sdkSettleTimeoutMs` is up. Another user, an error, or "no user" with the session gone from the storage (an SDK
   * that rejected the token clears it) is its answer at once.
   */
  async function verify(uid: string, slot: SessionSlot, reloaded: string, looked: ReloadState, check: string): Promise<VerifiedBy> {
    const reported = 'storedUid' in looked ? (looked.storedUid ?? null) : null;
    if (reported !== uid) {
      throw new CometChatException({
        code: ERROR_CODES.ERR_PAGE_SWITCH_NOT_VERIFIED,
        message: `After the reload the page reports ${reported ?? 'no user'}, not ${uid}. Its previous session was restored.`,
        details: { expected: uid, reported },
      });
    }
    const deadline = now() + sdkSettleTimeoutMs;
    const storesUid = async () => {
      const state = await inspected.run(reloadState, reloaded, { slot });
      return 'storedUid' in state && state.storedUid === uid;
    };
    for (;;) {
      if (!('sdkCheck' in looked) || !looked.sdkCheck) return 'storage';
      const answer = looked.sdkAnswer?.done ? looked.sdkAnswer : await sdkAnswer(check, deadline, uid);
      const reportedBySdk = 'uid' in answer ? answer.uid : null;
      if (reportedBySdk === uid) return 'sdk';
      const notYet = reportedBySdk === null && !('error' in answer) && now() <= deadline && (await storesUid());
      if (notYet) await sleep(POLL_MS);
      if (!notYet || now() > deadline) {
        throw new CometChatException({
          code: ERROR_CODES.ERR_PAGE_SWITCH_NOT_VERIFIED,
          message: `After the reload the page's CometChat SDK reports ${reportedBySdk ?? 'no user'}, not ${uid}. Its previous session was restored.`,
          details: { expected: uid, reportedBySdk, ...('error' in answer ? { sdkError: answer.error } : {}) },
        });
      }
      check = newMarker();
      looked = await inspected.run(reloadState, reloaded, { slot, sdkCheck: check });
    }
  }

  /** The SDK's answer to the check `marker`, once it has given one (NOT_VERIFIED if it has not by `deadline`). */
  async function sdkAnswer(marker: string, deadline: number, uid: string): Promise<Exclude<SdkUserCheck, { done: false }>> {
    for (;;) {
      const check = await inspected.run(readSdkUserCheck, marker);
      if (check.done) return check;
      if (now() > deadline) {
        throw new CometChatException({
          code: ERROR_CODES.ERR_PAGE_SWITCH_NOT_VERIFIED,
          message: `The page's CometChat SDK did not say who is logged in within ${sdkSettleTimeoutMs / 1000} s. Its previous session was restored.`,
          details: { expected: uid },
        });
      }
      await sleep(POLL_MS);
    }
  }

  async function restore(slot: SessionSlot, raw: RawSlot): Promise<void> {
    // A tab that has left for another site keeps what it has: the old session belongs to the old one.
    await writeInto(inspected, origin, writeRawSlot, slot, raw);
    await reloadAndWait();
  }

  /**
   * A switch not verified after it wrote the `localStorage` slot of an app whose keys are in `sessionStorage` too (its
   * SDK runs in session storage mode and reads there alone): its details say so, for the likely cause. Read only then.
   */
  async function namingSessionStorageMode(error: CometChatError, slot: SessionSlot): Promise<CometChatError> {
    if (error.code !== ERROR_CODES.ERR_PAGE_SWITCH_NOT_VERIFIED || slot.storage !== 'localStorage') return error;
    const sessions = await read().then(
      (inspection) => inspection.sessions,
      () => [],
    );
    if (!sessions.some((session) => session.appId === slot.appId && session.storage === 'sessionStorage')) return error;
    const details = typeof error.details === 'object' && error.details !== null ? error.details : {};
    return { ...error, details: { ...details, written: 'localStorage', appStorage: 'sessionStorage' } };
  }

  function sendReport(type: AuthEventType, slot: SessionSlot, startedAt: number, uid?: string, error?: CometChatError) {
    return report({ type, appId: slot.appId, uid, error, durationMs: now() - startedAt, pageOrigin: origin }).catch(() => undefined);
  }

  return {
    read,
    /** Reloads the page and resolves once the new document has loaded (`ERR_PAGE_RELOAD_TIMEOUT` otherwise). */
    reloadAndWait: async (): Promise<void> => void (await reloadAndWait()),

    /** Reads the page, waiting while it is between documents: see {@link readWhenSettled}. */
    readWhenSettled: () => readWhenSettled(read, { now, sleep, settleTimeoutMs }),

    /**
     * Logs the page in as `target` (or the session prepared for it) in `slot`; resolves with the user the page then
     * reports, and what verified it. `mark` notes the end of each step (see step-marks.ts).
     */
    async switchTo(
      slot: SessionSlot,
      session: PageSessionTarget | PreparedSession,
      mark: (step: string) => void = () => undefined,
    ): Promise<PageSwitchResult> {
      const startedAt = now();
      const prepared = 'grant' in session ? session : prepareSession(session, requestGrant, revoke);
      // A question about the target (ERR_PAGE_SHARED_TOKEN) is asked before anything is read, and is not a failed login.
      const target = await prepared.target;
      let grant: PageSessionGrant | undefined;
      // What the slot held, for a switch that does not verify: the write's own run reads it, just before it writes.
      let previous: RawSlot | undefined;
      try {
        grant = await prepared.grant;
        mark('mint');
        const stored = { ...grant.user, authToken: grant.authToken, jwt: grant.jwt, ...(grant.wsChannel ? { wsChannel: grant.wsChannel } : {}) };
        // The document is tagged for the reload in the write's own run.
        const marker = newMarker();
        ({ previous } = await writeInto(inspected, origin, writeSession, slot, stored, grant.settings ?? null, marker));
        mark('write');
        const check = newMarker();
        const reloaded = await reloadAndWait({ slot, sdkCheck: check, ...(inspected.awaitsPromises ? { sdkWaitMs: SDK_WAIT_MS } : {}) }, marker);
        mark('reload');
        const verifiedBy = await verify(grant.user.uid, slot, reloaded.marker, reloaded.state, check);
        mark('verify');
        // Queued now, so it is the timeline's next record, but not awaited: the view that asked gets its reply before
        // it renders this event (the event and the snapshot after it kept the panel's reply waiting ~15 ms).
        void sendReport('loginSuccess', slot, startedAt, grant.user.uid);
        return { user: grant.user, verifiedBy };
      } catch (thrown) {
        const error = await namingSessionStorageMode(toCometChatError(thrown), slot);
        // Nothing was written when no session was granted or the write did not answer with what it replaced; otherwise
        // put the old session back. Either way, end the token minted for this switch, which nothing uses now (a pasted
        // token is the tester's own).
        if (previous) await restore(slot, previous).catch(() => undefined);
        if (grant && !('authToken' in target)) await revoke(grant.authToken).catch(() => undefined);
        await sendReport('loginFailure', slot, startedAt, grant?.user.uid ?? targetUid(target), error);
        throw new CometChatException(error);
      }
    },

    /**
     * Removes the page's session and reloads; with `revokeToken`, also ends the token on the server.
     * `tokenRevoked` says what the server did: true (ended), false (it no longer knew the token), null (not asked).
     */
    async logout(slot: SessionSlot, { revokeToken = false } = {}): Promise<{ tokenRevoked: boolean | null }> {
      const startedAt = now();
      const before = await read();
      const session = before.sessions.find((candidate) => candidate.storage === slot.storage && candidate.appId === slot.appId);
      try {
        await writeInto(inspected, origin, writeRawSlot, slot, { user: null, appSettings: null });
        const { state } = await reloadAndWait({ slot });
        const reported = 'storedUid' in state ? state.storedUid : null;
        if (reported) {
          throw new CometChatException({
            code: ERROR_CODES.ERR_PAGE_LOGOUT_NOT_VERIFIED,
            message: `After the reload the page still reports ${reported}.`,
            details: { reported },
          });
        }
        // Only once the page verifiably let go of it: a page that logged itself back in still runs this token.
        const tokenRevoked = revokeToken && session?.user?.authToken ? await revoke(session.user.authToken) : null;
        await sendReport('logoutSuccess', slot, startedAt, session?.user?.uid);
        return { tokenRevoked };
      } catch (thrown) {
        const error = toCometChatError(thrown);
        await sendReport('logoutFailure', slot, startedAt, session?.user?.uid, error);
        throw new CometChatException(error);
      }
    },
  };
}

/**
 * Starts getting the session a switch to `target` will write, with `requestGrant` (a minted token is two requests to
 * the server, ~15 ms of a switch), so that it can run beside the switch's first steps. Give it to `switchTo`, or
 * `discard` it: that ends a token it minted, with `revoke`, for a switch that will not run (a pasted one never).
 */
export function prepareSession(
  target: PageSessionTarget | Promise<PageSessionTarget>,
  requestGrant: (target: PageSessionTarget) => Promise<PageSessionGrant>,
  revoke: (authToken: string) => Promise<unknown>,
): PreparedSession {
  const targeted = Promise.resolve(target);
  const granted = targeted.then(requestGrant);
  // Awaited later, or never (a switch refused before it wrote): a rejection here is not unhandled.
  targeted.catch(() => undefined);
  granted.catch(() => undefined);
  return {
    target: targeted,
    grant: granted,
    async discard() {
      const minted = await granted.catch(() => undefined);
      if (minted && !('authToken' in (await targeted))) await revoke(minted.authToken).catch(() => undefined);
    },
  };
}

/**
 * Reads the page, waiting while it cannot be read because it is between documents (a reload or a
 * navigation): only when it stays unreadable for `settleTimeoutMs` is that the answer.
 */
export async function readWhenSettled<T>(
  read: () => Promise<T>,
  { now = Date.now, sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)), settleTimeoutMs = 3_000 } = {},
): Promise<T> {
  const deadline = now() + settleTimeoutMs;
  for (;;) {
    try {
      return await read();
    } catch (thrown) {
      const { code } = toCometChatError(thrown);
      const isBetweenDocuments = code === ERROR_CODES.ERR_PAGE_UNREACHABLE || code === ERROR_CODES.ERR_PAGE_SCRIPT;
      if (!isBetweenDocuments || now() > deadline) throw thrown;
      await sleep(150);
    }
  }
}

function targetUid(target: PageSessionTarget): string | undefined {
  if ('uid' in target) return target.uid;
  if ('heldUid' in target) return target.heldUid;
  return undefined;
}
