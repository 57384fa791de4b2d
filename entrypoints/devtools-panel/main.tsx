import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PanelApp } from '@/components/PanelApp';
import '@/components/theme.css';
import '@/components/panel.css';
import { createDevtoolsInspectedWindow } from '@/lib/page-session/devtools-inspected-window';
import { createPageSwitcher } from '@/lib/page-session/page-switcher';
import { SESSION_PORT } from '@/lib/protocol';
import { createSessionClient } from '@/lib/session-client';
import { connectToBackground } from '@/lib/transport/browser-port';

const client = createSessionClient({ connect: () => connectToBackground(SESSION_PORT) });
// Follow the DevTools theme rather than the OS one: DevTools may be dark on a light system.
const themeName = browser.devtools?.panels?.themeName;
if (themeName) document.documentElement.dataset.theme = themeName === 'dark' ? 'dark' : 'light';

const inspected = browser.devtools?.inspectedWindow ? createDevtoolsInspectedWindow() : null;
const page = inspected && {
  inspected,
  switcher: createPageSwitcher({
    inspected,
    requestGrant: (target) => client.request('preparePageSession', { target }),
    revoke: async (authToken) => (await client.request('revokeAuthToken', { authToken })).revoked,
    report: (report) => client.request('reportPageEvent', { report }),
  }),
};
render(<PanelApp client={client} page={page} />, document.getElementById('app')!);
