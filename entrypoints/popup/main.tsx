import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import '@/components/theme.css';
import { createApplyToTab } from '@/lib/page-session/apply-to-tab';
import { createSessionClient } from '@/lib/session-client';
import { connectToBackground } from '@/lib/transport/browser-port';
import { SESSION_PORT } from '@/lib/protocol';

const client = createSessionClient({ connect: () => connectToBackground(SESSION_PORT) });
render(<PopupApp client={client} applyToTab={createApplyToTab(client)} />, document.getElementById('app')!);
