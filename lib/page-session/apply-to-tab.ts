import { browser } from 'wxt/browser';
import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES, ERROR_REGISTRY } from '../cometchat/error-codes';
import type { SessionClient } from '../session-client';
import { createPageSwitcher, type PageSwitchResult } from './page-switcher';
import { createTabInspectedWindow } from './tab-inspected-window';

/**
 * "Apply to this tab": switches the CometChat session of the tab the popup was opened on to a session
 * the extension holds, with the same verified switch as the devtools panel.
 */
export function createApplyToTab(client: SessionClient) {
  return async (heldUid: string, appId: string): Promise<PageSwitchResult> => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) {
      throw new CometChatException({
        code: ERROR_CODES.ERR_PAGE_UNREACHABLE,
        message: 'There is no active tab to apply the session to.',
        details: {},
      });
    }
    const switcher = createPageSwitcher({
      inspected: createTabInspectedWindow(tab.id),
      requestGrant: (target) => client.request('preparePageSession', { target }),
      revoke: async (authToken) => (await client.request('revokeAuthToken', { authToken })).revoked,
      report: (report) => client.request('reportPageEvent', { report }),
    });
    const { hasSdk, sessions } = await switcher.read();
    if (!hasSdk && sessions.length === 0) {
      throw new CometChatException({
        code: ERROR_CODES.ERR_PAGE_NO_COMETCHAT,
        message: ERROR_REGISTRY.ERR_PAGE_NO_COMETCHAT.message,
        details: { url: tab.url ?? '' },
      });
    }
    // The app's own slot if the page stores it; otherwise where the page keeps another app's, or localStorage.
    const slot = sessions.find((session) => session.appId === appId) ?? { storage: sessions[0]?.storage ?? 'localStorage', appId };
    return switcher.switchTo({ storage: slot.storage, appId }, { heldUid });
  };
}

export type ApplyToTab = ReturnType<typeof createApplyToTab>;
