/**
 * Sets the extension up for the local emulator the way a person would in the popup's first-run form, so
 * `npm start` opens a browser that is ready to log in.
 */
import type { Page } from 'playwright-core';

/** How long the popup may take to save the app before the launcher gives up on it. */
const SAVE_TIMEOUT_MS = 15_000;

/**
 * Clicks "Use the local emulator" (App ID, region and Auth Key from `EMULATOR_DEFAULTS`), points the API host at
 * `apiHost` (the emulator may run on another port than the default), saves, and waits until the form has gone.
 */
export async function setUpPopupForEmulator(popup: Page, apiHost: string): Promise<void> {
  const form = popup.getByRole('form', { name: 'Set up a CometChat app' });
  await popup.getByRole('button', { name: 'Use the local emulator' }).click();
  await popup.getByLabel('API host (optional)').fill(apiHost);
  await popup.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'detached', timeout: SAVE_TIMEOUT_MS });
}
