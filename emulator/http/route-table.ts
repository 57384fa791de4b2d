/**
 * Joins route tables written in different files. The router answers 405 with the `Allow` methods
 * of one route per shape, so two tables that both serve `users/:uid` (the client API's GET, the
 * REST API's PUT and DELETE) must become one route, or `Allow` would list only half of them.
 */
import type { Route, RouteHandler, RouteTable } from './router';

/** One route per pattern with the methods of all tables; throws if two tables handle the same method of a pattern. */
export function mergeRouteTables(...tables: RouteTable[]): RouteTable {
  const merged = new Map<string, Record<string, RouteHandler>>();
  for (const route of tables.flat()) {
    const methods = merged.get(route.pattern) ?? {};
    for (const [method, handler] of Object.entries(route.methods)) {
      if (!handler) continue;
      if (methods[method]) throw new Error(`Two routes handle ${method} ${route.pattern}.`);
      methods[method] = handler;
    }
    merged.set(route.pattern, methods);
  }
  return [...merged].map(([pattern, methods]): Route => ({ pattern, methods }));
}
