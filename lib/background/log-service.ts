import { ERROR_CODES } from '../cometchat/error-codes';
import { CometChatException, isCometChatError } from '../cometchat/exception';
import type { AuthEvent, AuthEventType, EventQuery, PageEventReport } from '../protocol';
import { redactSecrets } from '../redact';
import { KEPT_EVENTS, type BackgroundContext } from './context';
import type { PinRecords } from './page/pin-records';

const EVENT_TYPES: readonly AuthEventType[] = ['loginSuccess', 'loginFailure', 'logoutSuccess', 'logoutFailure'];

/** The persisted auth-event log: read it, clear it, export it without secrets, add page events. */
export function createLogService(context: BackgroundContext, pins: Pick<PinRecords, 'all' | 'revokeAll'>) {
  const { store } = context;

  return {
    getEvents(query: EventQuery = {}): Promise<AuthEvent[]> {
      const { afterSeq, newest } = sanitizeQuery(query);
      // A panel's first window (the newest, from the start) may come from memory; any other part of the log is read.
      if (afterSeq === undefined && newest !== undefined && newest <= KEPT_EVENTS) return context.newestEvents(newest);
      return store.read((repositories) => repositories.events.list({ afterSeq, newest }));
    },

    /**
     * Deletes the database and starts over; every view gets the empty state of a new epoch. Pinned tabs' tokens are
     * revoked first (a database that cannot be read has none to give); `unrevoked` lists those CometChat could not be
     * told about (network), forgotten with the rest.
     */
    resetStorage: () => context.resetStorage(async () => ({ unrevoked: await pins.revokeAll(await pins.all().catch(() => [])) })),

    clearEvents: () =>
      context.command(async (commit): Promise<null> => {
        await commit(async ({ events }) => ({ value: await events.clear(), clearedLog: true }));
        return null;
      }),

    /** The whole log as JSON, with every Auth Key, token and jwt the extension knows (or that looks like one) redacted. */
    async exportEvents(): Promise<string> {
      const { events, profiles, sessions } = await store.read(async (repositories) => {
        const [events, profiles, sessions] = await Promise.all([
          repositories.events.list(),
          repositories.profiles.all(),
          repositories.sessions.all(),
        ]);
        return { events, profiles, sessions };
      });
      const json = JSON.stringify({ exportedAt: new Date(context.now()).toISOString(), events }, null, 2);
      return redactSecrets(json, [...profiles.map((profile) => profile.authKey), ...sessions.flatMap((session) => [session.authToken, session.jwt])]);
    },

    /** Records what the devtools panel did to an inspected page's session, so the timeline shows it. */
    reportPageEvent: (report: PageEventReport, source: string) =>
      context.command(async (commit): Promise<AuthEvent> => {
        const { error, ...valid } = validateReport(report);
        // The panel's report can carry what a page or a server said: masked and bounded like any stored error.
        const draft = {
          ...valid,
          ...(error ? { error: await context.sanitize(error) } : {}),
          source,
          target: 'page' as const,
          at: context.now() - Math.max(0, report.durationMs),
        };
        const { event } = await commit(() => Promise.resolve({ value: null, event: draft }));
        return event!;
      }),
  };
}

export type LogService = ReturnType<typeof createLogService>;

/** Only whole, non-negative numbers narrow a query; anything else means "no limit". */
function sanitizeQuery(query: EventQuery): EventQuery {
  const whole = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);
  const afterSeq = whole(query?.afterSeq);
  const newest = whole(query?.newest);
  return { ...(afterSeq !== undefined ? { afterSeq } : {}), ...(newest !== undefined ? { newest } : {}) };
}

function validateReport(report: PageEventReport) {
  const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : undefined);
  if (!report || !EVENT_TYPES.includes(report.type) || typeof report.durationMs !== 'number' || !Number.isFinite(report.durationMs)) {
    throw new CometChatException({ code: ERROR_CODES.MISSING_PARAMETERS, message: 'A page event needs a type and a duration.', details: {} });
  }
  return {
    type: report.type,
    appId: text(report.appId, 100) ?? '',
    uid: text(report.uid, 100),
    durationMs: Math.max(0, Math.round(report.durationMs)),
    pageOrigin: text(report.pageOrigin, 300) ?? '',
    ...(isCometChatError(report.error) ? { error: report.error } : {}),
  };
}
