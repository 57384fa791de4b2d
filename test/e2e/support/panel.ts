/** One element of the panel as `DevtoolsPanel.elements` reads it. */
export interface PanelElement {
  /** Its rendered text (`innerText`). */
  text: string;
  /** Its `data-*` attributes, without the `data-` prefix. */
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
  /** Saves what the tester sees as test-results/screenshots/`name`.png (Firefox: the window, app above, DevTools below). */
  screenshot(name: string): Promise<void>;
}

const TIMELINE = '[aria-label="Auth event timeline"]';

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
