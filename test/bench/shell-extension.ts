import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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

/** Copies `html` without its module script and preloads, with the shell script and `markup` as the stand-in. */
function shellOf(html: string, markup: string): string {
  return html
    .replace(/\s*<script type="module"[^>]*><\/script>/g, '')
    .replace(/\s*<link rel="modulepreload"[^>]*>/g, '')
    .replace('</head>', `  <script type="module" src="/bench-shell.js"></script>\n    <template id="shell">${markup}</template>\n  </head>`);
}

/**
 * A copy of the Chrome build with shell pages for the popup and the panel added, so nothing test-only ships in
 * the product build. Returns the copy's folder, the pages, and a clean-up function.
 */
export function createShellExtension(): { dir: string; popup: ShellPage; panel: ShellPage; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-extension-'));
  cpSync(CHROME_BUILD, dir, { recursive: true });
  writeFileSync(resolve(dir, 'bench-shell.js'), SHELL_SCRIPT);
  const popup: ShellPage = { path: 'bench-shell-popup.html', selector: '[data-testid="current-user"] .user-name', text: 'shell' };
  const panel: ShellPage = { path: 'bench-shell-panel.html', selector: '[aria-label="Auth event timeline"] [data-seq]', text: 'shell' };
  writeFileSync(
    resolve(dir, popup.path),
    shellOf(
      readFileSync(resolve(CHROME_BUILD, 'popup.html'), 'utf8'),
      '<section data-testid="current-user"><strong class="user-name">shell</strong></section>',
    ),
  );
  writeFileSync(
    resolve(dir, panel.path),
    shellOf(
      readFileSync(resolve(CHROME_BUILD, 'devtools-panel.html'), 'utf8'),
      '<ol aria-label="Auth event timeline"><li data-seq="1">shell</li></ol>',
    ),
  );
  return { dir, popup, panel, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
