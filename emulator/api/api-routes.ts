/**
 * Everything one emulator answers over HTTP: the client API (`api/client/`, what the SDK calls) and the REST
 * API (`api/rest/`, what servers call) as one route table. They share paths such as `users/:uid`, so the
 * tables are merged rather than listed one after the other (see http/route-table.ts).
 */
import { mergeRouteTables } from '../http/route-table';
import type { RouteTable } from '../http/router';
import { createConversationRoutes } from './client/conversation-routes';
import { createGroupRoutes } from './client/group-routes';
import { createMessageRoutes } from './client/message-routes';
import { createRoutes, type RoutesContext } from './client/routes';
import { createRestRoutes } from './rest/routes';

/** The client API's and the REST API's routes for the emulator described by `context`. */
export function createApiRoutes(context: RoutesContext): RouteTable {
  return mergeRouteTables(
    createRoutes(context),
    createMessageRoutes(context),
    createConversationRoutes(context),
    createGroupRoutes(context),
    createRestRoutes(context),
  );
}
