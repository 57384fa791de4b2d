/**
 * A gate a fake's calls wait at: open until `hold()`, then closed until the function `hold()` returned is called.
 * `await gate.pass()` waits only while it is closed.
 */
export function createGate() {
  let closed: Promise<void> | null = null;
  return {
    pass: (): Promise<void> | null => closed,
    hold: (): (() => void) => {
      let release!: () => void;
      closed = new Promise((resolve) => (release = resolve));
      return () => {
        closed = null;
        release();
      };
    },
  };
}
