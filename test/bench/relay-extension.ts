import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The live monitor's floor: an extension that carries the same news the same way, and does nothing else. Its page
 * script wraps `Storage.prototype.setItem` / `removeItem` in the page's main world, as the page agent does, and when the
 * SDK's stored user (`{appId}:common_store/user`) changes, dispatches its uid on `document` as a CustomEvent (JSON
 * text); its isolated-world script sends that to its service worker with `runtime.sendMessage`, as the agent's relay
 * does; the worker posts it on the port of each open page of its own; its page puts the uid in as text. From the app's
 * own action, that is what any monitor has to wait for (the SDK's requests, the page's write, two hops between
 * processes and a text change in an extension page); the real monitor's time over it is what its own code costs.
 *
 * Its page scripts run only in the app page opened at `/index.html` (the fixture serves the app there too), so the
 * page loads timed after the monitor, at `/`, never carry them.
 */
export interface RelayExtension {
  dir: string;
  /** The page that shows the uid, relative to the extension's root. */
  page: string;
  /** Its selector and the texts it shows, as the real panel's strip says them. */
  selector: string;
  dispose(): void;
}

const MANIFEST = {
  manifest_version: 3,
  name: 'Bench relay',
  version: '1.0.0',
  background: { service_worker: 'relay-worker.js' },
  content_scripts: [
    { matches: ['http://127.0.0.1/index.html*'], js: ['relay-main.js'], run_at: 'document_start', world: 'MAIN' },
    { matches: ['http://127.0.0.1/index.html*'], js: ['relay-isolated.js'], run_at: 'document_start' },
  ],
};

/** In the page's main world, before its scripts: a change of the stored user goes to `document` as an event. */
const MAIN_SCRIPT = `(() => {
  const proto = Storage.prototype;
  const { getItem, setItem, removeItem } = proto;
  const dispatchEvent = EventTarget.prototype.dispatchEvent;
  const userKey = /^(.+):common_store\\/user$/;
  const uidOf = (raw) => {
    if (raw === null) return null;
    try {
      return JSON.parse(JSON.parse(raw)).uid ?? '?';
    } catch {
      return '?';
    }
  };
  const write = (area, name, run) => {
    if (typeof name !== 'string' || !userKey.test(name)) return run();
    const before = uidOf(getItem.call(area, name));
    const result = run();
    const uid = uidOf(getItem.call(area, name));
    if (uid !== before) dispatchEvent.call(document, new CustomEvent('bench-relay', { detail: JSON.stringify({ uid }) }));
    return result;
  };
  proto.setItem = function (name, value) {
    return write(this, name, () => setItem.call(this, name, value));
  };
  proto.removeItem = function (name) {
    return write(this, name, () => removeItem.call(this, name));
  };
})();
`;

/** In the isolated world: each event to the worker. */
const ISOLATED_SCRIPT = `document.addEventListener('bench-relay', (event) => {
  chrome.runtime.sendMessage({ report: event.detail }).catch(() => undefined);
});
`;

/** The worker: each report to every open page. */
const WORKER_SCRIPT = `const pages = new Set();
chrome.runtime.onConnect.addListener((port) => {
  pages.add(port);
  port.onDisconnect.addListener(() => pages.delete(port));
});
chrome.runtime.onMessage.addListener((message) => {
  for (const port of pages) port.postMessage(message.report);
});
`;

const SELECTOR = '[data-testid="monitor-user"]';

const PAGE_HTML = `<!doctype html>
<meta charset="utf-8" />
<title>Bench relay</title>
<p data-testid="monitor-user">nobody logged in</p>
<script src="relay-page.js"></script>
`;

const PAGE_SCRIPT = `const shown = document.querySelector(${JSON.stringify(SELECTOR)});
chrome.runtime.connect({ name: 'relay' }).onMessage.addListener((report) => {
  const { uid } = JSON.parse(report);
  shown.textContent = uid === null ? 'nobody logged in' : 'runs ' + uid;
});
`;

/** Writes the relay extension into a new temporary folder. */
export function createRelayExtension(): RelayExtension {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-relay-'));
  const files: Record<string, string> = {
    'manifest.json': JSON.stringify(MANIFEST, null, 2),
    'relay-main.js': MAIN_SCRIPT,
    'relay-isolated.js': ISOLATED_SCRIPT,
    'relay-worker.js': WORKER_SCRIPT,
    'relay-page.html': PAGE_HTML,
    'relay-page.js': PAGE_SCRIPT,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, page: 'relay-page.html', selector: SELECTOR, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
