import type { PortSender } from '../transport/port';
import { createBackgroundContext, type BackgroundDeps } from './context';
import { createActivityService } from './activity-service';
import { createHub } from './hub';
import { createDirectoryService } from './directory-service';
import { createCommandHandler } from './keyboard-commands';
import { createLogService } from './log-service';
import { createPageOperations, type TabAccess } from './page-operations';
import { createPageService } from './page-service';
import { createProfileService } from './profile-service';
import { createRouter } from './router';
import { createSessionService } from './session-service';

export interface BackgroundOptions extends Omit<BackgroundDeps, 'emit'> {
  /** Only the extension's own pages may command the background. */
  isTrusted(sender: PortSender): boolean;
  /** The browser's tabs, for page operations. */
  tabs: TabAccess;
  /** The sites the tester allowed (cached by the caller); page agents' reports count only from those. */
  allowedSites?: () => Promise<string[]>;
}

/**
 * The background without the browser: context, services, router and hub, wired. The hub accepts
 * ports; everything else reaches IndexedDB and CometChat through `deps`.
 */
export function createBackground({ isTrusted, tabs, allowedSites = () => tabs.allowedSites(), ...deps }: BackgroundOptions) {
  const context = createBackgroundContext({ ...deps, emit: (event) => hub.broadcast(event) });
  const sessions = createSessionService(context);
  const log = createLogService(context);
  const pages = createPageService(context, sessions);
  const services = {
    context,
    sessions,
    log,
    pages,
    pageOperations: createPageOperations({ context, pages, sessions, log, tabs }),
    profiles: createProfileService(context),
    directory: createDirectoryService(context),
  };
  const hub = createHub({ route: createRouter(services), subscribe: context.subscribe, isTrusted });
  return { ...services, hub, activity: createActivityService(context, allowedSites), onCommand: createCommandHandler(context, sessions) };
}
