/**
 * Runs tasks one after another in arrival order, so concurrent commands from several views end in one
 * well-defined state and their events go out in one order. A failing task does not block the next.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
