/** One element of the panel as `DevtoolsPanel.elements` reads it. */
export interface PanelElement {
  /** Its rendered text (`innerText`). */
  text: string;
  /** Its `data-*` attributes by their names without the `data-` prefix (`tab-id`, `seq`). */
  data: Record<string, string>;
  /** The text of the first element matching each named part inside it (null if none). */
  parts: Record<string, string | null>;
}

/**
 * The extension's panel in the DevTools of one app tab, in either browser (app-bed.ts opens it): read and pressed as a
 * tester does. Chromium: the panel page in a tab of its own whose devtools API is a stand-in wired to the app's tab
 * (stubbed-devtools.ts). Firefox: the panel inside the real DevTools (firefox-devtools.ts), where no driver reaches
 * the page itself: hence reads by selector and presses by name, nothing evaluated.
 */
export interface DevtoolsPanel {
  /** The rendered text (`innerText`) of the first element matching `selector` (the whole panel by default), or ''. */
  text(selector?: string): Promise<string>;
  /** An attribute of the first element matching `selector`, or null (no such element or attribute). */
  attribute(selector: string, name: string): Promise<string | null>;
  /** Every element matching `selector`, with the text of the first element matching each of `parts` inside it. */
  elements(selector: string, parts?: Record<string, string>): Promise<PanelElement[]>;
  /** Clicks the button whose accessible name is `name` (inside `scope.within` if given), once it is there and enabled. */
  click(name: string, scope?: { within?: string }): Promise<void>;
  /** Chooses the option whose text is `option` in the select labelled `label` inside `within`, as a tester's pick does. */
  select(label: string, option: string, scope: { within: string }): Promise<void>;
  /** Saves what the tester sees as test-results/screenshots/`name`.png (Firefox: the window, app above, DevTools below). */
  screenshot(name: string): Promise<void>;
}

const TIMELINE = '[aria-label="Auth event timeline"]';
const APP_TABS = '[data-testid="app-tabs"]';

/** The panel as a tester uses it, in either browser: its live strip, page card, timeline and Tabs card. */
export class Panel {
  constructor(readonly view: DevtoolsPanel) {}

  /** The live line about the inspected tab (SDK, user, WebSocket, pin). */
  monitorStrip(): Promise<string> {
    return this.view.text('[data-testid="monitor-strip"]');
  }

  /** The page card's user (name, uid, app, hosts). */
  pageUser(): Promise<string> {
    return this.view.text('[data-testid="page-user"]');
  }

  /** The page card: the page's session, what the extension may do with it, its actions. */
  pageSession(): Promise<string> {
    return this.view.text('[data-testid="page-session"]');
  }

  /** The outcome line of the last page action (success), in the page card. */
  pageStatus(): Promise<string> {
    return this.view.text('[data-testid="page-session"] [role="status"]');
  }

  /** What the page card says while a page action runs ("Switching the page to …"), or ''. */
  actionProgress(): Promise<string> {
    return this.view.text('[data-testid="action-progress"]');
  }

  /** The page card's word on site access ("To switch or log out this page, allow the extension on …"), or ''. */
  pageAccess(): Promise<string> {
    return this.view.text('[data-testid="page-access"]');
  }

  /** "Reload to start watching." once the site is allowed and the tab not yet reloaded, or ''. */
  reloadNotice(): Promise<string> {
    return this.view.text('[data-testid="page-reload"]');
  }

  /** What the background asks before it writes into the page (a first write into a site), or ''. */
  pageQuestion(): Promise<string> {
    return this.view.text('[data-testid="page-write-question"]');
  }

  /** Answers the open question with the button named `answer` ("Yes, write into this site", "Cancel"…). */
  async answerPageQuestion(answer: string): Promise<void> {
    await this.view.click(answer, { within: '[data-testid="page-write-question"]' });
  }

  /** The Tabs card: which tab of the site runs which user, pinning, closed pinned tabs. */
  appTabs(): Promise<string> {
    return this.view.text(APP_TABS);
  }

  /** The outcome line of the Tabs card's last action. */
  appTabsStatus(): Promise<string> {
    return this.view.text('[data-testid="app-tabs-status"]');
  }

  /** Each open tab of the site as the Tabs card shows it: its title, user line and warnings. */
  async appTabRows(): Promise<{ tabId: number; text: string; stale: boolean; pinned: boolean }[]> {
    return (await this.view.elements('[data-testid="app-tab"]')).map((row) => ({
      tabId: Number(row.data['tab-id']),
      text: row.text,
      stale: row.data.stale === 'true',
      pinned: row.data.pinned === 'true',
    }));
  }

  /** Picks `name (uid)` in the Tabs card's "User" select and presses "Pin this tab to …" or "Open as … in a new tab". */
  async pinTab(uid: string, name: string, how: 'this tab' | 'new tab'): Promise<void> {
    await this.view.select('User', `${name} (${uid})`, { within: APP_TABS });
    await this.view.click(how === 'this tab' ? `Pin this tab to ${name}` : `Open as ${name} in a new tab`, { within: APP_TABS });
  }

  /** Presses "Unpin" on the Tabs list's row of the tab `tabId`. */
  async unpinTab(tabId: number): Promise<void> {
    await this.view.click('Unpin', { within: `[data-testid="app-tab"][data-tab-id="${tabId}"]` });
  }

  /** Presses "Switch the page to `name (uid)`" in the page card. */
  async switchPageTo(name: string, uid: string): Promise<void> {
    await this.view.click(`Switch the page to ${name} (${uid})`);
  }

  /** The extension's session card (its user, or "No user logged in."). */
  currentUser(): Promise<string> {
    return this.view.text('[data-testid="current-user"]');
  }

  /** The whole text the panel shows. */
  shown(): Promise<string> {
    return this.view.text('body');
  }

  /** Clears the timeline, as the tester's "Clear" does. */
  async clearTimeline(): Promise<void> {
    await this.view.click('Clear');
  }

  /** What the apps did by themselves, as their rows say it ("app login cometchat-uid-1", "PUT me → 200"…), oldest first. */
  async activities(): Promise<string[]> {
    const rows = await this.view.elements(`${TIMELINE} [data-type="pageActivity"]`, { type: '.event-type', uid: '.event-uid' });
    return rows.sort((a, b) => Number(a.data.seq) - Number(b.data.seq)).map((row) => `${row.parts.type ?? ''} ${row.parts.uid ?? ''}`);
  }

  /** Auth event rows as "type uid", oldest first (the timeline shows newest first); the apps' own activity left out. */
  async eventTypes(): Promise<string[]> {
    const rows = await this.view.elements(`${TIMELINE} [data-seq]:not([data-type="pageActivity"])`, { uid: '.event-uid' });
    return rows.sort((a, b) => Number(a.data.seq) - Number(b.data.seq)).map((row) => `${row.data.type} ${row.parts.uid ?? ''}`);
  }
}
