import { AGENT_HELLO_EVENT, AGENT_REPORT_EVENT, PAGE_REPORT_MESSAGE, RELAY_READY_EVENT } from '@/lib/page/reports';

/**
 * The page agent's relay, in the extension's isolated world on allowed sites (registered by the background): it
 * passes the agent's reports on as they are (JSON text, at most 32 kB) and nothing else. The page can dispatch the
 * same events, so the background treats every report as information from the page, never as a command.
 */
interface RelayApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

export default defineUnlistedScript(() => {
  // The browser's own runtime (Firefox: `browser`, Chrome: `chrome`; both return a promise from sendMessage): this
  // script runs in every page of an allowed site, so it skips the 10 kB webextension-polyfill.
  const { browser: firefox, chrome } = globalThis as unknown as Record<'browser' | 'chrome', RelayApi | undefined>;
  const { runtime } = (firefox ?? chrome)!;
  const relay = (event: Event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail !== 'string' || detail.length > 32_768) return;
    runtime.sendMessage({ type: PAGE_REPORT_MESSAGE, report: detail }).catch(() => undefined);
  };
  const ready = () => document.dispatchEvent(new CustomEvent(RELAY_READY_EVENT));
  document.addEventListener(AGENT_REPORT_EVENT, relay);
  document.addEventListener(AGENT_HELLO_EVENT, ready);
  ready();
});
