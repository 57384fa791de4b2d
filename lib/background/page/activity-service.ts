import { siteOf } from '../../sites';
import type { PageReport } from '../../page/reports';
import type { AuthEvent } from '../../protocol';
import type { BackgroundContext } from '../context';
import { boundReport } from './page-reports';
import type { TabStates } from './tab-states';

/** Who sent a relay's message, as the browser says (never as the page says). */
export interface ReportSender {
  tabId?: number;
  /** The frame the relay runs in: 0 for the tab's top frame. */
  frameId?: number;
  /** The URL of the frame the relay runs in. */
  url?: string;
}

/**
 * At most this many reports per tab in `RATE_WINDOW_MS` reach the log (a page cannot flood it); of the rest, only the
 * newest status is kept, and it becomes the tab's state when the window ends, so the views never stay on a stale one.
 */
export const RATE_LIMIT = 120;
const RATE_WINDOW_MS = 10_000;

/**
 * What apps do by themselves, as their page agents report it: each report from the top frame of a tab on a site the
 * tester allowed is bounded (`page-reports.ts`), becomes the tab's state (`tab-states.ts`) and, unless it is a mere
 * status update, is appended to the timeline as `pageActivity`; every view hears both live. A report from a frame
 * inside the page is dropped: a frame of another origin must not speak for the tab. Nothing else happens: a report
 * never commands anything.
 */
export function createActivityService(
  context: BackgroundContext,
  allowedSites: () => Promise<string[]>,
  tabStates: Pick<TabStates, 'agentReported'>,
  { rateWindowMs = RATE_WINDOW_MS }: { rateWindowMs?: number } = {},
) {
  const budgets = new Map<number, { windowStart: number; count: number }>();
  /** Per tab over its budget: the newest report (unread: a flood costs no parsing) and the origin it came from. */
  const held = new Map<number, { json: unknown; origin: string }>();

  function withinBudget(tabId: number): boolean {
    const now = context.now();
    const budget = budgets.get(tabId);
    if (!budget || now - budget.windowStart >= rateWindowMs) {
      budgets.set(tabId, { windowStart: now, count: 1 });
      return true;
    }
    budget.count += 1;
    return budget.count <= RATE_LIMIT;
  }

  /** Keeps `json` as the tab's newest report over budget; the first one held sets the window's end to apply it. */
  function holdNewest(tabId: number, json: unknown, origin: string): void {
    const isWaiting = held.has(tabId);
    held.set(tabId, { json, origin });
    if (isWaiting) return;
    const windowStart = budgets.get(tabId)?.windowStart ?? context.now();
    setTimeout(() => void applyHeld(tabId).catch(() => undefined), Math.max(0, windowStart + rateWindowMs - context.now()));
  }

  /** The held report's status becomes the tab's state, as a status update: the log never hears of it. */
  async function applyHeld(tabId: number): Promise<void> {
    const newest = held.get(tabId);
    held.delete(tabId);
    const report = newest ? boundReport(newest.json) : null;
    if (!newest || !report || !(await allowedSites()).includes(siteOf(newest.origin))) return;
    await tabStates.agentReported(tabId, newest.origin, { activity: { kind: 'status' }, status: report.status }, null);
  }

  return {
    /**
     * Takes one relayed report; resolves to the event logged, or null when the report or its sender is refused (or the
     * report was a status update, which changes the tab's state only).
     */
    async acceptReport(json: unknown, sender: ReportSender): Promise<AuthEvent | null> {
      const { tabId, frameId, url } = sender;
      if (typeof tabId !== 'number' || tabId < 0 || frameId !== 0 || !url) return null;
      let origin: string;
      try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
        origin = parsed.origin;
      } catch {
        return null;
      }
      if (!withinBudget(tabId)) {
        holdNewest(tabId, json, origin);
        return null;
      }
      const report = boundReport(json);
      if (!report || !(await allowedSites()).includes(siteOf(origin))) return null;
      const draft =
        report.activity.kind === 'status'
          ? null
          : {
              ...eventFields(report),
              at: context.now(),
              source: 'page-agent',
              target: 'app' as const,
              pageOrigin: origin,
              tabId,
              durationMs: report.activity.kind === 'rest' ? report.activity.durationMs : 0,
            };
      return tabStates.agentReported(tabId, origin, report, draft);
    },
    /** Forgets a closed tab's budget. */
    forgetTab(tabId: number): void {
      budgets.delete(tabId);
      held.delete(tabId);
    },
  };
}

/** The app and user a report concerns: named by the activity, else the first app the agent knows. */
function eventFields({ activity, status }: PageReport) {
  const named = activity.kind === 'storage' || activity.kind === 'rest' ? activity.appId : undefined;
  const appId = named ?? status.users[0]?.appId ?? '';
  const running = status.users.find((user) => user.appId === appId)?.uid ?? undefined;
  const uid = activity.kind === 'storage' ? (activity.uid ?? undefined) : activity.kind === 'listener' ? (activity.uid ?? running) : running;
  return { type: 'pageActivity' as const, appId, ...(uid ? { uid } : {}), activity, agentStatus: status };
}
