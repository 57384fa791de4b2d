import { sampleAppQuery, type SampleAppTarget } from '@/emulator/sample-app/serve';
import { evaluateIn, type AnyPage } from './any-page';
import { waitFor } from './wait-for';

/** The UI Kit app's storage mode: the SDK's default (`localStorage`) or `CometChat.StorageMode.SESSION`. */
export type UikitStorageMode = 'local' | 'session';

/**
 * The UI Kit fixture, `npm start`'s sample app (emulator/sample-app), as a person uses it, in either driver: by its buttons and what it shows (it has no test handle).
 */
export class UikitApp {
  constructor(readonly page: AnyPage) {}

  /** The app's address on the fixture server, against the emulator at `host` (`127.0.0.1:PORT`, over TLS). */
  static url(fixturesUrl: string, emulator: SampleAppTarget, storage: UikitStorageMode): string {
    return `${fixturesUrl}/uikit/${sampleAppQuery(emulator, storage)}`;
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitForStart();
  }

  /** Loads the app again, as the tester's reload does, and waits until the UI Kit has started. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitForStart();
  }

  /** What the app shows now: its whole text. */
  shown(): Promise<string> {
    return evaluateIn(this.page, () => document.body.innerText);
  }

  /** The name in the app's own header once a user is logged in, or null on the login screen. */
  signedInAs(): Promise<string | null> {
    return evaluateIn(this.page, () => document.querySelector('[data-testid="signed-in-as"]')?.textContent ?? null);
  }

  /** A picture of the app's header (the signed-in user's avatar, name and "Log out"), for a visual baseline. */
  async headerPicture(): Promise<Buffer> {
    const page = this.page;
    if ('getByRole' in page) return page.locator('.me').screenshot();
    const header = await page.waitForSelector('.me');
    return Buffer.from(await header!.screenshot());
  }

  /** Clicks the app's button named `name` (a sample user on the login screen, "Log out", a tab), as a person does. */
  async click(name: string): Promise<void> {
    const page = this.page;
    await page.bringToFront();
    if ('getByRole' in page) await page.getByRole('button', { name, exact: true }).click();
    else await page.locator(`::-p-aria([name=${JSON.stringify(name)}][role="button"])`).click();
  }

  /** The sample user's button `name` on the login screen; resolves once the app's header names them. */
  async logIn(name: string): Promise<void> {
    await this.click(name);
    await waitFor(`the UI Kit app to show ${name} logged in`, async () => (await this.signedInAs()) === name, 15_000);
  }

  /** Opens the chat with the user `name` from the app's Users list, as a person picks them. */
  async openChatWith(name: string): Promise<void> {
    await this.click('Users');
    const page = this.page;
    if ('getByRole' in page) await page.locator('.cometchat-users').getByText(name, { exact: true }).click();
    else await page.locator(`.cometchat-users ::-p-text(${name})`).click();
    await waitFor(`the chat with ${name} to open`, async () => (await this.chatHeader()).includes(name), 15_000);
  }

  /** The open chat's header: who the chat is with, and whether they are online. */
  chatHeader(): Promise<string> {
    return evaluateIn(this.page, () => document.querySelector<HTMLElement>('.cometchat-message-header')?.innerText ?? '');
  }

  /** The open chat's message list, as shown. */
  messages(): Promise<string> {
    return evaluateIn(this.page, () => document.querySelector<HTMLElement>('.cometchat-message-list')?.innerText ?? '');
  }

  /** Types `text` in the open chat's composer and presses Enter, as a person sends a message. */
  async send(text: string): Promise<void> {
    const page = this.page;
    const composer = '.cometchat-message-composer [contenteditable="true"][role="textbox"]';
    await page.bringToFront();
    // The same call in either driver, typed apart (Playwright's and Puppeteer's locators are different classes).
    if ('getByRole' in page) await page.locator(composer).click();
    else await page.locator(composer).click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  /** Waits for the login screen or the signed-in home: the UI Kit's `init` and its session check are done. */
  private async waitForStart(): Promise<void> {
    await waitFor(
      'the UI Kit app to start',
      () =>
        evaluateIn(this.page, () => {
          const text = document.body.innerText;
          return (
            text.includes('Log in to CometChat') || text.includes('did not start') || Boolean(document.querySelector('[data-testid="signed-in-as"]'))
          );
        }).catch(() => false),
      20_000,
    );
  }
}
