import { render } from 'preact';
import { viewBrowser as browser } from '@/lib/transport/view-browser';
import { PanelApp } from '@/components/panel/PanelApp';
import type { PageTools } from '@/components/panel/page-tools';
import '@/components/shared/theme.css';
import '@/components/panel/panel.css';
import { createDevtoolsInspectedWindow } from '@/lib/page/devtools-inspected-window';
import { browserDevtools } from '@/components/panel/devtools-api';
import { SESSION_PORT } from '@/lib/protocol';
import { createSessionClient } from '@/lib/session-client';
import { sitePattern } from '@/lib/sites';
import { connectToBackground } from '@/lib/transport/browser-port';
import { createEventLog } from '@/components/panel/use-event-log';
import { whenReady } from '@/components/shared/when-ready';
import { prepareFormats } from '@/lib/display';
import { preparePlurals } from '@/components/shared/i18n';

const client = createSessionClient({ connect: () => connectToBackground(SESSION_PORT) });
// Asked for now, beside the client's subscription: the timeline's newest events do not wait for the first render.
const events = createEventLog(client);
// Follow the DevTools theme rather than the OS one: DevTools may be dark on a light system.
const themeName = browser.devtools?.panels?.themeName;
if (themeName) document.documentElement.dataset.theme = themeName === 'dark' ? 'dark' : 'light';

const page: PageTools | null = browser.devtools?.inspectedWindow
  ? {
      tabId: browser.devtools.inspectedWindow.tabId,
      inspected: createDevtoolsInspectedWindow(browserDevtools()),
      // Chrome's panel asks for site access itself. Firefox gives DevTools panels no `permissions` (Bugzilla 1796933):
      // there the panel opens the popup's Allowed sites in a tab, which asks.
      requestAccess: browser.permissions?.request ? (origin) => browser.permissions.request({ origins: [sitePattern(origin)] }) : null,
      accessPageUrl: (origin) => `${browser.runtime.getURL('/popup.html')}#allow=${encodeURIComponent(origin)}`,
    }
  : null;
// Rendered once the snapshot and the newest events are in (see whenReady): one render shows the panes and the rows.
void whenReady([client.answered(), events.newest()]).then(() =>
  render(<PanelApp client={client} page={page} events={events} />, document.getElementById('app')!),
);
// While the answers travel, the main thread is idle: the formatters the first render needs are made now, not in it.
prepareFormats();
preparePlurals();
