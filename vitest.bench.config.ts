import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** `npm run bench`: one long run that prints the figures; not part of `npm test`. */
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    // Firefox starts from a copy of a profile that has started once (see the file).
    globalSetup: ['test/e2e/support/firefox-profile-template.ts'],
    include: ['test/bench/**/*.run.ts'],
    testTimeout: 900_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default'],
    silent: false,
  },
});
