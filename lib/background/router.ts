import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-codes';
import type { NewUserInput, Request, RequestMap, RequestType } from '../protocol';
import type { BackgroundContext } from './context';
import type { DirectoryService } from './directory-service';
import type { LogService } from './log-service';
import type { PageOperations } from './page/page-operations';
import type { PinOperations } from './page/pin-operations';
import type { ProfileService } from './profile-service';
import type { SessionService } from './session-service';

/** Routes a request to the service on its one discriminant; `source` names the view that asked. */
export type Route = (request: Request, source: string) => Promise<unknown>;

export interface Services {
  context: BackgroundContext;
  sessions: SessionService;
  log: LogService;
  pageOperations: PageOperations;
  pins: PinOperations;
  profiles: ProfileService;
  directory: DirectoryService;
}

/** `subscribe` joins the port to the broadcasts, so the hub answers it (see `hub.ts`). */
export type RoutedType = Exclude<RequestType, 'subscribe'>;

/** One handler per routed request type, each resolving to that request's result type. */
export type Handlers = { [K in RoutedType]: (request: Extract<Request, { type: K }>, source: string) => Promise<RequestMap[K]['result']> };

export function createRouter({ context, sessions, log, pageOperations: pages, pins, profiles, directory }: Services): Route {
  const handlers: Handlers = {
    saveProfile: (request) => profiles.saveProfile(request.profile ?? {}, { checkApiHost: request.checkApiHost === true }),
    activateProfile: (request) => profiles.activateProfile(String(request.id ?? '')),
    revealAuthKey: (request) => profiles.revealAuthKey(String(request.id ?? '')),
    deleteProfile: (request) => profiles.deleteProfile(String(request.id ?? '')),
    exportProfiles: (request) => profiles.exportProfiles(request.includeSecrets === true),
    previewImport: (request) => profiles.previewImport(String(request.json ?? '')),
    applyImport: (request) => profiles.applyImport(String(request.json ?? ''), Array.isArray(request.replace) ? request.replace.map(String) : []),
    login: (request, source) => sessions.login(String(request.uid ?? ''), source, request.fresh === true),
    loginWithAuthToken: (request, source) => sessions.loginWithAuthToken(String(request.authToken ?? ''), source),
    logout: (_request, source) => sessions.logout(source),
    switchSession: (request, source) => sessions.switchSession(String(request.uid ?? ''), source),
    revealSecret: (request) => sessions.revealSecret(String(request.uid ?? ''), request.secret === 'jwt' ? 'jwt' : 'authToken'),
    forgetSession: (request) => sessions.forgetSession(String(request.uid ?? ''), request.revoke === true),
    checkSessions: (request) => sessions.checkSessions(request.throttled === true),
    getEvents: (request) => log.getEvents(request.query ?? {}),
    clearEvents: () => log.clearEvents(),
    resetStorage: () => log.resetStorage(),
    exportEvents: () => log.exportEvents(),
    readPage: (request) => pages.readPage(request),
    switchPage: async (request, source) => (await pins.switchPinned(request, source)) ?? pages.switchPage(request, source),
    logoutPage: (request, source) => pages.logoutPage(request, source),
    adoptPageSession: (request, source) => pages.adoptPageSession(request, source),
    listAllowedSites: () => pages.listAllowedSites(),
    forgetSite: (request) => pages.forgetSite(request),
    pinTab: (request, source) => pins.pinTab(request, source),
    openPinnedTab: (request, source) => pins.openPinnedTab(request, source),
    unpinTab: (request, source) => pins.unpinTab(request, source),
    forgetClosedPin: (request) => pins.forgetClosedPin(request),
    listUsers: (request) => directory.listUsers({ search: typeof request.search === 'string' ? request.search.trim() : '', page: request.page ?? 1 }),
    createUser: (request) => directory.createUser(newUserOf(request)),
    createTestUsers: () => directory.createTestUsers(),
  };

  return async (request, source) => {
    const handler = Object.hasOwn(handlers, request?.type) ? handlers[request.type as RoutedType] : undefined;
    if (!handler) {
      throw new CometChatException({
        code: ERROR_CODES.ERR_UNHANDLED_REQUEST,
        message: `The background does not handle "${String(request?.type)}".`,
        details: {},
      });
    }
    try {
      return await (handler as (r: Request, s: string) => Promise<unknown>)(request, source);
    } catch (thrown) {
      // What a view shows of an error: a server may echo the Auth Key or a token it refused.
      throw new CometChatException(await context.sanitize(thrown, ...secretsOf(request)));
    }
  };
}

/** A `createUser` request's fields as text (a view's port can send anything); optional ones only when given. */
function newUserOf(request: Extract<Request, { type: 'createUser' }>): NewUserInput {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const [avatar, role] = [text(request.avatar), text(request.role)];
  return { uid: text(request.uid), name: text(request.name), ...(avatar ? { avatar } : {}), ...(role ? { role } : {}) };
}

/** Secrets a request carries itself (a pasted token): masked in its error like the ones the extension holds. */
function secretsOf(request: Request): string[] {
  const { authToken, target } = request as { authToken?: unknown; target?: { authToken?: unknown } };
  return [authToken, target?.authToken].filter((token): token is string => typeof token === 'string').map((token) => token.trim());
}
