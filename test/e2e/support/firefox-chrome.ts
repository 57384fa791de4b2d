import type { Browser } from 'puppeteer-core';

/**
 * Firefox's privileged (chrome) scope, reached through WebDriver BiDi: with `--remote-allow-system-access` Firefox
 * lists its chrome windows to BiDi, and scripts evaluated there reach Firefox's internals (`Services`,
 * `ChromeUtils`, the add-on manager). What the Firefox suites need of it and WebDriver BiDi does not offer lives
 * here: running code in that scope, the extension's consoles, and its event page's life.
 */

/** The slice of puppeteer-core's internal BiDi connection used here: raw commands, any module. */
export interface BidiConnection {
  send(method: string, params: object): Promise<{ result: any }>;
}

/** A BiDi `script.evaluate` outcome, as far as this helper reads it. */
type EvaluateResult = { type: 'success'; result: { type: string; value?: unknown } } | { type: 'exception'; exceptionDetails: { text: string } };

export interface ChromeScope {
  /** Runs `functionSource` in the main browser window's chrome scope with `args` inlined as JSON; resolves to its JSON result. */
  call<T = unknown>(functionSource: string, ...args: unknown[]): Promise<T>;
}

/** puppeteer-core's BiDi connection, which its public API does not expose (Firefox launches only). */
export function bidiConnection(browser: Browser): BidiConnection {
  const connection = (browser as unknown as { connection?: BidiConnection }).connection;
  if (typeof connection?.send !== 'function') throw new Error('This Browser has no WebDriver BiDi connection (is it Firefox over BiDi?)');
  return connection;
}

/**
 * The main browser window's chrome scope: `call(functionSource, ...args)` runs the function there with the
 * arguments inlined as JSON, awaits it, and resolves to its JSON result.
 */
