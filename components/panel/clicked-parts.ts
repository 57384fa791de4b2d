import { lazyView } from '../shared/lazy-view';

/**
 * Parts of the panel a tester opens with a click (the app's users, an event's details), left out of the panel's one
 * file so that it loads sooner (docs/benchmark.md), and loaded once it has painted, before that click can come.
 */
export const DirectoryView = lazyView(async () => (await import('../shared/DirectoryView')).DirectoryView);
export const EventDetails = lazyView(async () => (await import('./EventDetails')).EventDetails);

/** Loads the code of every part above; for the panel's first effect, which runs after its first paint. */
export function preloadClickedParts(): void {
  DirectoryView.preload();
  EventDetails.preload();
}
