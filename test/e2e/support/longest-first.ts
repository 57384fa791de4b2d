import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The e2e files that take longest (in this order, 35–75 s each on a 2-core machine, December 2026). The suite's two
 * workers take files in the order given, so these go first: a long file taken last would run alone while the other
 * worker sits idle. Without this, a fresh clone (CI: no results cache of vitest's) started them by file size, and the
 * UI Kit files came 22nd and 26th of 32. Only the schedule depends on this list: a file missing from it, or one that
 * got shorter, runs as before, after these.
 */
export const LONGEST_FIRST = [
  'uikit-chat',
  'worker-death',
  'uikit-app',
  'page-monitor',
  'accessibility',
  'visual',
  'timeline',
  'devtools',
  'pinned-tabs',
  'profiles',
] as const;

/** The sequencer of the e2e suite: the files of `LONGEST_FIRST` first, then the rest in vitest's own order. */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const index = LONGEST_FIRST.findIndex((name) => spec.moduleId.endsWith(`/${name}.e2e.ts`));
      return index === -1 ? LONGEST_FIRST.length : index;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((spec, order) => ({ spec, order }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.order - b.order)
      .map(({ spec }) => spec);
  }
}
