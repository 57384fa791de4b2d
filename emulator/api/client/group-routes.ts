/**
 * Groups, as the SDK's `GroupsRequest`, `createGroup`, `getGroup`, `joinGroup` and `GroupMembersRequest` use them.
 * A join answers with CometChat's `joined` action message (the SDK reads the group from its
 * `data.entities.for.entity`), which also goes into the group's history and to its members' sockets.
 */
import { requireSessionUser } from '../auth';
import { apiErrors } from '../errors';
import { canSeeGroup, requireGroup } from './chat-access';
import { validateJoin, validateNewGroup } from './chat-bodies';
import { parseGroupListQuery, parseMemberListQuery } from './chat-queries';
import { pageOf } from '../../http/list-reply';
import type { RouteRequest, RouteTable } from '../../http/router';
import type { RoutesContext } from './routes';
import { MAX_GROUPS } from '../../state/chat-state';
import { groupConversationId, groupViewFor, type StoredGroup } from '../../state/groups';
import { groupEntity, userEntity } from '../../state/messages';
import { nowInSeconds } from '../../state/tokens';

/** The group routes of one emulator. */
export function createGroupRoutes({ state, chat }: Pick<RoutesContext, 'state' | 'chat'>): RouteTable {
  /** The group in the path, if the session's user may see it (a private group only to its members). */
  function visibleGroup(request: RouteRequest, uid: string): StoredGroup {
    const group = requireGroup(chat, request.params.guid!);
    if (!canSeeGroup(group, uid)) throw apiErrors.groupNotJoined(uid, group.group.guid);
    return group;
  }

  return [
    {
      pattern: 'groups',
      methods: {
        GET(request) {
          const { user } = requireSessionUser(request, state);
          const query = parseGroupListQuery(request.query);
          const groups = chat
            .listGroups()
            .filter((group) => canSeeGroup(group, user.uid))
            .filter(({ group, members }) => {
              if (query.joinedOnly && !members.has(user.uid)) return false;
              if (query.tags.length > 0 && !query.tags.some((tag) => group.tags.includes(tag))) return false;
              return query.searchKey === '' || group.guid.includes(query.searchKey) || group.name.toLowerCase().includes(query.searchKey);
            })
            .sort((a, b) => a.group.name.localeCompare(b.group.name, 'en', { sensitivity: 'base' }) || a.group.guid.localeCompare(b.group.guid))
            .map((group) => groupViewFor(group, user.uid));
          return pageOf(groups, query.perPage, query.page);
        },
        POST(request) {
          const { user } = requireSessionUser(request, state);
          const fields = validateNewGroup(request.body);
          if (chat.findGroup(fields.guid)) throw apiErrors.guidAlreadyExists(fields.guid.toLowerCase());
          if (chat.listGroups().length >= MAX_GROUPS) throw apiErrors.planRestriction(`The emulator holds at most ${MAX_GROUPS} groups.`);
          return groupViewFor(chat.createGroup(fields, user.uid)!, user.uid);
        },
      },
    },
    {
      pattern: 'groups/:guid',
      methods: {
        GET(request) {
          const { user } = requireSessionUser(request, state);
          return groupViewFor(visibleGroup(request, user.uid), user.uid);
        },
      },
    },
    {
      pattern: 'groups/:guid/members',
      methods: {
        GET(request) {
          const { user } = requireSessionUser(request, state);
          const group = visibleGroup(request, user.uid);
          const query = parseMemberListQuery(request.query);
          const members = [...group.members.values()].flatMap((member) => {
            const found = state.findUser(member.uid);
            if (!found) return []; // A deleted user leaves no member behind in the list.
            if (query.scopes.length > 0 && !query.scopes.includes(member.scope)) return [];
            if (query.status !== undefined && found.status !== query.status) return [];
            if (query.searchKey !== '' && !found.uid.includes(query.searchKey) && !found.name.toLowerCase().includes(query.searchKey)) return [];
            return [{ ...found, scope: member.scope, joinedAt: member.joinedAt }];
          });
          return pageOf(members, query.perPage, query.page);
        },
        // joinGroup: the SDK's addMembersToGroup uses PUT on this path, which the emulator does not serve.
        POST(request) {
          const { user } = requireSessionUser(request, state);
          const group = requireGroup(chat, request.params.guid!);
          const { password } = validateJoin(request.body);
          const guid = group.group.guid;
          if (group.members.has(user.uid)) throw apiErrors.alreadyJoined(user.uid, guid);
          if (group.group.type === 'private') throw apiErrors.groupJoinNotAllowed(guid);
          if (group.group.type === 'password' && password !== group.password) throw apiErrors.wrongGroupPassword(guid);
          chat.addMember(guid, user.uid, 'participant');
          const now = nowInSeconds();
          const action = chat.appendMessage({
            conversationId: groupConversationId(guid),
            sender: user.uid,
            receiverType: 'group',
            receiver: guid,
            category: 'action',
            type: 'groupMember',
            action: 'joined',
            data: { action: 'joined', entities: { by: userEntity(user), for: groupEntity(groupViewFor(group, user.uid)) } },
            sentAt: now,
            updatedAt: now,
          });
          return structuredClone(action);
        },
      },
    },
  ];
}
