import { render } from 'preact';
import { viewBrowser as browser } from '@/lib/transport/view-browser';
import { PopupApp } from '@/components/popup/PopupApp';
import type { PopupTab } from '@/components/popup/popup-types';
import '@/components/shared/theme.css';
import { createSessionClient } from '@/lib/session-client';
import { connectToBackground } from '@/lib/transport/browser-port';
import { SESSION_PORT } from '@/lib/protocol';
import { whenReady } from '@/components/shared/when-ready';
import { prepareFormats } from '@/lib/display';
import { preparePlurals } from '@/components/shared/i18n';

// Firefox sizes its toolbar popup to the page's width without a scrollbar, then takes a classic scrollbar's width from
// it once the page is taller than the panel: theme.css keeps the gutter there from the start (Chrome counts it itself).
document.documentElement.classList.toggle('firefox-popup', import.meta.env.FIREFOX);

const client = createSessionClient({ connect: () => connectToBackground(SESSION_PORT) });

/** The tab the popup was opened on: `activeTab` lets the extension see and switch it until it navigates. */
const activeTab = async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0];
// Asked before the first render, beside the background's first snapshot: the main view waits for both.
let openedId: number | null | undefined;
let openedOrigin: string | null | undefined;
const opened = activeTab().then((found) => {
  openedId = found?.id ?? null;
  openedOrigin = found?.url && /^https?:/.test(found.url) ? new URL(found.url).origin : null;
  return found;
});
const tab: PopupTab = {
  // Without a tab (a popup opened as a page of its own), the background says there is none to act on.
  apply: async (heldUid, flags) => client.request('switchPage', { tabId: (await activeTab())?.id ?? -1, target: { heldUid }, ...flags }),
  id: async () => (await opened)?.id ?? null,
  knownId: () => openedId,
  // The first query's: asked again, the browser's query took ~0.8 ms of the first render's task (its bindings' work).
  async origin() {
    await opened;
    return openedOrigin ?? null;
  },
  knownOrigin: () => openedOrigin,
};
// Opened in a tab by the devtools panel (Firefox's panel cannot ask for access itself): #allow=<origin>.
const allowOrigin = new URLSearchParams(location.hash.slice(1)).get('allow');
// Rendered once the background's snapshot and the tab are in (see whenReady): the first frame shows the user.
void whenReady([client.answered(), opened]).then(() =>
  render(
    <PopupApp
      client={client}
      tab={tab}
      allowOrigin={allowOrigin}
      siteAccess={{
        request: (pattern) => browser.permissions.request({ origins: [pattern] }),
        reload: (tabId) => browser.tabs.reload(tabId),
        onChange(listener) {
          browser.permissions.onAdded.addListener(listener);
          browser.permissions.onRemoved.addListener(listener);
          return () => {
            browser.permissions.onAdded.removeListener(listener);
            browser.permissions.onRemoved.removeListener(listener);
          };
        },
      }}
    />,
    document.getElementById('app')!,
  ),
);
// While the answers travel, the main thread is idle: the formatters the first render needs are made now, not in it.
// Dates only (the user's last activity, a held token's age): a clock shows in the Tabs list alone, made as it opens.
prepareFormats(['date']);
preparePlurals();
