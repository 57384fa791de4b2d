import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pageFiles } from '../e2e/support/page-files';
import { CHROME_BUILD, ROOT } from '../e2e/support/paths';

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;

function total(files: string[]): { raw: number; gzip: number } {
  const buffers = files.map((file) => readFileSync(resolve(CHROME_BUILD, file)));
  return { raw: buffers.reduce((sum, buffer) => sum + buffer.length, 0), gzip: buffers.reduce((sum, buffer) => sum + gz(buffer), 0) };
}

/** Sizes in bytes of what each context loads, and the official SDK's bundle for scale. */
export function measureSizes() {
  const sdk = readFileSync(resolve(ROOT, 'node_modules/@cometchat/chat-sdk-javascript/CometChat.js'));
  return {
    popup: total(pageFiles(CHROME_BUILD, 'popup.html')),
    panel: total(pageFiles(CHROME_BUILD, 'devtools-panel.html')),
    background: total(['background.js']),
    sdk: { raw: sdk.length, gzip: gz(sdk) },
  };
}
