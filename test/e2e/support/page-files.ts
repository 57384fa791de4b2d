import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Every JS and CSS file an extension page of the build in `buildDir` loads as it opens: its own `<script>` and `<link>`
 * files and, transitively, their static imports (not a lazy view's `import()`), relative to the build's root.
 */
export function pageFiles(buildDir: string, page: string): string[] {
  const html = readFileSync(resolve(buildDir, page), 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(resolve(buildDir, file), 'utf8');
    for (const match of code.matchAll(/(?:from|import)\s*["'`](\.{0,2}\/[^"'`]+\.js)["'`]/g)) {
      queue.push(resolve('/', file, '..', match[1]!).slice(1));
    }
  }
  return [...seen];
}
