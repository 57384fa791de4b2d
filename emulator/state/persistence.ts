/**
 * `--data FILE`: the emulator's state on disk, so users and tokens survive a restart. Reading is
 * synchronous (once, before the server starts); writing is coalesced and atomic: a burst of
 * changes becomes one write of the latest state, written to a temporary file and renamed over the
 * old one, so a crash mid-write leaves the previous file intact rather than half a file.
 */
import { readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { parseSerializedState, type SerializedState } from './snapshot';

/** How long a change waits for more changes before the state is written. */
const SAVE_DELAY_MS = 50;

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads a data file written by a `StateSaver`. A missing file means "start fresh" (undefined);
 * an unreadable, non-JSON or malformed file throws an Error that names the file and the problem.
 */
export function loadState(file: string): SerializedState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Could not read the emulator data file ${file}: ${reasonOf(error)}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`The emulator data file ${file} is not valid JSON (${reasonOf(error)}). Fix it, or delete it to start fresh.`, {
      cause: error,
    });
  }
  try {
    return parseSerializedState(value);
  } catch (error) {
    throw new Error(`The emulator data file ${file} is not an emulator state: ${reasonOf(error)} Fix it, or delete it to start fresh.`, {
      cause: error,
    });
  }
}

/** Writes state to one file; see `createStateSaver`. */
export interface StateSaver {
  /**
   * Schedules a write. `snapshot` is called when the write happens, so the file gets the latest
   * state however many changes came in between. Background write failures go to `onError`.
   */
  save(snapshot: () => SerializedState): void;
  /** Writes any pending change now and waits for every write to finish; rejects if the last write failed. */
  flush(): Promise<void>;
}

/** Options of `createStateSaver`. */
export interface StateSaverOptions {
  /** Defaults to `SAVE_DELAY_MS`. */
  delayMs?: number;
  /** Receives errors of writes nobody awaits; defaults to printing on stderr. */
  onError?: (error: Error) => void;
}

/** Unique per process, so two savers (or two runs sharing a directory) never share a temporary file. */
let temporaryFileCount = 0;

/** Writes `text` to a temporary sibling of `file`, flushes it to disk, then renames it over `file`. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}-${(temporaryFileCount += 1)}`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new Error(`Could not save the emulator state to ${file}: ${reasonOf(error)}`, { cause: error });
  }
}

/**
 * Creates a saver for `file`. Wire it as `state.onChange(() => saver.save(() => state.toJSON()))`
 * and `await saver.flush()` before exiting. At most one write runs at a time; a change made while
 * one runs is written right after it, and a failed write is retried by the next save or flush.
 */
export function createStateSaver(file: string, options: StateSaverOptions = {}): StateSaver {
  const delayMs = options.delayMs ?? SAVE_DELAY_MS;
  const onError = options.onError ?? ((error) => console.error(`[emulator] ${error.message}`));
  let pending: (() => SerializedState) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> | undefined;

  function startWrite(): Promise<void> {
    const snapshot = pending!;
    pending = undefined;
    writing = Promise.resolve()
      .then(() => writeAtomically(file, `${JSON.stringify(snapshot(), null, 2)}\n`))
      .catch((error: unknown) => {
        pending ??= snapshot; // Nothing newer came in: keep this one for the retry.
        throw error;
      })
      .finally(() => {
        writing = undefined;
      });
    return writing;
  }

  function schedule(): void {
    timer = setTimeout(() => {
      timer = undefined;
      startWrite().then(
        () => {
          if (pending && !timer) schedule();
        },
        (error: Error) => onError(error),
      );
    }, delayMs);
  }

  return {
    save(snapshot) {
      pending = snapshot;
      if (!timer && !writing) schedule();
    },
    async flush() {
      for (;;) {
        clearTimeout(timer);
        timer = undefined;
        if (writing)
          await writing.catch(() => undefined); // Its error, if any, went to onError; pending keeps its state.
        else if (pending) await startWrite();
        else return;
      }
    },
  };
}
