/**
 * CometChat's REST API v3 for servers (protocol doc §8): creating, listing, changing and deleting
 * users, and managing their auth tokens, with the `apikey` header. The Auth Key may only create
 * users (and tokens, in api/client/routes.ts); everything else here needs the REST API key.
 */
import { requireApiKey, requireSession } from '../auth';
import { apiErrors } from '../errors';
import type { RouteRequest, RouteTable } from '../../http/router';
import type { RoutesContext } from '../client/routes';
import type { AuthSession } from '../../state/tokens';
import { pageOfUsers, parseClientUserListQuery, parseUserListQuery } from './user-list';
import type { CometChatUser } from '../../state/users';
import { validateFlag, validateNewUser, validateUserChanges } from './validation';

/** What the REST routes need of their emulator; a `RoutesContext` will do. */
export type RestRoutesContext = Pick<RoutesContext, 'state' | 'credentials'>;

/** An auth token as the REST API lists it: the token and its owner, not the session's jwt or wsChannel. */
function tokenView({ authToken, uid, createdAt }: AuthSession) {
  return { authToken, uid, createdAt };
}

/** Builds the REST API's route table; `createApiRoutes` (api-routes.ts) joins it with the client API's. */
export function createRestRoutes(context: RestRoutesContext): RouteTable {
  const { state, credentials } = context;
  const requireRestKey = (request: RouteRequest) => requireApiKey(request, credentials, 'full');

  function userOf(request: RouteRequest): CometChatUser {
    const user = state.findUser(request.params.uid!);
    if (!user) throw apiErrors.uidNotFound(request.params.uid!);
    return user;
  }

  /** The token named in the path, which must belong to the user named in the path. */
  function tokenOf(request: RouteRequest): AuthSession {
    const user = userOf(request);
    const session = state.findSession(request.params.authToken!);
    if (!session || session.uid !== user.uid) throw apiErrors.userAuthTokenNotFound(user.uid, request.params.authToken!);
    return session;
  }

  return [
    {
      pattern: 'users',
      methods: {
        POST(request) {
          requireApiKey(request, credentials, 'auth');
          const { fields, withAuthToken } = validateNewUser(request.body);
          const user = state.createUser(fields);
          if (!user) throw apiErrors.uidAlreadyExists(fields.uid.toLowerCase());
          return withAuthToken ? { ...user, authToken: state.issueAuthToken(user.uid).authToken } : { ...user };
        },
        GET(request: RouteRequest) {
          // The SDK's `UsersRequest` asks with its auth token (client API); server-side tools with the REST API key,
          // and a call with neither is told the key is missing, as before the client API served this path.
          if (request.header('authtoken') !== '') {
            requireSession(request, state);
            return pageOfUsers(state.listUsers(), parseClientUserListQuery(request.query));
          }
          requireRestKey(request);
          return pageOfUsers(state.listUsers(), parseUserListQuery(request.query));
        },
      },
    },
    {
      pattern: 'users/:uid',
      methods: {
        PUT(request) {
          requireRestKey(request);
          const { uid } = userOf(request);
          return { ...state.updateUser(uid, validateUserChanges(request.body))! };
        },
        DELETE(request) {
          requireRestKey(request);
          const permanent = validateFlag(request.body, 'permanent');
          // A permanent delete also reaches a user deleted before without `permanent` (see EmulatorState.deleteUser).
          if (!state.deleteUser(request.params.uid!, { permanent })) throw apiErrors.uidNotFound(request.params.uid!);
          const uid = request.params.uid!.toLowerCase();
          return { success: true, message: `User with ${uid} has been deleted successfully.` };
        },
      },
    },
    {
      pattern: 'users/:uid/auth_tokens',
      methods: {
        GET(request) {
          requireRestKey(request);
          return state.listAuthTokens(userOf(request).uid).map(tokenView);
        },
        DELETE(request) {
          requireRestKey(request);
          const { uid } = userOf(request);
          state.revokeAuthTokensOf(uid);
          return { success: true, message: `All auth tokens of ${uid} have been deleted successfully.` };
        },
      },
    },
    {
      pattern: 'users/:uid/auth_tokens/:authToken',
      methods: {
        GET(request) {
          requireRestKey(request);
          return tokenView(tokenOf(request));
        },
        // CometChat's docs list the method but the emulator stores nothing a client could change
        // (no device or platform details), so it only confirms the token exists.
        PUT(request) {
          requireRestKey(request);
          return tokenView(tokenOf(request));
        },
        DELETE(request) {
          requireRestKey(request);
          const { authToken } = tokenOf(request);
          state.revokeAuthToken(authToken);
          return { success: true, message: `Auth token ${authToken} has been deleted successfully.` };
        },
      },
    },
  ];
}
