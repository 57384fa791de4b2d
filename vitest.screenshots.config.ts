import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** `npm run screenshots`: regenerates docs/images from the built extension. Not part of `npm test`. */
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    globalSetup: ['test/e2e/support/firefox-profile-template.ts'],
    include: ['test/screenshots/**/*.shots.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
