import { browser } from 'wxt/browser';
import { grantableSite, sitePattern } from '../sites';

/** The id of the script every allowed site gets: the agent, in the page's world. */
const AGENT_SCRIPT_ID = 'cometchat-page-agent';
/** The relay's file in the build (the extension's isolated world); injected, never registered. */
const RELAY_FILE = '/page-relay.js';

/** The part of `browser.scripting` the registry uses. */
type Scripting = Pick<
  typeof browser.scripting,
  'getRegisteredContentScripts' | 'registerContentScripts' | 'unregisterContentScripts' | 'executeScript'
>;

/**
 * Puts the page agent and its relay into the pages of exactly the sites the tester allowed.
 *
 * The agent (`page-agent.js`, MAIN world) is registered at `document_start` in every frame: it must see the app's
 * first write, and a pinned tab's storage (a same-origin iframe's too) must be its own from the start. Registered
 * scripts did not survive a Chromium restart of an unpacked extension even with `persistAcrossSessions` (page-scripts
 * doc), so the background calls `sync` on every start and on every change of its permissions; a registration that is
 * already right is left alone.
 *
 * The relay (`page-relay.js`, isolated world) is injected into the top frame once its page has loaded (`loaded`,
 * from the tab's `complete`): a registered relay, even at `document_idle`, ran before the page's `load` and made every
 * load of an allowed site 4–5 % slower (the bench's page-load figure); the agent keeps its reports until the relay
 * listens. Only the top frame gets one: a frame's report never speaks for the tab.
 */
export function createPageScriptRegistry(scripting: Scripting = browser.scripting) {
  let last = '';
  return {
    async sync(sites: readonly string[]): Promise<void> {
      const matches = [...new Set(sites.map(sitePattern))].sort();
      const registered = await scripting.getRegisteredContentScripts();
      const ours = registered.filter((script) => script.id === AGENT_SCRIPT_ID);
      const wanted = JSON.stringify(matches);
      // Anything else registered is an earlier build's (its relay was registered too) and goes.
      if (wanted === last && registered.length === 1 && ours.length === 1 && JSON.stringify([...(ours[0]!.matches ?? [])].sort()) === wanted) return;
      if (registered.length > 0) await scripting.unregisterContentScripts({ ids: registered.map((script) => script.id) });
      last = wanted;
      if (matches.length === 0) return;
      await scripting.registerContentScripts([
        {
          id: AGENT_SCRIPT_ID,
          js: ['page-agent.js'],
          world: 'MAIN',
          runAt: 'document_start',
          matches,
          allFrames: true,
          persistAcrossSessions: false,
        } as never,
      ]);
    },
    /**
     * The page in `tabId`'s top frame has loaded at `url`: gives it the relay when the site is one of `sites`. A page
     * that already has one (the tab said `complete` again) keeps it: the relay starts once per document.
     */
    async loaded(tabId: number, url: string | undefined, sites: readonly string[]): Promise<void> {
      const site = url === undefined ? null : grantableSite(url);
      if (site === null || !sites.includes(site)) return;
      await scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [RELAY_FILE] });
    },
  };
}
