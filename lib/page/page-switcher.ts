import { CometChatException, toCometChatError, type CometChatError } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-codes';
import type { CometChatUser } from '../cometchat/user';
import { EXTENSION_KEY_PREFIX } from './reports';
import type { AuthEventType, PageEventReport, PageSessionGrant, PageSessionTarget } from '../protocol';
import type { InspectedWindow } from './inspected-window';
import {
  markDocument,
  readRawSlot,
  readSdkUserCheck,
  readSessions,
  reloadState,
  startSdkUserCheck,
  writeRawSlot,
  writeSession,
  type RawSlot,
  type SdkUserCheck,
} from './page-storage';
import { writeInto } from './page-write';
import type { SessionSlot } from './page-types';

/** How often a switch looks at the page while it reloads and while its SDK answers: a script run is a few ms. */
const POLL_MS = 25;

/** How a switch was verified: by the page's own SDK (`getLoggedinUser()`), or only in its storage (no global SDK). */
export type VerifiedBy = 'sdk' | 'storage';

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
}: PageSwitcherDeps) {
  const read = () => inspected.run(readSessions, EXTENSION_KEY_PREFIX);

  async function reloadAndWait(): Promise<void> {
    const marker = `${now()}-${Math.random()}`;
    await inspected.run(markDocument, marker);
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
        const state = await inspected.run(reloadState, marker).catch(() => null);
        if (state?.replaced && state.complete) return;
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

  async function uidIn(slot: SessionSlot): Promise<string | null> {
    const after = await read();
    return after.sessions.find((session) => session.storage === slot.storage && session.appId === slot.appId)?.user?.uid ?? null;
  }

  /**
   * Where the page has the global SDK, asks it who is logged in after the reload: the storage can say one
   * user while the app's SDK runs another. Resolves with what verified `uid`, or throws NOT_VERIFIED.
   *
   * "No user" while the page's storage still holds `uid` is not an answer yet: the SDK sets `window.CometChat` in
   * `init()` before it sets up its storage, and until then reads the default `localStorage` (in session storage mode,
   * nothing). It is asked again until the settle time is up. Another user, an error, or "no user" with the session
   * gone from the storage (an SDK that rejected the token clears it) is its answer at once.
   */
  async function verifyWithSdk(uid: string, slot: SessionSlot): Promise<VerifiedBy> {
    const deadline = now() + settleTimeoutMs;
    for (;;) {
      const marker = `${now()}-${Math.random()}`;
      if (!(await inspected.run(startSdkUserCheck, marker))) return 'storage';
      const check = await sdkAnswer(marker, deadline, uid);
      const reported = 'uid' in check ? check.uid : null;
      if (reported === uid) return 'sdk';
      const notYet = reported === null && !('error' in check) && now() <= deadline && (await uidIn(slot)) === uid;
      if (!notYet) {
        throw new CometChatException({
          code: ERROR_CODES.ERR_PAGE_SWITCH_NOT_VERIFIED,
          message: `After the reload the page's CometChat SDK reports ${reported ?? 'no user'}, not ${uid}. Its previous session was restored.`,
          details: { expected: uid, reportedBySdk: reported, ...('error' in check ? { sdkError: check.error } : {}) },
        });
      }
      await sleep(POLL_MS);
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
          message: `The page's CometChat SDK did not say who is logged in within ${settleTimeoutMs / 1000} s. Its previous session was restored.`,
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
    reloadAndWait,

    /** Reads the page, waiting while it is between documents: see {@link readWhenSettled}. */
    readWhenSettled: () => readWhenSettled(read, { now, sleep, settleTimeoutMs }),

    /**
     * Logs the page in as `target` in `slot`; resolves with the user the page then reports, and what verified it.
     * `mark` notes the end of each step (see step-marks.ts).
     */
    async switchTo(slot: SessionSlot, target: PageSessionTarget, mark: (step: string) => void = () => undefined): Promise<PageSwitchResult> {
      const startedAt = now();
      const previous = await inspected.run(readRawSlot, slot);
      mark('keep-previous');
      let grant: PageSessionGrant | undefined;
      try {
        grant = await requestGrant(target);
        mark('mint');
        const stored = { ...grant.user, authToken: grant.authToken, jwt: grant.jwt, ...(grant.wsChannel ? { wsChannel: grant.wsChannel } : {}) };
        await writeInto(inspected, origin, writeSession, slot, stored, grant.settings ?? null);
        mark('write');
        await reloadAndWait();
        mark('reload');
        const reported = await uidIn(slot);
        mark('verify-storage');
        if (reported !== grant.user.uid) {
          throw new CometChatException({
            code: ERROR_CODES.ERR_PAGE_SWITCH_NOT_VERIFIED,
            message: `After the reload the page reports ${reported ?? 'no user'}, not ${grant.user.uid}. Its previous session was restored.`,
            details: { expected: grant.user.uid, reported },
          });
        }
        const verifiedBy = await verifyWithSdk(grant.user.uid, slot);
        mark('verify-sdk');
        // Queued now, so it is the timeline's next record, but not awaited: the view that asked gets its reply before
        // it renders this event (the event and the snapshot after it kept the panel's reply waiting ~15 ms).
        void sendReport('loginSuccess', slot, startedAt, grant.user.uid);
        return { user: grant.user, verifiedBy };
      } catch (thrown) {
        const error = await namingSessionStorageMode(toCometChatError(thrown), slot);
        // Nothing was written when no session was granted; otherwise put the old session back, and end
        // the token minted for this switch, which nothing uses now (a pasted token is the tester's own).
        if (grant) await restore(slot, previous).catch(() => undefined);
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
        await reloadAndWait();
        const reported = await uidIn(slot);
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