export async function chromeScope(connection: BidiConnection): Promise<ChromeScope> {
  const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const window = (result.contexts as { context: string; url: string }[]).find((context) => context.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('No chrome-scope browser window: launch Firefox with --remote-allow-system-access');

  return {
    async call<T = unknown>(functionSource: string, ...args: unknown[]): Promise<T> {
      const argList = args.map((arg) => JSON.stringify(arg)).join(', ');
      const { result: outcome }: { result: EvaluateResult } = await connection.send('script.evaluate', {
        expression: `(async () => JSON.stringify((await (${functionSource})(${argList})) ?? null))()`,
        target: { context: window.context },
        awaitPromise: true,
      });
      if (outcome.type === 'exception') throw new Error(`Firefox chrome scope threw: ${outcome.exceptionDetails.text}`);
      return JSON.parse(String(outcome.result.value)) as T;
    },
  };
}

/** Message names of the console watch below, prefixed so they cannot collide with Firefox's own. */
const CONSOLE_MESSAGE = 'cc-e2e:console';
const FLUSH_REQUEST = 'cc-e2e:console-flush';
const FLUSH_REPLY = 'cc-e2e:console-flushed';

/**
 * A process script, loaded into every Firefox process (the extension's pages and its event page run in the
 * extension process; BiDi never reports their console calls; the parent process refuses a data: script, and has
 * none of the extension's code). Every `console.*` call of a window or worker is
 * recorded by that process's ConsoleAPIStorage, tagged with the caller's add-on id: calls made by `addonId`'s
 * code are sent to the parent process as "document URL: arguments". A flush request is answered in order, after
 * every message sent before it.
 */
const CONSOLE_PROCESS_SCRIPT = (addonId: string) => `
if (!this.ccE2eConsoleWatch) {
  this.ccE2eConsoleWatch = true;
  const storage = Cc['@mozilla.org/consoleAPI-storage;1'].getService(Ci.nsIConsoleAPIStorage);
  const text = (value) => {
    if (typeof value === 'string') return value;
    try { return JSON.stringify(value) ?? String(value); } catch { return String(value); }
  };
  // The document that made the call (the event names its inner window); the script's URL when that is gone.
  const where = (event) => {
    try {
      const window = Services.wm.getCurrentInnerWindowWithId(Number(event.innerID));
      if (window) return window.document.documentURI;
    } catch {}
    return event.filename || '(unknown)';
  };
  storage.addLogEventListener((event) => {
    if (event.addonId !== ${JSON.stringify(addonId)}) return;
    sendAsyncMessage(${JSON.stringify(CONSOLE_MESSAGE)}, where(event) + ': [' + event.level + '] ' + (event.arguments || []).map(text).join(' '));
  }, Services.scriptSecurityManager.getSystemPrincipal());
  addMessageListener(${JSON.stringify(FLUSH_REQUEST)}, ({ data }) =>
    sendAsyncMessage(${JSON.stringify(FLUSH_REPLY)}, { token: data, remoteType: Services.appinfo.remoteType }),
  );
}
`;

/**
 * Starts recording every console call of the extension `addonId` (its pages and its event page) in the chrome
 * scope; read them with `readExtensionConsole`. Call before the extension is installed, so nothing is missed.
 */
export async function watchExtensionConsole(chrome: ChromeScope, addonId: string): Promise<void> {
  await chrome.call(
    `(script, messageName) => {
      const e2e = (window.__ccE2eConsole ??= { messages: [] });
      if (e2e.listening) return;
      e2e.listening = true;
      Services.ppmm.addMessageListener(messageName, ({ data }) => e2e.messages.push(data));
      // Delayed load: processes started later (the extension's, when it is installed) get the script too.
      Services.ppmm.loadProcessScript('data:,' + encodeURIComponent(script), true);
    }`,
    CONSOLE_PROCESS_SCRIPT(addonId),
    CONSOLE_MESSAGE,
  );
}

/**
 * Every console call of the watched extension so far, as "document URL: [level] text", after asking the extension
 * process to flush what it has sent (bounded at 2 s: before the extension's first page, there is no such process).
 */
export async function readExtensionConsole(chrome: ChromeScope): Promise<string[]> {
  return chrome.call<string[]>(
    `async (request, reply) => {
      const e2e = window.__ccE2eConsole;
      if (!e2e) throw new Error('the extension console is not watched');
      const token = Math.random();
      await new Promise((resolve) => {
        const timer = setTimeout(done, 2000);
        function done() {
          clearTimeout(timer);
          Services.ppmm.removeMessageListener(reply, onReply);
          resolve();
        }
        // The extension's pages and event page all live in the extension process: once it has answered, every
        // message it sent before has arrived (messages from one process arrive in order).
        function onReply({ data }) {
          if (data.token === token && data.remoteType === 'extension') done();
        }
        Services.ppmm.addMessageListener(reply, onReply);
        Services.ppmm.broadcastAsyncMessage(request, token);
      });
      return e2e.messages;
    }`,
    FLUSH_REQUEST,
    FLUSH_REPLY,
  );
}

/**
 * The extension's event page, as about:debugging's "Terminate background script" sees and stops it
 * (`DebugUtils` of ExtensionParent.sys.mjs): the same termination Firefox applies to an idle event page,
 * whatever ports or DevTools hold it.
 *
 * Firefox's `terminateBackground` returns without stopping anything when an event reaches the page while it suspends
 * (a tab closing, a message) or a listener's promise is pending (ext-backgroundPage.js): once in a fresh-clone run the
 * page then kept a log number it had read before a test seeded the log behind it. So `terminate` asks with the idle
 * checks off, as Firefox's own tests do, until the page's shutdown is seen, and fails saying so after ten tries.
 */
export function eventPageControl(chrome: ChromeScope, addonId: string) {
  const prelude = `const { DebugUtils } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs').ExtensionParent;`;
  return {
    /** Whether the event page is running now (`DebugUtils.isBackgroundScriptRunning`). */
    isRunning: () => chrome.call<boolean>(`(id) => { ${prelude} return DebugUtils.isBackgroundScriptRunning(id) === true; }`, addonId),
    /** Terminates the event page and resolves once Firefox has torn it down. */
    terminate: () =>
      chrome.call<void>(
        `async (id) => {
          const { extension } = WebExtensionPolicy.getByID(id);
          for (let attempt = 1; attempt <= 10; attempt++) {
            let isShutDown = false;
            const onShutdown = () => { isShutDown = true; };
            extension.on('shutdown-background-script', onShutdown);
            try {
              await extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });
            } finally {
              extension.off('shutdown-background-script', onShutdown);
            }
            if (isShutDown || extension.backgroundState === 'stopped') return;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          throw new Error('Firefox kept the event page running through ten terminations (' + extension.backgroundState + ')');
        }`,
        addonId,
      ),
  };
}
