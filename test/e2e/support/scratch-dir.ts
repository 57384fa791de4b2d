import { accessSync, constants, statfsSync } from 'node:fs';

/** Free space a run of the e2e suite may need for its browser profiles at once (two workers, a few browsers each). */
const NEEDED_BYTES = 2 * 1024 ** 3;

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
