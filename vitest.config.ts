import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto'],
    // Times are shown in the tester's zone (formatters made once per page): the tests pin one from the start.
    env: { TZ: 'UTC' },
    // A worker keeps its modules from file to file: importing them again for each file was most of the run (import 27 s
    // of a 77 s run; 4 s now). The set-up files still run before each file (WXT's fake browser is stubbed afresh); a
    // test that changes a global puts back what it changed (not `vi.unstubAllGlobals()`, which also takes the fake
    // browser away), and a test that stores anything opens its own database or emulator. Checked with
    // `npx vitest run --maxWorkers=1 --sequence.shuffle --sequence.seed=<n>`.
    isolate: false,
  },
});
