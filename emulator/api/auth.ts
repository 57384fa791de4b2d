/**
 * The header checks CometChat makes before running an endpoint, in CometChat's order:
 * App ID first, then the key or token, and only then the resource (an unknown uid with a bad key
 * is reported as a bad key, per CometChat's public SDK tests; protocol doc §4).
 */
import { apiErrors } from './errors';
import type { RouteRequest } from '../http/router';
import type { AuthSession } from '../state/tokens';
import type { EmulatorState } from '../state/emulator-state';
import type { CometChatUser } from '../state/users';

/** The credentials one emulator accepts. */
export interface EmulatorCredentials {
  appId: string;
  authKey: string;
  restApiKey: string;
}

/** Throws AUTH_ERR_EMPTY_APPID / AUTH_ERR_INVALID_APPID unless the `appid` header names this app. */
export function requireAppId(appIdHeader: string, credentials: EmulatorCredentials): void {
  if (appIdHeader === '') throw apiErrors.emptyAppId();
  if (appIdHeader !== credentials.appId) throw apiErrors.invalidAppId(appIdHeader);
}

/**
 * Checks the `apikey` header of an admin call. `scope: 'auth'` endpoints (creating users and
 * auth tokens) take the Auth Key or the REST API key; `'full'` ones only the REST API key
 * (protocol doc §8: the Auth Key gets AUTH_ERR_NO_ACCESS there).
 */
export function requireApiKey(request: RouteRequest, credentials: EmulatorCredentials, scope: 'auth' | 'full'): void {
  const apiKey = request.header('apikey');
  if (apiKey === '') throw apiErrors.emptyApiKey();
  if (apiKey === credentials.restApiKey) return;
  if (apiKey !== credentials.authKey) throw apiErrors.apiKeyNotFound(apiKey);
  if (scope === 'full') throw apiErrors.noAccess(apiKey);
}

/** The session behind the `authtoken` header of a client call; throws the SDK's logout-triggering error otherwise. */
export function requireSession(request: RouteRequest, state: EmulatorState): AuthSession {
  const authToken = request.header('authtoken');
  if (authToken === '') throw apiErrors.emptyAuthToken();
  const session = state.findSession(authToken);
  if (!session) throw apiErrors.authTokenNotFound(authToken);
  return session;
}

/** The session behind the `authtoken` header and its user; a token whose user vanished counts as unknown. */
export function requireSessionUser(request: RouteRequest, state: EmulatorState): { session: AuthSession; user: CometChatUser } {
  const session = requireSession(request, state);
  const user = state.findUser(session.uid);
  if (!user) throw apiErrors.authTokenNotFound(session.authToken);
  return { session, user };
}
