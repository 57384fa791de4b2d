/**
 * Sending and listing messages: `POST messages` (the SDK's `sendMessage`), `GET users/{uid}/messages` and
 * `GET groups/{guid}/messages` (its `MessagesRequest`). The reply is the message as `trasformJSONMessge` reads it
 * (state/messages.ts); lists carry `meta.cursor` and `meta.pagination`, which the SDK pages by: after a page it
 * asks again with `id` = the oldest id it got (`affix=prepend`) or the newest (`append`), and it stops asking when
 * `total_pages` is 1 or a page comes back empty.
 */
import { requireSessionUser } from '../auth';
import { requireGroup, requireMember, requireUser } from './chat-access';
import { validateNewTextMessage } from './chat-bodies';
import { parseMessageListQuery, type MessageListQuery } from './chat-queries';
import { ListReply } from '../../http/list-reply';
import type { RouteTable } from '../../http/router';
import type { RoutesContext } from './routes';
import { groupConversationId, groupViewFor } from '../../state/groups';
import { groupEntity, userConversationId, userEntity, type CometChatMessage, type Entity } from '../../state/messages';
import { nowInSeconds } from '../../state/tokens';

function matches(message: CometChatMessage, query: MessageListQuery): boolean {
  if (query.categories.length > 0 && !query.categories.includes(message.category)) return false;
  if (query.types.length > 0 && !query.types.includes(message.type)) return false;
  if (query.searchKey === '') return true;
  const text = message.data.text;
  return typeof text === 'string' && text.toLowerCase().includes(query.searchKey);
}

/** Whether `message` lies on the query's side of its cursor (the id when given, else `sentAt`; both exclusive). */
function beyondCursor(message: CometChatMessage, query: MessageListQuery): boolean {
  const [mine, cursor] = query.id !== undefined ? [Number(message.id), query.id] : [message.sentAt, query.sentAt];
  if (cursor === undefined) return true;
  return query.affix === 'prepend' ? mine < cursor : mine > cursor;
}

/** Who is reading a conversation, for `unread`: their uid and the id of the last message they read. */
interface Reader {
  uid: string;
  lastRead: number;
}

const isUnread = (message: CometChatMessage, reader: Reader) => message.sender !== reader.uid && Number(message.id) > reader.lastRead;

/**
 * One page of a conversation, oldest first as CometChat sends it: the `perPage` messages nearest the cursor
 * (the newest ones when prepending without a cursor). The emulator stores no replies, so `hideReplies` hides nothing.
 */
function pageOfMessages(messages: readonly CometChatMessage[], query: MessageListQuery, reader: Reader): ListReply {
  const candidates = messages.filter(
    (message) => matches(message, query) && beyondCursor(message, query) && (!query.unread || isUnread(message, reader)),
  );
  const page = query.affix === 'prepend' ? candidates.slice(-query.perPage) : candidates.slice(0, query.perPage);
  const edge = query.affix === 'prepend' ? page[0] : page.at(-1);
  return new ListReply(structuredClone(page), {
    pagination: {
      total: candidates.length,
      count: page.length,
      per_page: query.perPage,
      current_page: 1,
      total_pages: Math.max(1, Math.ceil(candidates.length / query.perPage)),
    },
    cursor: { affix: query.affix, fetchedCount: page.length, ...(edge ? { id: edge.id, sentAt: edge.sentAt } : {}) },
  });
}

/**
 * A conversation's messages as the list routes answer them: a page, or with `count` the number of matching messages
 * per conversation partner, `[{entityId, entityType, count}]` (an empty list when there are none), which the SDK's
 * unread counters turn into `{[entityId]: count}`.
 */
function listMessages(messages: readonly CometChatMessage[], query: MessageListQuery, reader: Reader, entity: Entity & { entityId: string }) {
  if (!query.count) return pageOfMessages(messages, query, reader);
  const count = messages.filter((message) => matches(message, query) && (!query.unread || isUnread(message, reader))).length;
  return count === 0 ? [] : [{ ...entity, count }];
}

/** The message routes of one emulator. */
export function createMessageRoutes({ state, chat }: Pick<RoutesContext, 'state' | 'chat'>): RouteTable {
  return [
    {
      pattern: 'messages',
      methods: {
        POST(request) {
          const { user } = requireSessionUser(request, state);
          const fields = validateNewTextMessage(request.body);
          let receiver: string;
          let receiverEntity: Entity;
          let conversationId: string;
          if (fields.receiverType === 'user') {
            const peer = requireUser(state, fields.receiver);
            [receiver, receiverEntity, conversationId] = [peer.uid, userEntity(peer), userConversationId(user.uid, peer.uid)];
          } else {
            const group = requireGroup(chat, fields.receiver);
            requireMember(group, user.uid);
            const guid = group.group.guid;
            [receiver, receiverEntity, conversationId] = [guid, groupEntity(groupViewFor(group, user.uid)), groupConversationId(guid)];
          }
          const now = nowInSeconds();
          const message = chat.appendMessage({
            ...(fields.muid === undefined ? {} : { muid: fields.muid }),
            conversationId,
            sender: user.uid,
            receiverType: fields.receiverType,
            receiver,
            category: 'message',
            type: 'text',
            data: {
              text: fields.text,
              ...(fields.metadata ? { metadata: structuredClone(fields.metadata) } : {}),
              entities: { sender: userEntity(user), receiver: receiverEntity },
            },
            ...(fields.metadata ? { metadata: structuredClone(fields.metadata) } : {}),
            ...(fields.tags ? { tags: [...fields.tags] } : {}),
            sentAt: now,
            updatedAt: now,
          });
          return structuredClone(message);
        },
      },
    },
    {
      pattern: 'users/:uid/messages',
      methods: {
        GET(request) {
          const { user } = requireSessionUser(request, state);
          const peer = requireUser(state, request.params.uid!);
          const query = parseMessageListQuery(request.query);
          const conversationId = userConversationId(user.uid, peer.uid);
          const reader = { uid: user.uid, lastRead: chat.lastReadBy(conversationId, user.uid) };
          return listMessages(chat.messagesOf(conversationId), query, reader, { ...userEntity(peer), entityId: peer.uid });
        },
      },
    },
    {
      pattern: 'groups/:guid/messages',
      methods: {
        GET(request) {
          const { user } = requireSessionUser(request, state);
          const group = requireGroup(chat, request.params.guid!);
          requireMember(group, user.uid);
          const query = parseMessageListQuery(request.query);
          const conversationId = groupConversationId(group.group.guid);
          const reader = { uid: user.uid, lastRead: chat.lastReadBy(conversationId, user.uid) };
          const entity = { ...groupEntity(groupViewFor(group, user.uid)), entityId: group.group.guid };
          return listMessages(chat.messagesOf(conversationId), query, reader, entity);
        },
      },
    },
  ];
}
