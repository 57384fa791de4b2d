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

/** A page of a list plus its `meta`; message lists add the `cursor` the SDK's `MessagesRequest` pages by. */
export class ListReply {
  constructor(
    readonly data: unknown[],
    readonly meta: { pagination: Pagination; cursor?: Record<string, unknown> },
  ) {}
}

/**
 * Page `page` (from 1) of `items`, `perPage` long, with CometChat's paging numbers. `total_pages` is at least 1, as
 * Laravel's paginator reports it for an empty list.
 */
export function pageOf(items: readonly unknown[], perPage: number, page: number): ListReply {
  const start = (page - 1) * perPage;
  const data = items.slice(start, start + perPage);
  return new ListReply(data, {
    pagination: {
      total: items.length,
      count: data.length,
      per_page: perPage,
      current_page: page,
      total_pages: Math.max(1, Math.ceil(items.length / perPage)),
    },
  });
}

/** The JSON body for a handler's result: `{data, meta}` for a `ListReply`, `{data}` for anything else. */
export function replyEnvelope(result: unknown): Record<string, unknown> {
  return result instanceof ListReply ? { data: result.data, meta: result.meta } : { data: result };
}
