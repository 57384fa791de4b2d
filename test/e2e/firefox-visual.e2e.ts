import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { FirefoxPopupPage } from './support/firefox-popup-page';
import { expectScreenToMatchBaseline } from './support/visual-baseline';
import { avatarsSettled, seedVisualDatabase, visualSeed } from './support/visual-state';

/**
 * The popup in Firefox ESR compared pixel by pixel with test/e2e/baselines/firefox: set-up form, logged out, logged in,
 * with the fixed content of visual-state.ts. One launch per colour scheme: Firefox takes it as a pref at start-up.
 */
describe.each(['light', 'dark'] as const)('what the popup looks like in a Firefox that prefers %s', (scheme) => {
  let firefox: FirefoxWithExtension;
  let popup: FirefoxPopupPage;

  beforeAll(async () => {
    firefox = await launchFirefoxWithExtension({ colorScheme: scheme });
    popup = new FirefoxPopupPage(await firefox.openPage('popup.html', { width: 380, height: 200 }));
  });

  afterAll(async () => {
    await firefox?.close();
  });

  async function expectScreen(screen: string): Promise<void> {
    // Offline, a test user's picture fails to load and the tile shows initials; wait until each one has settled.
    await popup.page.waitForFunction(avatarsSettled, { timeout: 10_000 });
    const png = Buffer.from(await popup.page.screenshot({ fullPage: true }));
    expectScreenToMatchBaseline('firefox', `${screen}-${scheme}`, png);
  }

  /** Writes the fixed content and reloads the popup (Firefox's reload resolves late, as its first load does). */
  async function seedAndReload(withSessions: boolean): Promise<void> {
    await popup.page.evaluate(seedVisualDatabase, visualSeed(withSessions));
    popup.page.reload().catch(() => undefined);
    await popup.page.waitForFunction(() => document.readyState === 'complete' && document.querySelector('[data-testid="current-user"]') !== null, {
      timeout: 10_000,
    });
  }

  it('should show the set-up form as the baseline does', async () => {
    await popup.page.waitForFunction(() => document.body.textContent?.includes('Use the local emulator'), { timeout: 10_000 });

    await expectScreen('popup-setup');
  });

  it('should show the logged-out popup as the baseline does', async () => {
    await seedAndReload(false);

    await expect.poll(() => popup.currentUser()).toContain('No user logged in.');
    await expectScreen('popup-logged-out');
  });

  it('should show the logged-in popup as the baseline does', async () => {
    await seedAndReload(true);

    await expect.poll(() => popup.currentUser()).toContain('Nancy Grace');
    await expectScreen('popup-logged-in');
  });
});
