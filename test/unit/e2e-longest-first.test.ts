import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LONGEST_FIRST } from '../e2e/support/longest-first';

describe("the e2e suite's longest files, started first", () => {
  it('should name only e2e files that exist, each once', () => {
    for (const name of LONGEST_FIRST) expect(existsSync(`test/e2e/${name}.e2e.ts`), `test/e2e/${name}.e2e.ts`).toBe(true);
    expect(new Set(LONGEST_FIRST).size).toBe(LONGEST_FIRST.length);
  });
});
