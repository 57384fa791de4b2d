/**
 * The query strings of the SDK's chat lists, as its request classes write them (no encoding of their own beyond
 * `searchKey`/`tags`): `MessagesRequest` (`per_page`, `affix`, `id`, `sentAt`, `hideReplies`, `hideDeleted`,
 * `unread`, `count`, `searchKey`, `category(ies)`, `type(s)`, …), `ConversationsRequest` (`per_page` ≤ 50, `page`,
 * `conversationType`, `searchKey`, `unread`, …), `GroupsRequest` (`per_page`, `page`, `searchKey`, `hasJoined`,
 * `tags`) and `GroupMembersRequest` (`per_page`, `page`, `searchKey`, `scopes`, `status`). Flags the emulator has
 * nothing for (blocked users, agentic conversations, tag info, …) are accepted and change nothing, as CometChat
 * ignores parameters it does not know.
 */
import { integerReader, queryReader, readTags } from '../rest/user-list';
import { createValidation, type Validation } from '../rest/validation';
import type { MemberScope } from '../../state/groups';
import type { ReceiverType } from '../../state/messages';
import type { CometChatUser } from '../../state/users';

/** The SDK's `DEFAULT_VALUES`: `MSGS_LIMIT`, `GROUPS_LIMIT`, … 30 each when `setLimit` was not called. */
const DEFAULT_PER_PAGE = 30;
/** The SDK's `MSGS_MAX_LIMIT`, `GROUPS_MAX_LIMIT`, `USERS_MAX_LIMIT`. */
const MAX_PER_PAGE = 100;
/** The SDK's `CONVERSATION_MAX_LIMIT`. */
const MAX_CONVERSATIONS_PER_PAGE = 50;

/** A flag as the SDK writes it: `true`/`false` from booleans, `1` from `hasJoined`/`withTags`. Absent is false. */
function flagReader(validation: Validation, read: (name: string) => string | undefined) {
  return (name: string): boolean => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined || raw === 'false' || raw === '0') return false;
    if (raw === 'true' || raw === '1') return true;
    validation.fail(name, `The ${name} field must be true or false.`);
    return false;
  };
}

/** One page of a message list. */
export interface MessageListQuery {
  perPage: number;
  /** `prepend`: the messages before the cursor, newest page first (`fetchPrevious`); `append`: after it (`fetchNext`). */
  affix: 'prepend' | 'append';
  /** The cursor: a message id (exclusive); the SDK sends the oldest (prepend) or newest (append) id it has. */
  id?: number;
  /** A cursor in time when there is no id (the builder's `setTimestamp`), exclusive. */
  sentAt?: number;
  hideReplies: boolean;
  /** Only the reader's unread messages: others' messages after the reader's read mark. */
  unread: boolean;
  /**
   * `getUnreadMessageCountForUser`/`ForGroup` send `unread=1&count=1` and read `[{entityId, count}]` instead of
   * messages.
   */
  count: boolean;
  /** Lower-cased; matches part of the text. */
  searchKey: string;
  categories: string[];
  types: string[];
}

