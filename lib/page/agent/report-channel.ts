import { AGENT_HELLO_EVENT, AGENT_REPORT_EVENT, RELAY_READY_EVENT, type PageReport } from '../reports';

/** Reports kept while no relay listens; the oldest go first (a page without the relay must not grow without bound). */
export const REPORT_BUFFER_LIMIT = 200;

/**
 * The agent's side of the page channel: each report goes to `document` as a CustomEvent whose detail is the report as
 * JSON, once the relay said it listens (`RELAY_READY_EVENT`); until then reports wait in a bounded buffer. Says hello
 * at once, for a relay that started first. The DOM functions are taken now, before any page script can replace them.
 */
export function createReportChannel(win: Window & typeof globalThis): (report: PageReport) => void {
  const { document } = win;
  const { CustomEvent } = win;
  const dispatchEvent = win.EventTarget.prototype.dispatchEvent;
  const { apply } = Reflect;
  const stringify = JSON.stringify;
  const buffered: string[] = [];
  let isRelayListening = false;

  const post = (detail: string) => apply(dispatchEvent, document, [new CustomEvent(AGENT_REPORT_EVENT, { detail })]);

  document.addEventListener(RELAY_READY_EVENT, () => {
    isRelayListening = true;
    for (const detail of buffered.splice(0)) post(detail);
  });
  apply(dispatchEvent, document, [new CustomEvent(AGENT_HELLO_EVENT)]);

  return (report) => {
    // Serialised now: the report shows the status at the time of the activity, whenever it leaves.
    const detail = stringify(report);
    if (isRelayListening) return void post(detail);
    buffered.push(detail);
    if (buffered.length > REPORT_BUFFER_LIMIT) buffered.shift();
  };
}
