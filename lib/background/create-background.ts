import type { AppEndpoint } from '../cometchat/hosts';
import type { TabAccess } from '../page/tab-access-types';
import type { PortSender } from '../transport/port';
import { createBackgroundContext, type BackgroundDeps } from './context';
import { createActivityService } from './page/activity-service';
import { createHub } from './hub';
import { createDirectoryService } from './directory-service';
import { createCommandHandler } from './keyboard-commands';
import { createLogService } from './log-service';
import { createPageOperations } from './page/page-operations';
import { createPageService } from './page/page-service';
import { createPageTabs } from './page/page-tabs';
import { createPinOperations } from './page/pin-operations';
import { createTabBadges, type TabBadge } from './page/tab-badges';
import { createPinRecords } from './page/pin-records';
import { createProfileService } from './profile-service';
import { createRouter } from './router';
import { createSessionService } from './session-service';
import { createTabStates } from './page/tab-states';
import type { Words } from '../words';

export interface BackgroundOptions extends Omit<BackgroundDeps, 'emit'> {
  /** Only the extension's own pages may command the background. */
  isTrusted: (sender: PortSender) => boolean;
  /** The browser's tabs, for page operations. */
  tabs: TabAccess;
  /** The sites the tester allowed (cached by the caller); page agents' reports count only from those. */
  allowedSites?: () => Promise<string[]>;
  /** Each tab's own toolbar badge (the user its CometChat page runs; see `tabBadgeFor`). */
  tabBadge?: TabBadge;
  /**
   * The background's words, for the titles of the tabs' badges: the browser's messages (start-background.ts). Without
   * them a title reads its message key, which only a test that draws no badge would see.
   */
  words?: Words;
  /** Whether a CometChat API answers at an API host; the network's by default (tests pass their own). */
  checkApiHost?: (endpoint: AppEndpoint) => Promise<void>;
}

const NO_TAB_BADGE: TabBadge = { show: () => Promise.resolve() };

/**
 * The background without the browser: context, services, router and hub, wired. The hub accepts
 * ports; everything else reaches IndexedDB and CometChat through `deps`.
 */
export function createBackground({
  isTrusted,
  tabs,
  allowedSites = () => tabs.allowedSites(),
  tabBadge = NO_TAB_BADGE,
  words = (key) => key,
  checkApiHost,
  ...deps
}: BackgroundOptions) {
  const tabBadges = createTabBadges(tabBadge, words);
  const context = createBackgroundContext({
    ...deps,
    emit: (...events) => {
      hub.broadcast(...events);
      for (const event of events) tabBadges.onEvent(event);
    },
    onSnapshot: (snapshot) => {
      deps.onSnapshot?.(snapshot);
      tabBadges.onSnapshot(snapshot);
    },
  });
  const sessions = createSessionService(context);
  const pages = createPageService(context, sessions);
  const pinRecords = createPinRecords(context, pages);
  const log = createLogService(context, pinRecords);
  const pageTabs = createPageTabs({ context, pages, sessions, log, tabs });
  const services = {
    context,
    sessions,
    log,
    pages,
    pageOperations: createPageOperations({ context, sessions, tabs, pageTabs }),
    pins: createPinOperations({ context, records: pinRecords, tabs, pageTabs }),
    profiles: createProfileService(context, pinRecords, checkApiHost),
    directory: createDirectoryService(context),
  };
  const tabStates = createTabStates({ context, tabs, allowedSites });
  context.setTabsSource(() => tabStates.prepare());
  const hub = createHub({ route: createRouter(services), subscribe: context.subscribe, isTrusted });
  const activity = createActivityService(context, allowedSites, tabStates);
  return { ...services, hub, activity, tabStates, tabBadges, onCommand: createCommandHandler(context, sessions) };
}
