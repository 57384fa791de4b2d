/**
 * `GET users` (REST API v3): query parameters, filters and paging. CometChat's docs name the
 * parameters (protocol doc §8) but not every detail; where they are silent the choice is noted.
 */
import { createValidation } from './validation';
import { ListReply } from '../../http/list-reply';
import type { CometChatUser } from '../../state/users';

/** `perPage` when the query has none. */
export const DEFAULT_PER_PAGE = 100;
/** The largest `perPage` CometChat allows (protocol doc §8); more is a validation error, not a clamp. */
export const MAX_PER_PAGE = 1000;

/** The filters and page of one `GET users`. */
export interface UserListQuery {
  /** Lower-cased; matches part of the uid or the name. '' matches everyone. */
  searchKey: string;
  status?: CometChatUser['status'];
  role?: string;
  /** A user matches when it has any of these; empty means no tag filter. */
  tags: string[];
  perPage: number;
  page: number;
}

const STATUSES: ReadonlySet<string> = new Set(['online', 'offline']);

/** `?tags=a,b`, `?tags=a&tags=b` and PHP-style `?tags[]=a&tags[]=b` all mean the tags a and b. */
function readTags(query: URLSearchParams): string[] {
  return [...query.getAll('tags'), ...query.getAll('tags[]')]
    .flatMap((value) => value.split(','))
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

/** Validates the query string of `GET users`; throws ERR_BAD_REQUEST with every failing parameter. */
export function parseUserListQuery(query: URLSearchParams): UserListQuery {
  const validation = createValidation();
  // An empty parameter counts as absent, as Laravel turns '' into null before validating.
  const read = (name: string) => (query.get(name) ?? '').trim() || undefined;

  function readInteger(name: string, fallback: number, max = Infinity): number {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw)) validation.fail(name, `The ${name} must be an integer.`);
    else if (Number(raw) < 1) validation.fail(name, `The ${name} must be at least 1.`);
    else if (Number(raw) > max) validation.fail(name, `The ${name} may not be greater than ${max}.`);
    else return Number(raw);
    return fallback;
  }

  const status = read('status');
  if (status !== undefined && !STATUSES.has(status)) validation.fail('status', 'The selected status is invalid.');
  const parsed: UserListQuery = {
    searchKey: (read('searchKey') ?? '').toLowerCase(),
    status: status as UserListQuery['status'],
    role: read('role'),
    tags: readTags(query),
    perPage: readInteger('perPage', DEFAULT_PER_PAGE, MAX_PER_PAGE),
    page: readInteger('page', 1),
  };
  validation.throwIfFailed();
  return parsed;
}

function matches(user: CometChatUser, query: UserListQuery): boolean {
  const { searchKey } = query;
  if (searchKey !== '' && !user.uid.includes(searchKey) && !user.name.toLowerCase().includes(searchKey)) return false;
  if (query.status !== undefined && user.status !== query.status) return false;
  if (query.role !== undefined && user.role !== query.role) return false;
  return query.tags.length === 0 || query.tags.some((tag) => user.tags.includes(tag));
}

/**
 * One page of the users matching `query`, sorted by name (case-insensitive), then uid, so pages
 * are stable. `total_pages` is at least 1, as Laravel's paginator reports it for an empty list.
 */
export function pageOfUsers(users: readonly CometChatUser[], query: UserListQuery): ListReply {
  const matching = users
    .filter((user) => matches(user, query))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.uid.localeCompare(b.uid));
  const start = (query.page - 1) * query.perPage;
  const page = matching.slice(start, start + query.perPage).map((user) => ({ ...user }));
  return new ListReply(page, {
    pagination: {
      total: matching.length,
      count: page.length,
      per_page: query.perPage,
      current_page: query.page,
      total_pages: Math.max(1, Math.ceil(matching.length / query.perPage)),
    },
  });
}
