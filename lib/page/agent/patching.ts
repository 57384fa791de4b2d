/** Runs the agent's own work where a failure must never reach the app: the agent then just knows less. */
export function quietly<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

/** Gives a replacement the `name` and `length` of the function it replaces: pages and libraries may read them. */
export function shapedLike<F extends (...args: never[]) => unknown>(replacement: F, original: (...args: never[]) => unknown): F {
  Object.defineProperty(replacement, 'name', { value: original.name });
  Object.defineProperty(replacement, 'length', { value: original.length });
  return replacement;
}
