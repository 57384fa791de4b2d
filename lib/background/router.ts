import { CLIENT_ERROR_CODES, CometChatException } from '../cometchat/exception';
import type { Request, RequestMap, RequestType } from '../protocol';
import type { SessionService } from './session-service';

/** Routes a request to the service on its one discriminant; `source` names the view that asked. */
export type Route = (request: Request, source: string) => Promise<unknown>;

export function createRouter(service: SessionService): Route {
  const handlers: { [K in RequestType]: (request: Extract<Request, { type: K }>, source: string) => Promise<RequestMap[K]['result']> } = {
    getSnapshot: () => service.snapshot(),
    getLoggedInUser: () => service.getLoggedInUser(),
    saveProfile: (request) => service.saveProfile(request.profile),
    login: (request, source) => service.login(String(request.uid ?? ''), source),
    loginWithAuthToken: (request, source) => service.loginWithAuthToken(String(request.authToken ?? ''), source),
    logout: (_request, source) => service.logout(source),
    switchSession: (request, source) => service.switchSession(String(request.uid ?? ''), source),
    revealAuthToken: (request) => service.revealAuthToken(String(request.uid ?? '')),
  };

  return async (request, source) => {
    const handler = Object.hasOwn(handlers, request?.type) ? handlers[request.type] : undefined;
    if (!handler) {
      throw new CometChatException({
        code: CLIENT_ERROR_CODES.UNHANDLED_REQUEST,
        message: `The background does not handle "${String(request?.type)}".`,
        details: {},
      });
    }
    return (handler as (r: Request, s: string) => Promise<unknown>)(request, source);
  };
}
