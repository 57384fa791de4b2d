import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { deleteUserForGood } from './support/emulator-rest';
import { BROWSERS, launchExtension, type ExtensionUnderTest, reportConsoleOnFailure } from './support/extension-driver';
import { Popup } from './support/popup';

const DIRECTORY = '[data-testid="directory"]';
const IN_DIRECTORY = { within: DIRECTORY };

/**
 * The popup's user directory against the emulator's client API (`GET users`) and `POST users` with the Auth Key:
 * search, log in as a user found there, create a user and find it, create the test users the app lacks.
 */
describe.each(BROWSERS)('user directory in the %s popup', (name) => {
  let emulator: Emulator;
  let extension: ExtensionUnderTest;
  let popup: Popup;
  const count = () => popup.tab.text('[data-testid="directory-count"]');
  const status = () => popup.tab.text(`${DIRECTORY} [role="status"]`);
  /** Opens "Create a user", unless an earlier step left it open (the form stays open after a user is created). */
  const openCreateForm = async () => {
    if ((await popup.tab.count(`${DIRECTORY} details.directory-create[open]`)) === 0) await popup.tab.clickSummary('Create a user', IN_DIRECTORY);
    await popup.tab.waitFor('#new-user-uid');
  };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    extension = await launchExtension(name);
    popup = new Popup(await extension.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.loginAsTestUser('Nancy Grace', 'cometchat-uid-3');
    await popup.tab.waitFor('[data-testid="current-user"]', 'Nancy Grace');
    await popup.tab.click('Users');
  });

  afterEach(reportConsoleOnFailure(() => extension));
  // What the popup showed when a step failed. (A rare failure under load, "Create user" pressed to no effect, was a
  // list refresh disabling the button between the driver's check and its click; the refresh no longer does.)
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') console.error(`Popup text:\n${await popup?.tab.text('body').catch((error: unknown) => String(error))}`);
  });

  afterAll(async () => {
    await extension?.close();
    await emulator?.close();
  });

  it("should list the app's users and log in as one found by a search", async () => {
    await expect.poll(count).toBe('5 users');

    await popup.tab.fill('Search users', 'geo');
    await expect.poll(count).toBe('1 user matching “geo”');
    const searched = emulator.requestLog.filter((entry) => entry.method === 'GET' && entry.route === 'users');
    expect(searched.length).toBeGreaterThan(0);
    await popup.tab.click('Log in the extension as George Alan (cometchat-uid-2)');

    await expect.poll(status).toBe('The extension is now logged in as George Alan (cometchat-uid-2).');
  });

  it('should search the directory and log in as a user found there', async () => {
    // The search above still stands: empty it to list the whole app again.
    await popup.tab.fill('Search users', '');
    await expect.poll(count).toBe('5 users');

    await popup.tab.fill('Search users', 'susan');
    await expect.poll(count).toBe('1 user matching “susan”');
    await popup.tab.click('Log in the extension as Susan Marie (cometchat-uid-4)');

    await expect.poll(status).toBe('The extension is now logged in as Susan Marie (cometchat-uid-4).');
  });

  it("should show CometChat's message next to a field it refuses, and create a user the search then finds", async () => {
    await openCreateForm();
    await popup.tab.fill('UID', 'has space', IN_DIRECTORY);
    await popup.tab.fill('Name', 'QA Tester', IN_DIRECTORY);
    await popup.tab.click('Create user');
    await expect.poll(() => popup.tab.text(`${DIRECTORY} .field-error`)).toMatch(/uid/i);
    // Once, by its field, as a sentence: no second red box with the same message as JSON.
    expect(await popup.tab.count(`${DIRECTORY} [data-testid="error"]`)).toBe(0);
    expect(await popup.tab.text(`${DIRECTORY} .field-error`)).not.toMatch(/[[{]/);

    await popup.tab.fill('UID', 'qa-tester-1', IN_DIRECTORY);
    await popup.tab.click('Create user');

    await expect.poll(status).toBe('Created QA Tester (qa-tester-1).');
    await expect.poll(count).toBe('1 user matching “qa-tester-1”');
    expect(await popup.tab.text(DIRECTORY)).toContain('QA Tester');
    await popup.tab.screenshot(`${name}-popup-directory`);
  });

  it('should show a refused field once, by the field, as a sentence', async () => {
    await openCreateForm();
    await popup.tab.fill('UID', 'has space', IN_DIRECTORY);
    await popup.tab.fill('Name', '', IN_DIRECTORY);
    await popup.tab.click('Create user');

    await expect.poll(() => popup.tab.text('#new-user-uid-error')).toBe('The uid may only contain letters, numbers, dashes and underscores.');
    expect(await popup.tab.text('#new-user-name-error')).toBe('The name field is required.');
    expect(await popup.tab.count(`${DIRECTORY} [data-testid="error"]`)).toBe(0);
  });

  it('should create a user and find it', async () => {
    await popup.tab.fill('UID', 'another-tester-1', IN_DIRECTORY);
    await popup.tab.fill('Name', 'Another Tester', IN_DIRECTORY);
    await popup.tab.click('Create user');

    await expect.poll(status).toBe('Created Another Tester (another-tester-1).');
    await expect.poll(count).toBe('1 user matching “another-tester-1”');
    expect(await popup.tab.text(DIRECTORY)).toContain('Another Tester');
  });

  it('should say by the Name field that a name is missing, and show no other error', async () => {
    await popup.tab.fill('UID', 'no-name-1', IN_DIRECTORY);
    await popup.tab.fill('Name', '', IN_DIRECTORY);
    await popup.tab.click('Create user');

    await expect.poll(() => popup.tab.attribute('#new-user-name', 'aria-invalid')).toBe('true');
    expect(await popup.tab.text('label[for="new-user-name"]')).toBe('Name');
    expect(await popup.tab.text('#new-user-name-error')).toBe('The name field is required.');
    expect(await popup.tab.count('#new-user-uid-error')).toBe(0);
    expect(await popup.tab.count(`${DIRECTORY} [data-testid="error"]`)).toBe(0);
  });

  it('should keep "Create user" enabled and a field\'s error shown while the list refreshes', async () => {
    const listings = () => emulator.requestLog.filter((entry) => entry.method === 'GET' && entry.route === 'users').length;
    // A refresh that takes two seconds: the list is loading all through the steps below.
    emulator.setFault({ method: 'GET', route: 'users', kind: 'delay', delayMs: 2_000 });
    try {
      const before = listings();
      await popup.tab.fill('Search users', 'tester');
      await expect.poll(listings).toBeGreaterThan(before);

      expect(await popup.tab.attribute(`${DIRECTORY} .directory-create button[type="submit"]`, 'disabled')).toBeNull();
      await popup.tab.fill('UID', 'qa-tester-1', IN_DIRECTORY);
      await popup.tab.fill('Name', 'QA Tester', IN_DIRECTORY);
      await popup.tab.click('Create user');
      await expect.poll(() => popup.tab.text('#new-user-uid-error')).toMatch(/already exists/i);

      // A refresh started after CometChat refused the uid: the uid is still taken, and the form still says so.
      await popup.tab.fill('Search users', 'qa');
      await expect.poll(listings).toBe(before + 2);
    } finally {
      emulator.clearFaults();
    }
    await expect.poll(count, { timeout: 10_000 }).toBe('1 user matching “qa”');
    expect(await popup.tab.text('#new-user-uid-error')).toMatch(/already exists/i);
  });

  it('should create the test users the app lacks', async () => {
    expect(await popup.tab.count('.directory-test-users'), 'offered while the app has all five').toBe(0);
    expect(await deleteUserForGood(emulator, 'cometchat-uid-1')).toBe(200);
    await popup.tab.fill('Search users', '');
    await expect.poll(() => popup.tab.text('.directory-test-users')).toContain('The app lacks cometchat-uid-1.');

    await popup.tab.click('Create the five test users the app lacks');

    await expect.poll(status).toBe('Created cometchat-uid-1; the app had 4 already.');
  });

  it('should offer to create the test users the app lacks when a tile fails with ERR_UID_NOT_FOUND, then log in', async () => {
    expect(await deleteUserForGood(emulator, 'cometchat-uid-5')).toBe(200);
    await popup.tab.click('Done', IN_DIRECTORY);

    await popup.loginAsTestUser('John Paul', 'cometchat-uid-5');
    await expect.poll(() => popup.error()).toContain('ERR_UID_NOT_FOUND');
    await popup.tab.click('Create the five test users');
    await expect.poll(() => popup.tab.countButtons('Create the five test users')).toBe(0);
    await popup.loginAsTestUser('John Paul', 'cometchat-uid-5');

    await expect.poll(() => popup.currentUser()).toContain('John Paul');
    await popup.tab.click('Users');
    // The five test users and the two created above (qa-tester-1, another-tester-1).
    await expect.poll(count).toBe('7 users');
    // The app has all five again: the directory no longer offers to create them.
    expect(await popup.tab.countButtons('Create the five test users the app lacks')).toBe(0);
  });
});
