import type { Page } from 'playwright-core';

/**
 * Counts, from now on, the ports `page`'s own code opens with `runtime.connect`: one per (re)connect of its
 * session client. Messages pass unchanged.
 */
export async function countConnects(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    type Runtime = { connect(...args: unknown[]): unknown };
    const scope = globalThis as unknown as { browser?: { runtime: Runtime }; chrome?: { runtime: Runtime }; __connects?: number };
    scope.__connects = 0;
    for (const runtime of new Set([scope.browser?.runtime, scope.chrome?.runtime])) {
      if (!runtime) continue;
      const connect = runtime.connect.bind(runtime);
      runtime.connect = (...args: unknown[]) => {
        scope.__connects! += 1;
        return connect(...args);
      };
    }
  });
  return () => page.evaluate(() => (globalThis as unknown as { __connects: number }).__connects);
}
