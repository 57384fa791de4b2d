import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SESSION_PORT, type ViewMessage } from '@/lib/protocol';
import { CHROME_BUILD } from '../e2e/support/paths';

/**
 * The floor a view's open time is compared with: the same HTML and CSS as the real page, and one tiny module
 * script (run at the moment the app's module would run) that puts up a static stand-in for what the bench
 * waits for. The difference is what the app's own code costs: loading it, asking the worker, rendering.
 */
export interface ShellPage {
  /** The page to open, relative to the extension root. */
  path: string;
  /** The selector and text the bench waits for in it. */
  selector: string;
  text: string;
}

const SHELL_SCRIPT = `document.getElementById('app').innerHTML = document.getElementById('shell').innerHTML;\n`;

/** The popup's first request, as its session client sends it on a new port. */
const SUBSCRIBE: ViewMessage = { kind: 'request', id: 1, request: { type: 'subscribe', afterSeq: null, epoch: null } };
/** The panel's first request beside its subscription: the newest events, as `createEventLog` asks for them. */
const NEWEST_EVENTS: ViewMessage = { kind: 'request', id: 2, request: { type: 'getEvents', query: { newest: 100 } } };

/**
 * A shell script that puts up the stand-in only once the running background has answered every one of `requests` on
 * the views' port, sent together as the view sends them: the least a page that shows the background's state must wait
 * for.
 */
function askingShellScript(requests: readonly ViewMessage[]): string {
  return `const port = chrome.runtime.connect({ name: ${JSON.stringify(SESSION_PORT)} });
const waiting = new Set(${JSON.stringify(requests.map((request) => request.id))});
port.onMessage.addListener((message) => {
  if (message.kind !== 'response' || !waiting.delete(message.id) || waiting.size > 0) return;
  ${SHELL_SCRIPT.trim()}
});
${requests.map((request) => `port.postMessage(${JSON.stringify(request)});`).join('\n')}
`;
}

/** Copies `html` without its module script and preloads, with the shell script and `markup` as the stand-in. */
function shellOf(html: string, markup: string, script = '/bench-shell.js'): string {
  return html
    .replace(/\s*<script type="module"[^>]*><\/script>/g, '')
    .replace(/\s*<link rel="modulepreload"[^>]*>/g, '')
    .replace('</head>', `  <script type="module" src="${script}"></script>\n    <template id="shell">${markup}</template>\n  </head>`);
}

/**
 * A copy of the Chrome build with shell pages for the popup and the panel added, so nothing test-only ships in
 * the product build. Returns the copy's folder, the pages, and a clean-up function.
 */
export function createShellExtension(): {
  dir: string;
  popup: ShellPage;
  popupAsking: ShellPage;
  panel: ShellPage;
  panelAsking: ShellPage;
  dispose(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-extension-'));
  cpSync(CHROME_BUILD, dir, { recursive: true });
  writeFileSync(resolve(dir, 'bench-shell.js'), SHELL_SCRIPT);
  writeFileSync(resolve(dir, 'bench-shell-asking.js'), askingShellScript([SUBSCRIBE]));
  writeFileSync(resolve(dir, 'bench-shell-panel-asking.js'), askingShellScript([SUBSCRIBE, NEWEST_EVENTS]));
  const popup: ShellPage = { path: 'bench-shell-popup.html', selector: '[data-testid="current-user"] .user-name', text: 'shell' };
  const popupAsking: ShellPage = { ...popup, path: 'bench-shell-popup-asking.html' };
  const panel: ShellPage = { path: 'bench-shell-panel.html', selector: '[aria-label="Auth event timeline"] [data-seq]', text: 'shell' };
  const popupMarkup = '<section data-testid="current-user"><strong class="user-name">shell</strong></section>';
  const popupHtml = readFileSync(resolve(CHROME_BUILD, 'popup.html'), 'utf8');
  writeFileSync(resolve(dir, popup.path), shellOf(popupHtml, popupMarkup));
  writeFileSync(resolve(dir, popupAsking.path), shellOf(popupHtml, popupMarkup, '/bench-shell-asking.js'));
  const panelHtml = readFileSync(resolve(CHROME_BUILD, 'devtools-panel.html'), 'utf8');
  const panelMarkup = '<ol aria-label="Auth event timeline"><li data-seq="1">shell</li></ol>';
  const panelAsking: ShellPage = { ...panel, path: 'bench-shell-panel-asking.html' };
  writeFileSync(resolve(dir, panel.path), shellOf(panelHtml, panelMarkup));
  writeFileSync(resolve(dir, panelAsking.path), shellOf(panelHtml, panelMarkup, '/bench-shell-panel-asking.js'));
  return { dir, popup, popupAsking, panel, panelAsking, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The cold background's floor: a copy of the Chrome build (the same manifest) whose service worker does nothing but
 * answer the views' port the way the background answers it (`subscribe` with an empty snapshot, any other request with
 * an empty value), and a blank page to send from. Woken by the same message, its cold start is what any worker of this
 * manifest costs; the real one's, over it, is what the background's own code costs to start.
 */
export function createEmptyWorkerExtension({ loadingTheBackground = false } = {}): { dir: string; page: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-empty-worker-'));
  cpSync(CHROME_BUILD, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as { background: { service_worker: string } };
  const workerFile = resolve(dir, manifest.background.service_worker);
  // With `loadingTheBackground`, the real background's script is in the worker too, loaded and compiled but never run
  // (an unreachable block): what its size alone costs a cold start.
  const unrun = loadingTheBackground ? `if (globalThis.__never) {\n${readFileSync(workerFile, 'utf8')}\n}\n` : '';
  writeFileSync(
    workerFile,
    `${unrun}chrome.runtime.onConnect.addListener((port) => {
  port.onMessage.addListener((message) => {
    if (message?.kind !== 'request') return;
    const value = message.request?.type === 'subscribe' ? { snapshot: { epoch: 'empty', lastSeq: 0, revision: 0, active: null, sessions: [] }, missed: [] } : {};
    port.postMessage({ kind: 'response', id: message.id, result: { ok: true, value } });
  });
});
`,
  );
  writeFileSync(resolve(dir, 'bench-empty.html'), '<!doctype html><meta charset="utf-8"><title>empty</title>\n');
  return { dir, page: 'bench-empty.html', dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
