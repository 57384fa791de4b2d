import { startPageAgent } from '@/lib/page/agent/agent';

// Registered by the background on the sites the tester allowed (MAIN world, document_start, all frames).
export default defineUnlistedScript(() => startPageAgent(window));
