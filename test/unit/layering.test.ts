/**
 * The layering rules of `.dependency-cruiser.mjs` (run on the real tree by `npm run lint:deps`), each checked on a
 * small tree written for it: a rule that matched nothing would pass the lint for ever.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterEach, describe, expect, it } from 'vitest';

const CONFIG = fileURLToPath(new URL('../../.dependency-cruiser.mjs', import.meta.url));

/** A module that uses a value, or only a type, from each of `imports` (paths from the root, as the `@/` alias writes them). */
function moduleImporting(imports: readonly string[], typeOnly = false): string {
  const names = imports.map((_, index) => `imported${index}`);
  const lines = imports.map((path, index) =>
    typeOnly ? `import type { Value as ${names[index]} } from '@/${path}';` : `import { value as ${names[index]} } from '@/${path}';`,
  );
  const uses = typeOnly ? names.map((name) => `export type Uses${name} = ${name};`) : [`export const uses = [${names.join(', ')}];`];
  return [...lines, ...uses, 'export const value = 1;', 'export type Value = number;', ''].join('\n');
}

const projectRoot = process.cwd();
let root: string | undefined;

afterEach(() => {
  process.chdir(projectRoot);
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** Writes `files` (path → the paths it imports) into a fresh tree and cruises it with the project's rules. */
async function violationsIn(files: Record<string, readonly string[]>, typeOnly = false): Promise<string[]> {
  const tree = mkdtempSync(join(tmpdir(), 'layering-'));
  root = tree;
  const tsConfig = join(tree, 'tsconfig.json');
  writeFileSync(tsConfig, JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } }, include: ['**/*'] }));
  for (const [path, imports] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), moduleImporting(imports, typeOnly));
  }

  // The project's rules and options (type-only imports included), with the tree's own tsconfig for the `@/` alias.
  const options = await extractDepcruiseOptions(CONFIG);
  // The cruiser names modules from the working directory, as `npm run lint:deps` runs it from the project's root.
  process.chdir(tree);
  const { output } = await cruise(
    Object.keys(files),
    { ...options, baseDir: tree, tsConfig: { fileName: tsConfig } },
    {},
    { tsConfig: extractTSConfig(tsConfig) },
  );
  const { summary } = output as ICruiseResult;
  expect(summary.totalCruised, 'every file of the tree should be cruised').toBeGreaterThanOrEqual(Object.keys(files).length);
  return summary.violations.map(({ rule, from, to }) => `${rule.name}: ${from} → ${to}`);
}

