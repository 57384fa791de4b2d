import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '@/lib/page/reports';
import { isAwaitingReload } from '@/lib/tab-watch';

const ORIGIN = 'http://127.0.0.1:5173';
const AGENT: AgentStatus = { sdkVersion: null, hasGlobalSdk: false, users: [], stored: [], sessionStorageApps: [], socket: null, pin: null };

describe('whether a tab needs a reload to be watched', () => {
  it.each([
    ['an allowed site with no agent yet (allowed after the page loaded)', { allowed: true, origin: ORIGIN, agent: null }, true],
    ['an allowed site whose agent reports', { allowed: true, origin: ORIGIN, agent: AGENT }, false],
    ['a site not allowed', { allowed: false, origin: ORIGIN, agent: null }, false],
    ['a tab whose address the browser hides', { allowed: false, origin: null, agent: null }, false],
    ['a tab the background knows nothing of', null, false],
  ])('should say %s: %s', (_name, tab, expected) => {
    expect(isAwaitingReload(tab)).toBe(expected);
  });
});
