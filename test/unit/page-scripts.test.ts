import { describe, expect, it, vi } from 'vitest';
import { createPageScriptRegistry } from '@/lib/page/page-script-registry';
import { startRelay } from '@/lib/page/relay';
import { AGENT_HELLO_EVENT, AGENT_REPORT_EVENT, PAGE_REPORT_MESSAGE, RELAY_READY_EVENT } from '@/lib/page/reports';

/** `browser.scripting` as far as the registry uses it: what is registered, and each injection. */
function fakeScripting(registered: { id: string; matches?: string[] }[] = []) {
  const injected: unknown[] = [];
  const scripting = {
    getRegisteredContentScripts: vi.fn(async () => registered.map((script) => ({ ...script }))),
    registerContentScripts: vi.fn(async (scripts: { id: string; matches?: string[] }[]) => void registered.push(...scripts)),
    unregisterContentScripts: vi.fn(
      async ({ ids }: { ids: string[] }) => void registered.splice(0, registered.length, ...registered.filter((s) => !ids.includes(s.id))),
    ),
    executeScript: vi.fn(async (injection: unknown) => void injected.push(injection)),
  };
  return { scripting, registered, injected, registry: createPageScriptRegistry(scripting as never) };
}

describe('the page scripts of allowed sites', () => {
  it('should register only the agent, at document_start in the main world of every frame of the allowed sites', async () => {
    const { registry, registered } = fakeScripting();
    await registry.sync(['http://127.0.0.1', 'https://app.example.com']);
    expect(registered).toEqual([
      expect.objectContaining({
        id: 'cometchat-page-agent',
        js: ['page-agent.js'],
        world: 'MAIN',
        runAt: 'document_start',
        allFrames: true,
        matches: ['http://127.0.0.1/*', 'https://app.example.com/*'],
      }),
    ]);
  });

  it("should drop an earlier build's registered relay, and leave a right registration alone", async () => {
    const { registry, registered, scripting } = fakeScripting([
      { id: 'cometchat-page-agent', matches: ['http://127.0.0.1/*'] },
      { id: 'cometchat-page-relay', matches: ['http://127.0.0.1/*'] },
    ]);
    await registry.sync(['http://127.0.0.1']);
    expect(registered.map((script) => script.id)).toEqual(['cometchat-page-agent']);
    await registry.sync(['http://127.0.0.1']);
    expect(scripting.registerContentScripts).toHaveBeenCalledTimes(1);
    await registry.sync([]);
    expect(registered).toEqual([]);
  });

  it("should give a loaded page of an allowed site the relay, in the top frame only, and no other site's page", async () => {
    const { registry, injected } = fakeScripting();
    const sites = ['http://127.0.0.1'];
    await registry.loaded(7, 'http://127.0.0.1:5173/chat?x=1', sites);
    await registry.loaded(8, 'http://localhost:5173/', sites);
    await registry.loaded(9, undefined, sites);
    await registry.loaded(10, 'chrome://extensions/', sites);
    expect(injected).toEqual([{ target: { tabId: 7, frameIds: [0] }, files: ['/page-relay.js'] }]);
  });
});

describe('the relay', () => {
  const page = () => ({ document: new EventTarget() });
  const report = (document: EventTarget, detail: unknown) => document.dispatchEvent(new CustomEvent(AGENT_REPORT_EVENT, { detail }));

  it('should say it listens, and again to an agent that says hello, and pass each report on once as it is', async () => {
    const global = page();
    const sent: unknown[] = [];
    let readies = 0;
    global.document.addEventListener(RELAY_READY_EVENT, () => readies++);
    const runtime = { sendMessage: async (message: unknown) => void sent.push(message) };
    startRelay(global, runtime);
    // The background injects the relay at each `complete` of the tab: a second start in one document adds nothing.
    startRelay(global, runtime);
    expect(readies).toBe(1);
    global.document.dispatchEvent(new CustomEvent(AGENT_HELLO_EVENT));
    expect(readies).toBe(2);
    report(global.document, '{"activity":{"kind":"start"}}');
    report(global.document, { not: 'text' });
    report(global.document, 'x'.repeat(32_769));
    expect(sent).toEqual([{ type: PAGE_REPORT_MESSAGE, report: '{"activity":{"kind":"start"}}' }]);
  });
});
