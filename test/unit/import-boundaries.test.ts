/**
 * Which folder may import which. The extension (lib/, components/, entrypoints/) never imports the emulator or the
 * tests, and the emulator (its launcher included) never imports the tests: test helpers may import product code,
 * never the reverse, so nothing test-only ends up in a build or in `npm start`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`. */
const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

function sourceFilesOf(folder: string): string[] {
  return readdirSync(resolve(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.tsx?$/.test(path))
    .map((path) => `${folder}/${path}`);
}

/** The repository path an import points at, or undefined for a package. */
function importedPath(file: string, specifier: string): string | undefined {
  if (/^[@~]\//.test(specifier)) return specifier.slice(2);
  if (specifier.startsWith('.')) return relative(ROOT, resolve(ROOT, dirname(file), specifier));
  return undefined;
}

/** Every "file imports specifier" in `folder` whose target lies in one of `forbidden`. */
function importsInto(folder: string, forbidden: readonly string[]): string[] {
  return sourceFilesOf(folder).flatMap((file) =>
    [...readFileSync(resolve(ROOT, file), 'utf8').matchAll(IMPORT_SPECIFIER)]
      .map(([, specifier]) => ({ specifier, target: importedPath(file, specifier!) }))
      .filter(({ target }) => target !== undefined && forbidden.some((folder) => target === folder || target.startsWith(`${folder}/`)))
      .map(({ specifier }) => `${file} imports '${specifier}'`),
  );
}

describe('import boundaries', () => {
  it.each<[string, string, string[]]>([
    ['lib', 'the emulator or the tests', ['emulator', 'test']],
    ['components', 'the emulator or the tests', ['emulator', 'test']],
    ['entrypoints', 'the emulator or the tests', ['emulator', 'test']],
    ['emulator', 'the tests', ['test']],
    // Views name error codes through lib/cometchat/error-code-names: the registry's every message would weigh on the popup.
    ['components', 'the background or the error registry', ['lib/background', 'lib/cometchat/error-codes']],
  ])('should keep %s/ from importing %s', (folder, _, forbidden) => {
    expect(sourceFilesOf(folder).length, `${folder}/ should hold source files`).toBeGreaterThan(0);

    expect(importsInto(folder, forbidden)).toEqual([]);
  });

  it('should see an import that crosses a boundary, relative or through the @ alias', () => {
    const found = [...importsInto('test/unit', ['emulator']), ...importsInto('test/e2e/support', ['emulator'])];

    expect(found).toContain(`test/unit/emulator.test.ts imports '@/emulator'`);
    expect(found).toContain(`test/e2e/support/paths.ts imports '../../../emulator/launcher/build-paths'`);
  });
});
