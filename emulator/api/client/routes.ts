/**
 * The endpoints the SDK's login, logout and user look-ups use (protocol doc §4). Chat has its own files next to
 * this one: message-routes.ts, conversation-routes.ts, group-routes.ts.
 */
import { requireApiKey, requireSession, requireSessionUser, type EmulatorCredentials } from '../auth';
import { apiErrors } from '../errors';
import type { RouteRequest, RouteTable } from '../../http/router';
import type { ChatState } from '../../state/chat-state';
import type { EmulatorState } from '../../state/emulator-state';
import type { CometChatUser } from '../../state/users';

/** What the routes need to know about the emulator they run in. */
export interface RoutesContext {
  state: EmulatorState;
  /** Groups and messages (in memory only; see state/chat-state.ts). */
  chat: ChatState;
  credentials: EmulatorCredentials;
  /** `host:port` without scheme, as CometChat's `settings` carry hosts. */
  apiHost: string;
  chatHost: string;
  port: number;
}

/**
 * `PUT /me`'s settings. The SDK builds every later URL from these (protocol doc §1), so they must
 * point back at the emulator; the analytics ping is disabled because nothing here answers it.
 */
function appSettings(context: RoutesContext): Record<string, unknown> {
  return {
    CLIENT_API_HOST: context.apiHost,
    ADMIN_API_HOST: context.apiHost,
    CHAT_API_VERSION: 'v3.0',
    APP_VERSION: 4,
    CHAT_HOST: context.chatHost,
    CHAT_WSS_PORT: context.port,
    ANALYTICS_PING_DISABLED: true,
  };
}

function userOf(context: RoutesContext, uid: string): CometChatUser {
  const user = context.state.findUser(uid);
  if (!user) throw apiErrors.uidNotFound(uid);
  return { ...user };
}

/** The session's user; a token whose user vanished counts as unknown. */
function sessionUser(request: RouteRequest, context: RoutesContext) {
  return requireSessionUser(request, context.state);
}

/** Builds the route table of one emulator. */
export function createRoutes(context: RoutesContext): RouteTable {
  const { state, credentials } = context;
  return [
    {
      pattern: 'users/:uid/auth_tokens',
      methods: {
        POST(request) {
          requireApiKey(request, credentials, 'auth');
          const user = userOf(context, request.params.uid!);
          const { uid, authToken, createdAt } = state.issueAuthToken(user.uid);
          return { uid, authToken, createdAt };
        },
      },
    },
    {
      pattern: 'me',
      methods: {
        PUT(request) {
          const { session, user } = sessionUser(request, context);
          state.setPresence(user.uid, 'online');
          // The SDK repeats the call when authToken is not echoed (protocol doc §4).
          return {
            ...userOf(context, user.uid),
            authToken: session.authToken,
            jwt: session.jwt,
            wsChannel: session.wsChannel,
            settings: appSettings(context),
          };
        },
        GET(request) {
          return { ...sessionUser(request, context).user };
        },
        DELETE(request) {
          const { session, user } = sessionUser(request, context);
          state.revokeAuthToken(session.authToken);
          state.setPresence(user.uid, 'offline');
          return { success: true };
        },
      },
    },
    {
      // Fetched by the SDK at init and after login.
      pattern: 'settings',
      methods: {
        GET(request) {
          requireSession(request, state);
          return appSettings(context);
        },
      },
    },
    {
      // The SDK reports its session ~5 s after login and expects its `sessionId` echoed (protocol doc §4).
      pattern: 'user_sessions',
      methods: {
        POST(request) {
          requireSession(request, state);
          return { sessionId: request.body.sessionId ?? null };
        },
      },
    },
    {
      pattern: 'users/:uid',
      methods: {
        GET(request) {
          // The SDK asks with its auth token; server-side tools with the REST API key.
          if (request.header('authtoken') !== '' || request.header('apikey') === '') requireSession(request, state);
          else requireApiKey(request, credentials, 'full');
          return userOf(context, request.params.uid!);
        },
      },
    },
  ];
}
