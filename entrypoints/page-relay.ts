import { startRelay, type RelayRuntime } from '@/lib/page/relay';

/**
 * The page agent's relay (`lib/page/relay.ts`), injected by the background into the top frame of an allowed site's
 * page once it has loaded. It uses the browser's own runtime: this script runs in every page of an allowed site, so it
 * skips the 10 kB webextension-polyfill.
 */
export default defineUnlistedScript(() => {
  const { browser: firefox, chrome } = globalThis as unknown as Record<'browser' | 'chrome', { runtime: RelayRuntime } | undefined>;
  startRelay(globalThis, (firefox ?? chrome)!.runtime);
});
