import { accessSync, constants, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Free space a run of the e2e suite may need for its browser profiles at once (two workers, a few browsers each). */
const NEEDED_BYTES = 2 * 1024 ** 3;
/** The prefix of a run's own scratch folder (see {@link startRunScratchDir}). */
const RUN_PREFIX = 'cc-e2e-run-';

/**
 * A memory-backed folder for the e2e suite's throw-away browser profiles when this machine has one with room to
 * spare (`/dev/shm` on Linux), else null (the system's temporary folder stays). Every browser writes and syncs its
 * profile as it starts and runs; on disk that was 5,000 blocks a second through the suite and a fifth of its CPU time
 * in the kernel. A container's small `/dev/shm` (Docker gives 64 MB) is left alone: Chromium needs it for itself.
 */
export function memoryBackedScratchDir(candidate = '/dev/shm'): string | null {
  try {
    accessSync(candidate, constants.W_OK);
    const { bavail, bsize } = statfsSync(candidate);
    return bavail * bsize >= NEEDED_BYTES ? candidate : null;
  } catch {
    return null;
  }
}

/**
 * A folder of this run's own, in memory where the machine has room (else in the temporary folder), made the temporary
 * folder (`TMPDIR`) of the run: everything the suite, its workers and their browsers put there (profiles, fonts, the
 * browsers' own scratch files) is removed in one go at the end by {@link removeRunScratchDir}, even what a worker stopped
 * by a signal could not remove itself.
 */
export function startRunScratchDir(): string {
  const dir = mkdtempSync(join(memoryBackedScratchDir() ?? tmpdir(), RUN_PREFIX));
  process.env.TMPDIR = dir;
  return dir;
}

/** Global teardown of the e2e suite: removes the run's scratch folder (only one made by {@link startRunScratchDir}). */
export default function setup(): () => void {
  return () => {
    const dir = process.env.TMPDIR;
    if (dir && basename(dir).startsWith(RUN_PREFIX)) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
}
