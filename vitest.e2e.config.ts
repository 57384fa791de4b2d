import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import LongestFirst from './test/e2e/support/longest-first.ts';

/** End-to-end suite: real built extension, real browsers, real emulator. Run after `wxt build`. */
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    // The run's own temporary folder, in memory when the machine has room, removed at the end; then Firefox's profile
    // template in it, a profile that has started once, which each launch copies (see the files).
    globalSetup: ['test/e2e/support/scratch-dir.ts', 'test/e2e/support/firefox-profile-template.ts'],
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    // UI updates are awaited by polling what the user sees; allow for a slow CI machine.
    expect: { poll: { timeout: 10_000, interval: 25 } },
    hookTimeout: 60_000,
    // Two files at a time: a browser under test mostly waits on another process (its renderer, the emulator, the
    // page's reload), so two share 2 cores well (the suite took 514 s one file at a time, 416 s two at a time, same
    // machine). Two keep both cores busy: four took 791 s against 650 s, on a 2-core machine where two already left
    // them idle only 6 % of the time. No e2e test times anything; the timed figures live in the benchmark
    // (vitest.bench.config.ts), which runs one browser at a time.
    fileParallelism: true,
    maxWorkers: 2,
    // Each worker keeps its modules from file to file (Playwright, Puppeteer, the emulator, the support code): every
    // file starts its own browsers and emulator in its hooks and closes them, so nothing a test sees is carried over.
    // Importing them afresh per file cost 15 s of 75 and a sixth of the CPU time on a run of 11 files.
    isolate: false,
    // The longest files first, on any machine (see the file).
    sequence: { sequencer: LongestFirst },
  },
});
