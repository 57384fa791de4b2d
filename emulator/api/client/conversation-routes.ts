/**
 * Conversations, the SDK's `ConversationsRequest`, `getConversation`, `markConversationAsRead` and
 * `markConversationAsDelivered`. A conversation exists once it has a message; it is read as the SDK's `Conversation`
 * constructor takes it: `conversationId`, `conversationType`, `conversationWith` (the other user, or the group as the
 * reader sees it), `lastMessage`, `unreadMessageCount`, `unreadMentionsCount`, `lastReadMessageId`,
 * `latestMessageId`, `tags`.
 */
import { requireSessionUser } from '../auth';
import { apiErrors } from '../errors';
import { requireGroup, requireMember, requireUser } from './chat-access';
import { parseConversationListQuery } from './chat-queries';
import { pageOf } from '../../http/list-reply';
import type { RouteRequest, RouteTable } from '../../http/router';
import type { RoutesContext } from './routes';
import { groupConversationId, groupViewFor } from '../../state/groups';
import { peerOf, userConversationId } from '../../state/messages';

/** A conversation as `uid` sees it. */
interface ConversationView {
  conversationId: string;
  conversationType: 'user' | 'group';
  conversationWith: Record<string, unknown>;
  lastMessage: unknown;
  unreadMessageCount: number;
  unreadMentionsCount: number;
  lastReadMessageId: string;
  latestMessageId: string;
  updatedAt: number;
  tags: string[];
}

/** The conversation routes of one emulator. */
export function createConversationRoutes({ state, chat }: Pick<RoutesContext, 'state' | 'chat'>): RouteTable {
  /** `conversationId` as `uid` sees it, or undefined when it has no message, or `uid` is not in it, or its other side is gone. */
  function viewFor(conversationId: string, uid: string): ConversationView | undefined {
    const messages = chat.messagesOf(conversationId);
    const last = messages.at(-1);
    if (!last) return undefined;
    let conversationWith: Record<string, unknown>;
    if (last.receiverType === 'user') {
      if (last.sender !== uid && last.receiver !== uid) return undefined;
      const peer = state.findUser(peerOf(last, uid));
      if (!peer) return undefined;
      conversationWith = { ...peer };
    } else {
      const group = chat.findGroup(last.receiver);
      if (!group?.members.has(uid)) return undefined;
      conversationWith = groupViewFor(group, uid);
    }
    const lastRead = chat.lastReadBy(conversationId, uid);
    return {
      conversationId,
      conversationType: last.receiverType,
      conversationWith,
      lastMessage: structuredClone(last),
      // Your own messages are never unread to you.
      unreadMessageCount: messages.filter((message) => Number(message.id) > lastRead && message.sender !== uid).length,
      unreadMentionsCount: 0,
      lastReadMessageId: lastRead === 0 ? '' : String(lastRead),
      latestMessageId: last.id,
      updatedAt: last.sentAt,
      tags: [],
    };
  }

  /** The conversation a `users/{uid}/…` or `groups/{guid}/…` path names, for the session's user. */
  function conversationIdOf(request: RouteRequest): { uid: string; conversationId: string } {
    const { user } = requireSessionUser(request, state);
    if (request.params.uid !== undefined) {
      return { uid: user.uid, conversationId: userConversationId(user.uid, requireUser(state, request.params.uid).uid) };
    }
    const group = requireGroup(chat, request.params.guid!);
    requireMember(group, user.uid);
    return { uid: user.uid, conversationId: groupConversationId(group.group.guid) };
  }

  function getOne(request: RouteRequest): ConversationView {
    const { uid, conversationId } = conversationIdOf(request);
    const view = viewFor(conversationId, uid);
    if (!view) throw apiErrors.conversationNotFound(conversationId);
    return view;
  }

  // The SDK resolves markConversationAsRead with its own sentence and reads nothing of the reply.
  function markRead(request: RouteRequest) {
    const { uid, conversationId } = conversationIdOf(request);
    chat.markRead(conversationId, uid);
    return { success: true };
  }

  // markConversationAsDelivered: checked like a read, but the emulator keeps no delivery marks.
  function markDelivered(request: RouteRequest) {
    conversationIdOf(request);
    return { success: true };
  }

  return [
    {
      pattern: 'conversations',
      methods: {
        GET(request) {
          const { user } = requireSessionUser(request, state);
          const query = parseConversationListQuery(request.query);
          const views = chat
            .conversationIds()
            .map((conversationId) => viewFor(conversationId, user.uid))
            .filter((view): view is ConversationView => {
              if (!view) return false;
              if (query.conversationType !== undefined && view.conversationType !== query.conversationType) return false;
              if (query.unreadOnly && view.unreadMessageCount === 0) return false;
              return query.searchKey === '' || String(view.conversationWith.name).toLowerCase().includes(query.searchKey);
            });
          return pageOf(views, query.perPage, query.page);
        },
      },
    },
    { pattern: 'users/:uid/conversation', methods: { GET: getOne } },
    { pattern: 'groups/:guid/conversation', methods: { GET: getOne } },
    { pattern: 'users/:uid/conversation/read', methods: { POST: markRead } },
    { pattern: 'groups/:guid/conversation/read', methods: { POST: markRead } },
    { pattern: 'users/:uid/conversation/delivered', methods: { POST: markDelivered } },
    { pattern: 'groups/:guid/conversation/delivered', methods: { POST: markDelivered } },
  ];
}