/** Validates a `GET users/{uid}/messages` or `GET groups/{guid}/messages` query. */
export function parseMessageListQuery(query: URLSearchParams): MessageListQuery {
  const validation = createValidation();
  const read = queryReader(query);
  const readInteger = integerReader(validation, read);
  const readFlag = flagReader(validation, read);
  const affix = read('affix')?.toLowerCase() ?? 'prepend';
  if (affix !== 'prepend' && affix !== 'append') validation.fail('affix', 'The selected affix is invalid.');
  const parsed: MessageListQuery = {
    perPage: readInteger('per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE),
    affix: affix === 'append' ? 'append' : 'prepend',
    id: read('id') === undefined ? undefined : readInteger('id', 0),
    sentAt: read('sentAt') === undefined ? undefined : readInteger('sentAt', 0),
    hideReplies: readFlag('hideReplies'),
    unread: readFlag('unread'),
    count: readFlag('count'),
    searchKey: (read('searchKey') ?? '').toLowerCase(),
    categories: [...readTags(query, 'category'), ...readTags(query, 'categories')],
    types: [...readTags(query, 'type'), ...readTags(query, 'types')],
  };
  // Accepted for the SDK's sake, with nothing to filter in the emulator: no deletes, no blocks, no threads' extras.
  for (const name of ['hideDeleted', 'hideMessagesFromBlockedUsers', 'onlyUpdates', 'withTags', 'hideQuotedMessages']) readFlag(name);
  validation.throwIfFailed();
  return parsed;
}

/** One page of the conversation list. */
export interface ConversationListQuery {
  perPage: number;
  page: number;
  conversationType?: ReceiverType;
  /** Lower-cased; matches part of the other user's or the group's name. */
  searchKey: string;
  unreadOnly: boolean;
}

/** Validates a `GET conversations` query. */
export function parseConversationListQuery(query: URLSearchParams): ConversationListQuery {
  const validation = createValidation();
  const read = queryReader(query);
  const readInteger = integerReader(validation, read);
  const conversationType = read('conversationType')?.toLowerCase();
  if (conversationType !== undefined && conversationType !== 'user' && conversationType !== 'group') {
    validation.fail('conversationType', 'The selected conversationType is invalid.');
  }
  const parsed: ConversationListQuery = {
    perPage: readInteger('per_page', DEFAULT_PER_PAGE, MAX_CONVERSATIONS_PER_PAGE),
    page: readInteger('page', 1),
    conversationType: conversationType as ReceiverType | undefined,
    searchKey: (read('searchKey') ?? '').toLowerCase(),
    unreadOnly: flagReader(validation, read)('unread'),
  };
  validation.throwIfFailed();
  return parsed;
}

/** One page of the group list. */
export interface GroupListQuery {
  perPage: number;
  page: number;
  searchKey: string;
  joinedOnly: boolean;
  tags: string[];
}

/** Validates a `GET groups` query. */
export function parseGroupListQuery(query: URLSearchParams): GroupListQuery {
  const validation = createValidation();
  const read = queryReader(query);
  const readInteger = integerReader(validation, read);
  const readFlag = flagReader(validation, read);
  const parsed: GroupListQuery = {
    perPage: readInteger('per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE),
    page: readInteger('page', 1),
    searchKey: (read('searchKey') ?? '').toLowerCase(),
    joinedOnly: readFlag('hasJoined'),
    tags: readTags(query),
  };
  readFlag('withTags');
  validation.throwIfFailed();
  return parsed;
}

/** One page of a group's members. */
export interface MemberListQuery {
  perPage: number;
  page: number;
  searchKey: string;
  scopes: MemberScope[];
  status?: CometChatUser['status'];
}

const SCOPES: readonly string[] = ['admin', 'moderator', 'participant'];
/** The SDK sends `available` for `GroupMembersRequest.USER_STATUS.ONLINE`. */
const STATUSES: Readonly<Record<string, CometChatUser['status']>> = { available: 'online', online: 'online', offline: 'offline' };

/** Validates a `GET groups/{guid}/members` query. */
export function parseMemberListQuery(query: URLSearchParams): MemberListQuery {
  const validation = createValidation();
  const read = queryReader(query);
  const readInteger = integerReader(validation, read);
  const scopes = readTags(query, 'scopes').map((scope) => scope.toLowerCase());
  if (scopes.some((scope) => !SCOPES.includes(scope))) validation.fail('scopes', 'The selected scopes is invalid.');
  const rawStatus = read('status')?.toLowerCase();
  if (rawStatus !== undefined && !STATUSES[rawStatus]) validation.fail('status', 'The selected status is invalid.');
  const parsed: MemberListQuery = {
    perPage: readInteger('per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE),
    page: readInteger('page', 1),
    searchKey: (read('searchKey') ?? '').toLowerCase(),
    scopes: scopes as MemberScope[],
    status: rawStatus === undefined ? undefined : STATUSES[rawStatus],
  };
  validation.throwIfFailed();
  return parsed;
}
