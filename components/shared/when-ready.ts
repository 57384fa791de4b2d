/** How long a view waits for its first answers before it renders without them (and says "Connecting…"). */
export const PATIENCE_MS = 200;

/**
 * Settles once every one of `answers` has settled (resolved or not), or after `patienceMs`, whichever comes first: a
 * view renders then. Rendered at once, a view drew "Connecting…" first, and the background's answer, there a few
 * milliseconds later, waited behind that frame (its paint and its effects: 8 ms of a popup's open); the panel rendered
 * its panes for the snapshot, painted them, then rendered again for the timeline's rows (20 ms and a frame).
 * A background slow to answer (waking, or its storage failing) still gets "Connecting…" within `patienceMs`.
 */
export function whenReady(answers: ReadonlyArray<Promise<unknown>>, patienceMs = PATIENCE_MS): Promise<void> {
  let patience: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    Promise.allSettled(answers),
    new Promise<void>((resolve) => {
      patience = setTimeout(resolve, patienceMs);
    }),
  ]).then(() => clearTimeout(patience));
}
