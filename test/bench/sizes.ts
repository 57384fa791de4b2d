import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CHROME_BUILD, ROOT } from '../e2e/support/paths';

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

/** Every JS and CSS file an extension page loads: its own `<script>`/`<link>` and their static imports. */
function pageFiles(page: string): string[] {
  const html = readFileSync(resolve(CHROME_BUILD, page), 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(resolve(CHROME_BUILD, file), 'utf8');
    for (const match of code.matchAll(/(?:from|import)\s*["'`](\.{0,2}\/[^"'`]+\.js)["'`]/g)) {
      queue.push(resolve('/', file, '..', match[1]!).slice(1));
    }
  }
  return [...seen];
}

function total(files: string[]): { raw: number; gzip: number } {
  const buffers = files.map((file) => readFileSync(resolve(CHROME_BUILD, file)));
  return { raw: buffers.reduce((sum, buffer) => sum + buffer.length, 0), gzip: buffers.reduce((sum, buffer) => sum + gz(buffer), 0) };
}

/** Sizes in bytes of what each context loads, and the official SDK's bundle for scale. */
export function measureSizes() {
  const sdk = readFileSync(resolve(ROOT, 'node_modules/@cometchat/chat-sdk-javascript/CometChat.js'));
  return {
    popup: total(pageFiles('popup.html')),
    panel: total(pageFiles('devtools-panel.html')),
    background: total(['background.js']),
    sdk: { raw: sdk.length, gzip: gz(sdk) },
  };
}
