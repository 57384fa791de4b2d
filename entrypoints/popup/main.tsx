import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import '@/components/theme.css';
import type { ApplyToTab } from '@/lib/page-session/apply-to-tab';
import { createSessionClient } from '@/lib/session-client';
import { connectToBackground } from '@/lib/transport/browser-port';
import { SESSION_PORT } from '@/lib/protocol';

const client = createSessionClient({ connect: () => connectToBackground(SESSION_PORT) });
// "Apply to this tab" is loaded when first used, to keep the popup's first paint small.
const applyToTab: ApplyToTab = async (uid, appId) => (await import('@/lib/page-session/apply-to-tab')).createApplyToTab(client)(uid, appId);
render(<PopupApp client={client} applyToTab={applyToTab} />, document.getElementById('app')!);
