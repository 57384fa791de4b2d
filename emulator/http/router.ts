/**
 * Finds the route for a request path. The extension may reach the emulator through CometChat's
 * own URLs (`/v3.0/me`), through an SDK host override (no version segment, any path prefix,
 * protocol doc §1) or through a proxy prefix, so routing looks at the end of the path only.
 */

/** What a route handler gets: decoded path parameters, headers and the parsed JSON body. */
export interface RouteRequest {
  method: string;
  params: Readonly<Record<string, string>>;
  /** A header value, trimmed, '' when absent; names are case-insensitive. */
  header(name: string): string;
  body: Readonly<Record<string, unknown>>;
  /** The query string (`GET users` filters and paging). */
  query: URLSearchParams;
}

/** Returns the value for `data`; throws an `EmulatorError` to answer with a CometChat error. */
export type RouteHandler = (request: RouteRequest) => unknown;

/** One route shape, e.g. `users/:uid/auth_tokens`, with a handler per HTTP method. */
export interface Route {
  pattern: string;
  methods: Readonly<Partial<Record<string, RouteHandler>>>;
}

/** The routes of an emulator, in no particular order: longer shapes win over shorter ones. */
export type RouteTable = readonly Route[];

/** The outcome of routing; `route` is the path without prefix, as the request log records it. */
export type RouteResolution =
  | { kind: 'found'; route: string; handler: RouteHandler; params: Record<string, string> }
  | { kind: 'method-not-allowed'; route: string; allow: string[] }
  | { kind: 'not-found'; route: string };

const VERSION_SEGMENTS = new Set(['v3.0', 'v3']);

/** Index of the last `v3.0`/`v3` segment, -1 without one. */
function lastVersionIndex(segments: readonly string[]): number {
  for (let index = segments.length - 1; index >= 0; index -= 1) {
    if (VERSION_SEGMENTS.has(segments[index]!)) return index;
  }
  return -1;
}

/** One path segment as routes see it (the access log masks what this gives, so the two agree). */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // A malformed %-escape is kept verbatim; it then matches no user.
  }
}

/** Matches `segments` exactly against a pattern's segments, collecting `:name` parameters. */
function matchShape(shape: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (shape.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of shape.entries()) {
    const segment = segments[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

interface Candidate {
  route: Route;
  params: Record<string, string>;
  segments: string[];
}

/**
 * After the last `v3.0`/`v3` segment the rest must be a whole route; failing that (no version,
 * or a uid that happens to be "v3") any route shape matching the end of the path counts.
 */
function findCandidates(table: RouteTable, segments: string[]): Candidate[] {
  const shapes = table.map((route) => ({ route, shape: route.pattern.split('/') }));
  const versionAt = lastVersionIndex(segments);
  if (versionAt >= 0) {
    const tail = segments.slice(versionAt + 1);
    const exact = shapes.flatMap(({ route, shape }) => {
      const params = matchShape(shape, tail);
      return params ? [{ route, params, segments: tail }] : [];
    });
    if (exact.length > 0) return exact;
  }
  return shapes
    .flatMap(({ route, shape }) => {
      const tail = segments.slice(Math.max(0, segments.length - shape.length));
      const params = matchShape(shape, tail);
      return params ? [{ route, params, segments: tail }] : [];
    })
    .sort((a, b) => b.segments.length - a.segments.length);
}

/** Resolves `pathname` (no query string) and `method` against `table`. */
export function resolveRoute(table: RouteTable, pathname: string, method: string): RouteResolution {
  const segments = pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeSegment);
  const candidates = findCandidates(table, segments);
  // Prefer a shape that handles the method, and a fixed shape over one with parameters:
  // `/users/me` with PUT is the `me` route, not the REST API's update of a uid "me".
  const handles = (candidate: Candidate) => Boolean(candidate.route.methods[method]);
  const found = candidates.find((candidate) => handles(candidate) && !candidate.route.pattern.includes(':')) ?? candidates.find(handles);
  if (found) {
    return { kind: 'found', route: found.segments.join('/'), handler: found.route.methods[method]!, params: found.params };
  }
  if (candidates.length > 0) {
    const [best] = candidates;
    return { kind: 'method-not-allowed', route: best!.segments.join('/'), allow: Object.keys(best!.route.methods) };
  }
  const versionAt = lastVersionIndex(segments);
  return { kind: 'not-found', route: segments.slice(versionAt + 1).join('/') };
}
