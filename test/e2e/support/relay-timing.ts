/**
 * For an app page's init script (main world, before any page script): keeps the time the extension's relay first said
 * it listens, as `window.relayReadyAt`.
 */
export function recordRelayReady(): void {
  document.addEventListener('__cometchat_inspector_relay_ready', () => {
    const page = window as unknown as { relayReadyAt?: number };
    page.relayReadyAt ??= performance.now();
  });
}

/** Runs in the app page: when the relay first said it listens (null: not yet) and when the page's `load` ended. */
export function relayAndLoadTimes(): { readyAt: number | null; loadEnd: number } {
  return {
    readyAt: (window as unknown as { relayReadyAt?: number }).relayReadyAt ?? null,
    loadEnd: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
  };
}
