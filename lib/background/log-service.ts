import { CometChatException, isCometChatError } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-codes';
import type { AuthEvent, AuthEventType, PageEventReport } from '../protocol';
import { redactSecrets } from '../redact';
import type { BackgroundContext } from './context';

const EVENT_TYPES: readonly AuthEventType[] = ['loginSuccess', 'loginFailure', 'logoutSuccess', 'logoutFailure'];

/** The persisted auth-event log: read it whole, clear it, export it without secrets, add page events. */
export function createLogService(context: BackgroundContext) {
  const { store, queue, emit } = context;

  return {
    getEvents: (): Promise<AuthEvent[]> => store.listEvents(),

    /** Deletes the database and starts over; every view gets the empty state. */
    resetStorage: () =>
      queue.run(async (): Promise<null> => {
        await store.reset();
        emit({ type: 'eventsCleared' });
        await context.broadcastSnapshot();
        return null;
      }),

    clearEvents: () =>
      queue.run(async (): Promise<null> => {
        await store.clearEvents();
        emit({ type: 'eventsCleared' });
        await context.broadcastSnapshot();
        return null;
      }),

    /** The whole log as JSON, with every Auth Key, token and jwt the extension knows (or that looks like one) redacted. */
    async exportEvents(): Promise<string> {
      const [events, { profiles, sessions }] = await Promise.all([store.listEvents(), store.listSecrets()]);
      const json = JSON.stringify({ exportedAt: new Date(context.now()).toISOString(), events }, null, 2);
      return redactSecrets(json, [...profiles.map((profile) => profile.authKey), ...sessions.flatMap((session) => [session.authToken, session.jwt])]);
    },

    /** Records what the devtools panel did to an inspected page's session, so the timeline shows it. */
    reportPageEvent: (report: PageEventReport, source: string) =>
      queue.run(async () => {
        const event = await store.appendEvent({ ...validateReport(report), source, target: 'page', at: context.now() - Math.max(0, report.durationMs) });
        emit({ type: 'authEvent', event });
        await context.broadcastSnapshot();
        return event;
      }),
  };
}

export type LogService = ReturnType<typeof createLogService>;

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
    ...(isCometChatError(report.error)
      ? { error: { code: report.error.code.slice(0, 100), message: report.error.message.slice(0, 1000), details: report.error.details ?? {} } }
      : {}),
  };
}
