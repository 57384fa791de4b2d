/**
 * `GET users` (REST API v3): query parameters, filters and paging. CometChat's docs name the
 * parameters (protocol doc §8) but not every detail; where they are silent the choice is noted.
 */
import { createValidation } from './validation';
import { pageOf, type ListReply } from '../../http/list-reply';
import type { CometChatUser } from '../../state/users';

/** `perPage` when the query has none. */
const DEFAULT_PER_PAGE = 100;
/** The largest `perPage` CometChat allows (protocol doc §8); more is a validation error, not a clamp. */
const MAX_PER_PAGE = 1000;

/** The `per_page` the client API uses when the query has none (the SDK always sends `setLimit`'s value). */
const CLIENT_DEFAULT_PER_PAGE = 30;
/**
 * The largest `per_page` of the client API: the SDK's own `USERS_MAX_LIMIT` (it refuses `setLimit(101)` before
 * sending anything). A larger value from another client is a validation error, as on the REST API.
 */
const CLIENT_MAX_PER_PAGE = 100;

/** What `searchKey` may be matched against (the SDK's `searchIn(['uid', 'name'])`). */
export type SearchField = 'uid' | 'name';
const SEARCH_FIELDS: ReadonlySet<string> = new Set<SearchField>(['uid', 'name']);

/** The filters and page of one `GET users`. */
export interface UserListQuery {
  /** Lower-cased; matches part of the uid or the name. '' matches everyone. */
  searchKey: string;
  /** The fields `searchKey` is matched against; both when absent. */
  searchIn?: readonly SearchField[];
  status?: CometChatUser['status'];
  role?: string;
  /** The client API's `roles` (the SDK's `setRole`/`setRoles`): a user matches with any of them. */
  roles?: readonly string[];
  /** The client API's `uids` (the SDK's `setUIDs`): only these users. */
  uids?: readonly string[];
  /** A user matches when it has any of these; empty means no tag filter. */
  tags: string[];
  perPage: number;
  page: number;
}

const STATUSES: ReadonlySet<string> = new Set(['online', 'offline']);

/** `?tags=a,b`, `?tags=a&tags=b` and PHP-style `?tags[]=a&tags[]=b` all mean the tags a and b. */
export function readTags(query: URLSearchParams, name = 'tags'): string[] {
  return [...query.getAll(name), ...query.getAll(`${name}[]`)]
    .flatMap((value) => value.split(','))
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
}

type Validation = ReturnType<typeof createValidation>;

/** An empty parameter counts as absent, as Laravel turns '' into null before validating. */
export function queryReader(query: URLSearchParams) {
  return (name: string) => (query.get(name) ?? '').trim() || undefined;
}

/** Reads a positive integer parameter (at most `max`), failing `validation` with Laravel's wording otherwise. */
export function integerReader(validation: Validation, read: (name: string) => string | undefined) {
  return (name: string, fallback: number, max = Infinity): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^-?\d+$/.test(raw)) validation.fail(name, `The ${name} must be an integer.`);
    else if (Number(raw) < 1) validation.fail(name, `The ${name} must be at least 1.`);
    else if (Number(raw) > max) validation.fail(name, `The ${name} may not be greater than ${max}.`);
    else return Number(raw);
    return fallback;
  };
}

/** Validates the query string of `GET users`; throws ERR_BAD_REQUEST with every failing parameter. */
export function parseUserListQuery(query: URLSearchParams): UserListQuery {
  const validation = createValidation();
  const read = queryReader(query);
  const readInteger = integerReader(validation, read);
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

/** The client API's presence names: the SDK sends `available` for `UsersRequest.USER_STATUS.ONLINE`. */
const CLIENT_STATUSES: Readonly<Record<string, CometChatUser['status']>> = { available: 'online', online: 'online', offline: 'offline' };

/**
 * Validates the query of the client API's `GET users`, as the SDK's `UsersRequest.fetchNext` sends it:
 * `per_page` (≤ {@link CLIENT_MAX_PER_PAGE}), `page`, `searchKey` (percent-encoded once by the SDK, so the
 * query string decodes it back), `searchIn` (`uid,name`), `status`, `roles`, `tags`, `uids`. The SDK's
 * `hideBlockedUsers`, `friendsOnly`, `withTags`, `sortBy` and `sortOrder` are accepted and change nothing:
 * the emulator has no blocks, no friends, and lists by name then uid.
 */
export function parseClientUserListQuery(query: URLSearchParams): UserListQuery {
  const validation = createValidation();
  const read = queryReader(query);
  const readInteger = integerReader(validation, read);
  const rawStatus = read('status')?.toLowerCase();
  const status = rawStatus === undefined ? undefined : CLIENT_STATUSES[rawStatus];
  if (rawStatus !== undefined && status === undefined) validation.fail('status', 'The selected status is invalid.');
  const searchIn = readTags(query, 'searchIn').map((field) => field.toLowerCase());
  if (searchIn.some((field) => !SEARCH_FIELDS.has(field))) validation.fail('searchIn', 'The selected searchIn is invalid.');
  const roles = readTags(query, 'roles');
  const uids = readTags(query, 'uids').map((uid) => uid.toLowerCase());
  const parsed: UserListQuery = {
    searchKey: (read('searchKey') ?? '').toLowerCase(),
    searchIn: searchIn.length > 0 ? (searchIn as SearchField[]) : undefined,
    status,
    roles: roles.length > 0 ? roles : undefined,
    uids: uids.length > 0 ? uids : undefined,
    tags: readTags(query),
    perPage: readInteger('per_page', CLIENT_DEFAULT_PER_PAGE, CLIENT_MAX_PER_PAGE),
    page: readInteger('page', 1),
  };
  validation.throwIfFailed();
  return parsed;
}

function matchesSearch(user: CometChatUser, { searchKey, searchIn = ['uid', 'name'] }: UserListQuery): boolean {
  if (searchKey === '') return true;
  return (searchIn.includes('uid') && user.uid.includes(searchKey)) || (searchIn.includes('name') && user.name.toLowerCase().includes(searchKey));
}

function matches(user: CometChatUser, query: UserListQuery): boolean {
  if (!matchesSearch(user, query)) return false;
  if (query.status !== undefined && user.status !== query.status) return false;
  if (query.role !== undefined && user.role !== query.role) return false;
  if (query.roles !== undefined && !query.roles.includes(user.role)) return false;
  if (query.uids !== undefined && !query.uids.includes(user.uid)) return false;
  return query.tags.length === 0 || query.tags.some((tag) => user.tags.includes(tag));
}

/** One page of the users matching `query`, sorted by name (case-insensitive), then uid, so pages are stable. */
export function pageOfUsers(users: readonly CometChatUser[], query: UserListQuery): ListReply {
  const matching = users
    .filter((user) => matches(user, query))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.uid.localeCompare(b.uid))
    .map((user) => ({ ...user }));
  return pageOf(matching, query.perPage, query.page);
}
