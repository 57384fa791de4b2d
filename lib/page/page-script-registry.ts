import { browser } from 'wxt/browser';
import { sitePattern } from '../sites';

/** The ids of the two scripts every allowed site gets: the agent in the page's world, and its relay in ours. */
const PAGE_SCRIPT_IDS = { agent: 'cometchat-page-agent', relay: 'cometchat-page-relay' } as const;

/**
 * Keeps the page agent (`page-agent.js`, MAIN world) and its relay (`page-relay.js`, the extension's isolated world)
 * registered for exactly the sites the tester allowed, at `document_start` in every frame (a same-origin iframe of a
 * pinned tab needs the pin too). Registered scripts did not survive a Chromium restart of an unpacked extension even
 * with `persistAcrossSessions` (page-scripts doc), so the background calls `sync` on every start and on every change
 * of its permissions; a registration that is already right is left alone.
 */
export function createPageScriptRegistry() {
  let last = '';
  return {
    async sync(sites: readonly string[]): Promise<void> {
      const matches = [...new Set(sites.map(sitePattern))].sort();
      const registered = await browser.scripting.getRegisteredContentScripts({ ids: Object.values(PAGE_SCRIPT_IDS) });
      const wanted = JSON.stringify(matches);
      if (wanted === last && registered.length === 2 && registered.every((script) => JSON.stringify([...(script.matches ?? [])].sort()) === wanted))
        return;
      if (registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: registered.map((script) => script.id) });
      last = wanted;
      if (matches.length === 0) return;
      const common = { matches, allFrames: true, persistAcrossSessions: false };
      // The agent starts before any page script (it must see the app's first write, and a pinned tab's storage must be
      // its own from the start). The relay may come later, once the document is idle: the agent buffers its reports
      // until the relay says it listens, and the page's load does not wait for the extension's isolated world.
      await browser.scripting.registerContentScripts([
        { id: PAGE_SCRIPT_IDS.agent, js: ['page-agent.js'], world: 'MAIN', runAt: 'document_start', ...common } as never,
        { id: PAGE_SCRIPT_IDS.relay, js: ['page-relay.js'], runAt: 'document_idle', ...common },
      ]);
    },
  };
}
