import { accessSync, constants, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Free space a run of the e2e suite may need for its browser profiles at once (two workers, a few browsers each). */
const NEEDED_BYTES = 2 * 1024 ** 3;
/** The prefix of a run's own scratch folder (see `setup`). */
const RUN_PREFIX = 'cc-e2e-run-';

/**
 * A memory-backed folder for the e2e suite's throw-away browser profiles when this machine has one with room to
 * spare (`/dev/shm` on Linux), else null (the system's temporary folder stays). Every browser writes and syncs its
 * profile as it starts and runs; on disk that was 5,000 blocks a second through the suite and a fifth of its CPU time
 * in the kernel. A container's small `/dev/shm` (Docker gives 64 MB) is left alone: Chromium needs it for itself.
 */
function memoryBackedScratchDir(candidate = '/dev/shm'): string | null {
  try {
    accessSync(candidate, constants.W_OK);
    const { bavail, bsize } = statfsSync(candidate);
    return bavail * bsize >= NEEDED_BYTES ? candidate : null;
  } catch {
    return null;
  }
}

/**
 * Global set-up of the e2e suite: a folder of this run's own, in memory where the machine has room (else in the
 * temporary folder), made the temporary folder (`TMPDIR`) of the run before its workers start: everything the suite,
 * its workers and their browsers put there (profiles, fonts, the browsers' own scratch files) is removed in one go by
 * the teardown, even what a worker stopped by a signal could not remove itself. (In a global set-up, not the config:
 * tools that read the config, such as knip, must not make folders.)
 */
export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(memoryBackedScratchDir() ?? tmpdir(), RUN_PREFIX));
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
}
