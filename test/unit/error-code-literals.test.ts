import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_REGISTRY } from '@/lib/cometchat/error-codes';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REGISTRY_FILE = 'lib/cometchat/error-codes.ts';
/** The names alone, which views import instead of the whole registry (their messages stay out of the popup). */
const NAMES_FILE = 'lib/cometchat/error-code-names.ts';
const PRODUCT_FOLDERS = ['lib', 'components', 'entrypoints'];

/** Every .ts/.tsx file of the product (the emulator is a stand-in server with its own codes, and is not here). */
function productFiles(): string[] {
  return PRODUCT_FOLDERS.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => relative(ROOT, join(ROOT, folder, file)).replaceAll('\\', '/')),
  );
}

/** A quoted code: any registry code, or anything shaped like CometChat's `ERR_…` / `AUTH_ERR_…` codes. */
const CODE_PATTERN = new RegExp(`(['"\`])((?:AUTH_ERR|ERR)_[A-Z0-9_]+|${Object.keys(ERROR_REGISTRY).join('|')})\\1`);

/** `file:line: text` for each code-string literal in a file; comment lines may name codes in prose. */
function literalsIn(file: string): string[] {
  return readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => !/^\s*(\/\/|\/\*|\*)/.test(line) && CODE_PATTERN.test(line))
    .map(({ line, number }) => `${file}:${number}: ${line.trim()}`);
}

describe('error codes are named only through the registry', () => {
  it('should find the product files to search (so an empty search cannot pass)', () => {
    expect(productFiles()).toContain(REGISTRY_FILE);
    expect(productFiles()).toContain('components/shared/ErrorNotice.tsx');
  });

  it('should spell no error code as a string outside the registry and its list of names (use ERROR_CODES.X)', () => {
    const literals = productFiles()
      .filter((file) => file !== REGISTRY_FILE && file !== NAMES_FILE)
      .flatMap(literalsIn);

    expect(literals).toEqual([]);
  });

  it('should recognise a quoted code, and not a reference through ERROR_CODES', () => {
    expect(CODE_PATTERN.test("if (error.code === 'ERR_UID_NOT_FOUND') return;")).toBe(true);
    expect(CODE_PATTERN.test('code: "FAILED_TO_FETCH",')).toBe(true);
    expect(CODE_PATTERN.test('code: ERROR_CODES.ERR_UID_NOT_FOUND,')).toBe(false);
  });
});
