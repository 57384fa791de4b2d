/**
 * CometChat's list envelope: `{"data": [...], "meta": {"pagination": {...}}}` (protocol doc §3).
 * A route handler's return value normally becomes `data` alone; a handler that needs `meta` next
 * to it returns a `ListReply`, and the dispatcher sends `replyEnvelope(result)` instead.
 */

/** CometChat's paging numbers, snake_case as on the wire. */
export interface Pagination {
  total: number;
  count: number;
  per_page: number;
  current_page: number;
  total_pages: number;
}

/** A page of a list plus its `meta`. */
export class ListReply {
  constructor(
    readonly data: unknown[],
    readonly meta: { pagination: Pagination },
  ) {}
}

/** The JSON body for a handler's result: `{data, meta}` for a `ListReply`, `{data}` for anything else. */
export function replyEnvelope(result: unknown): Record<string, unknown> {
  return result instanceof ListReply ? { data: result.data, meta: result.meta } : { data: result };
}
