import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { deleteUserForGood } from './support/emulator-rest';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { PopupPage } from './support/popup-page';

/** The popup's user directory against the emulator's client API (`GET users`) and `POST users` with the Auth Key. */
describe('user directory in the Chromium popup', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  const directory = () => popup.page.getByTestId('directory');
  const shown = () => directory().textContent();

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension();
    popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.loginAsTestUser('Nancy Grace');
    await popup.currentUser.getByText('Nancy Grace').waitFor();
    await popup.page.getByRole('button', { name: 'Users', exact: true }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it("should list the app's users and log in as one found by a search", async () => {
    await expect.poll(() => popup.page.getByTestId('directory-count').textContent()).toBe('5 users');

    await popup.page.getByLabel('Search users').fill('geo');
    await expect.poll(() => popup.page.getByTestId('directory-count').textContent()).toBe('1 user matching “geo”');
    const searched = emulator.requestLog.filter((entry) => entry.method === 'GET' && entry.route === 'users');
    expect(searched.length).toBeGreaterThan(0);
    await popup.page.getByRole('button', { name: 'Log in the extension as George Alan (cometchat-uid-2)' }).click();

    await expect.poll(() => directory().getByRole('status').textContent()).toBe('The extension is now logged in as George Alan (cometchat-uid-2).');
  });

  it("should show CometChat's message next to a field it refuses, and create a user the search then finds", async () => {
    await popup.page.getByText('Create a user').click();
    await directory().getByLabel('UID', { exact: true }).fill('has space');
    await directory().getByLabel('Name', { exact: true }).fill('QA Tester');
    await popup.page.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => directory().locator('.field-error').first().textContent()).toMatch(/uid/i);
    // Once, by its field, as a sentence: no second red box with the same message as JSON.
    expect(await directory().getByTestId('error').count()).toBe(0);
    expect(await directory().locator('.field-error').first().textContent()).not.toMatch(/[[{]/);

    await directory().getByLabel('UID', { exact: true }).fill('qa-tester-1');
    await popup.page.getByRole('button', { name: 'Create user' }).click();

    await expect.poll(() => directory().getByRole('status').textContent()).toBe('Created QA Tester (qa-tester-1).');
    await expect.poll(() => popup.page.getByTestId('directory-count').textContent()).toBe('1 user matching “qa-tester-1”');
    expect(await shown()).toContain('QA Tester');
    await popup.screenshot('popup-directory');
  });

  it('should say by the Name field that a name is missing, and show no other error', async () => {
    await directory().getByLabel('UID', { exact: true }).fill('no-name-1');
    await directory().getByLabel('Name', { exact: true }).fill('');
    await popup.page.getByRole('button', { name: 'Create user' }).click();

    await expect.poll(() => directory().getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await directory().locator('#new-user-name-error').textContent()).toBe('The name field is required.');
    expect(await directory().locator('#new-user-uid-error').count()).toBe(0);
    expect(await directory().getByTestId('error').count()).toBe(0);
  });

  it('should offer to create the test users the app lacks when a tile fails with ERR_UID_NOT_FOUND, then log in', async () => {
    expect(await deleteUserForGood(emulator, 'cometchat-uid-5')).toBe(200);
    await directory().getByRole('button', { name: 'Done' }).click();

    await popup.loginAsTestUser('John Paul');
    await expect.poll(() => popup.error.textContent()).toContain('ERR_UID_NOT_FOUND');
    await popup.page.getByRole('button', { name: 'Create the five test users' }).click();
    await expect.poll(() => popup.page.getByRole('button', { name: 'Create the five test users' }).count()).toBe(0);
    await popup.loginAsTestUser('John Paul');

    await expect.poll(() => popup.currentUser.textContent()).toContain('John Paul');
    await popup.page.getByRole('button', { name: 'Users', exact: true }).click();
    await expect.poll(() => popup.page.getByTestId('directory-count').textContent()).toBe('6 users');
    // The app has all five again: the directory no longer offers to create them.
    expect(await popup.page.getByRole('button', { name: 'Create the five test users the app lacks' }).count()).toBe(0);
  });
});
