import { render } from 'preact';
import { PanelApp } from '@/components/PanelApp';
import '@/components/theme.css';
import { createSessionClient } from '@/lib/session-client';
import { connectToBackground } from '@/lib/transport/browser-port';
import { SESSION_PORT } from '@/lib/protocol';

const client = createSessionClient({ connect: () => connectToBackground(SESSION_PORT) });
render(<PanelApp client={client} />, document.getElementById('app')!);