describe('layering rules', () => {
  it('should accept imports that point down the layers', async () => {
    const violations = await violationsIn({
      'entrypoints/popup/main.tsx': ['components/popup/PopupApp.tsx', 'lib/session-client.ts'],
      'entrypoints/background.ts': ['lib/background/start-background.ts'],
      'entrypoints/page-agent.ts': ['lib/page/agent/agent.ts'],
      'components/popup/PopupApp.tsx': ['lib/protocol.ts', 'lib/cometchat/error-code-names.ts', 'lib/page/page-storage.ts'],
      'lib/session-client.ts': ['lib/protocol.ts', 'lib/transport/port.ts'],
      'lib/background/start-background.ts': ['lib/store/transaction.ts', 'lib/page/tab-access.ts', 'lib/badge.ts'],
      'lib/store/transaction.ts': ['lib/store/schema.ts'],
      'lib/store/schema.ts': ['lib/page/reports.ts', 'lib/cometchat/user.ts'],
      'lib/page/tab-access.ts': ['lib/page/page-types.ts', 'lib/protocol.ts', 'lib/sites.ts'],
      'lib/page/page-storage.ts': ['lib/page/page-types.ts'],
      'lib/page/page-types.ts': ['lib/cometchat/user.ts'],
      'lib/badge.ts': ['lib/protocol.ts'],
      'lib/sites.ts': [],
      'lib/protocol.ts': ['lib/page/page-types.ts', 'lib/page/reports.ts', 'lib/cometchat/exception.ts'],
      'lib/transport/port.ts': [],
      'lib/page/agent/agent.ts': ['lib/page/reports.ts', 'lib/cometchat/error-code-names.ts'],
      'lib/page/reports.ts': [],
      'lib/cometchat/error-code-names.ts': [],
      'lib/cometchat/exception.ts': ['lib/cometchat/error-code-names.ts'],
      'lib/cometchat/user.ts': [],
      'emulator/index.ts': ['lib/local-emulator.ts'],
      'lib/local-emulator.ts': [],
      'test/unit/a.test.ts': ['emulator/index.ts', 'lib/protocol.ts'],
    });

    expect(violations).toEqual([]);
  });

  it('should refuse an import cycle made of type-only imports', async () => {
    const violations = await violationsIn(
      { 'lib/store/transaction.ts': ['lib/store/sessions.ts'], 'lib/store/sessions.ts': ['lib/store/transaction.ts'] },
      true,
    );

    expect(violations).toContain('no-cycle: lib/store/sessions.ts → lib/store/transaction.ts');
  });

  it.each<[rule: string, from: string, to: string]>([
    ['product-not-to-tests-or-emulator', 'lib/mask.ts', 'test/fakes/clock.ts'],
    ['product-not-to-tests-or-emulator', 'components/popup/PopupApp.tsx', 'emulator/index.ts'],
    ['product-not-to-tests-or-emulator', 'entrypoints/background.ts', 'test/fakes/clock.ts'],
    ['emulator-not-to-tests', 'emulator/launcher/start-product.ts', 'test/e2e/support/paths.ts'],
    ['lib-not-to-views', 'lib/display.ts', 'components/shared/Avatar.tsx'],
    ['lib-not-to-views', 'lib/background/hub.ts', 'entrypoints/background.ts'],
    ['components-not-to-entrypoints', 'components/panel/PanelApp.tsx', 'entrypoints/devtools-panel/main.tsx'],
    ['views-not-to-background-or-store', 'components/panel/PanelApp.tsx', 'lib/background/page/page-operations.ts'],
    ['views-not-to-background-or-store', 'components/panel/Timeline.tsx', 'lib/store/schema.ts'],
    ['views-not-to-background-or-store', 'components/shared/ErrorNotice.tsx', 'lib/cometchat/error-codes.ts'],
    ['views-not-to-background-or-store', 'entrypoints/popup/main.tsx', 'lib/cometchat/client.ts'],
    ['page-agent-stays-in-its-folder', 'lib/page/agent/monitor.ts', 'lib/mask.ts'],
    ['page-agent-stays-in-its-folder', 'lib/page/agent/agent.ts', 'lib/protocol.ts'],
    ['page-agent-stays-in-its-folder', 'entrypoints/page-agent.ts', 'lib/sites.ts'],
    ['page-protocol-is-a-leaf', 'lib/page/reports.ts', 'lib/page/agent/agent-state.ts'],
    ['page-protocol-is-a-leaf', 'lib/cometchat/error-code-names.ts', 'lib/cometchat/user.ts'],
    ['nothing-up-to-background', 'lib/page/tab-access.ts', 'lib/background/page/page-operations.ts'],
    ['nothing-up-to-background', 'lib/store/state.ts', 'lib/background/snapshot.ts'],
    ['protocol-imports-types-only', 'lib/protocol.ts', 'lib/page/page-storage.ts'],
    ['protocol-imports-types-only', 'lib/protocol.ts', 'lib/cometchat/client.ts'],
    ['protocol-imports-types-only', 'lib/protocol.ts', 'lib/mask.ts'],
    ['store-not-up', 'lib/store/schema.ts', 'lib/protocol.ts'],
    ['store-not-up', 'lib/store/database.ts', 'lib/page/page-storage.ts'],
    ['page-not-up', 'lib/page/pin-functions.ts', 'lib/store/schema.ts'],
    ['transport-not-up', 'lib/transport/port.ts', 'lib/protocol.ts'],
    ['cometchat-not-up', 'lib/cometchat/user.ts', 'lib/mask.ts'],
    ['helpers-not-up', 'lib/badge.ts', 'lib/store/state.ts'],
    ['helpers-not-up', 'lib/timeline.ts', 'lib/session-client.ts'],
  ])('%s: should refuse %s importing %s', async (rule, from, to) => {
    const violations = await violationsIn({ [from]: [to], [to]: [] });

    expect(violations).toContain(`${rule}: ${from} → ${to}`);
  });

  it('should refuse an import that resolves to nothing', async () => {
    const violations = await violationsIn({ 'lib/mask.ts': ['lib/masks.ts'] });

    expect(violations).toContain('not-to-unresolvable: lib/mask.ts → @/lib/masks.ts');
  });
});
