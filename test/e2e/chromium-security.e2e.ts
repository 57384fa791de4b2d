import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startEmulator, type Emulator } from '@/emulator';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { PanelPage } from './support/panel-page';
import { CHROME_BUILD, FIREFOX_BUILD } from './support/paths';
import { PopupPage } from './support/popup-page';

const HOSTILE = {
  uid: 'mallory',
  name: '<img src=x onerror="window.__pwned=\'name\'">Mallory',
  statusMessage: '<script>window.__pwned="status"</script>',
  avatar: 'javascript:window.__pwned="avatar"',
  link: 'javascript:window.__pwned="link"',
  metadata: { bio: '<svg onload="window.__pwned=\'metadata\'"></svg>' },
};

/** What a hostile server, a hostile user record and a hostile web page can make the extension do: nothing. */
describe('security in Chromium', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  let panel: PanelPage;

  const pwned = (page: Page) => page.evaluate(() => (window as any).__pwned ?? null);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    await fetch(`${emulator.url}/v3.0/users`, {
      method: 'POST',
      headers: { appid: emulator.appId, apikey: emulator.restApiKey, 'content-type': 'application/json' },
      body: JSON.stringify(HOSTILE),
    });
    browser = await launchChromiumWithExtension();
    popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    panel = new PanelPage(await browser.openPage('devtools-panel.html', { width: 1000, height: 900 }));
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('should show a user whose fields carry markup as inert text, in popup and panel', async () => {
    await popup.loginWithUid('mallory');

    await expect.poll(() => popup.currentUser.textContent()).toContain(HOSTILE.name);
    await expect.poll(() => panel.currentUser.textContent()).toContain(HOSTILE.statusMessage);
    for (const page of [popup.page, panel.page]) {
      expect(await pwned(page)).toBeNull();
      expect(await page.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
      expect(await page.locator('img[src^="javascript:"], a[href^="javascript:"]').count()).toBe(0);
    }
    await popup.screenshot('popup-hostile-user');
  });

  it('should not let a web page talk to the extension', async () => {
    await popup.loginWithUid('mallory');
    await expect.poll(() => popup.currentUser.textContent()).toContain('Mallory');
    const before = await panel.eventCountCaughtUp();
    const page = await browser.context.newPage();
    await page.goto(`${emulator.url}/a-hostile-page`);

    const attempts = await page.evaluate(async (extensionId) => {
      const runtime = (window as any).chrome?.runtime;
      const results: string[] = [`runtime.sendMessage: ${typeof runtime?.sendMessage}`, `runtime.connect: ${typeof runtime?.connect}`];
      try {
        await runtime?.sendMessage?.(extensionId, { kind: 'request', id: 1, request: { type: 'logout' } });
      } catch (error) {
        results.push(`sendMessage threw: ${(error as Error).message}`);
      }
      // Proof the message was posted (it reaches the page itself); no content script exists to carry it further.
      const delivered = new Promise<string>((resolve) => window.addEventListener('message', () => resolve('postMessage delivered'), { once: true }));
      window.postMessage({ kind: 'request', id: 2, request: { type: 'logout' } }, '*');
      results.push(await delivered);
      return results;
    }, browser.extensionId);
    // A barrier instead of a pause: one real login after the attempts. The background runs commands one at a time,
    // so a logout that had got through would show in the timeline before this login, or log George Alan out after it.
    await popup.loginAsTestUser('George Alan');

    expect(attempts).toEqual(['runtime.sendMessage: undefined', 'runtime.connect: undefined', 'postMessage delivered']);
    await expect.poll(() => panel.eventCount.textContent()).toBe(`${before + 1} events`);
    expect((await panel.eventTypes()).at(-1)).toBe('loginSuccess cometchat-uid-2');
    expect(await popup.currentUser.textContent()).toContain('George Alan');
    await page.close();
  });

  it('should ship no externally_connectable, no web-accessible resources, no content scripts, and no site access until allowed', () => {
    const manifest = JSON.parse(readFileSync(resolve(CHROME_BUILD, 'manifest.json'), 'utf8'));

    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources ?? []).toEqual([]);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.permissions).toEqual(['activeTab', 'scripting']);
    // CometChat's API hosts only: no page of any other site until the tester allows it, one site at a time.
    expect(manifest.host_permissions).toEqual(['https://*.cometchat.io/*']);
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    const firefox = JSON.parse(readFileSync(resolve(FIREFOX_BUILD, 'manifest.json'), 'utf8'));
    expect(firefox.permissions).toEqual(['activeTab', 'scripting', 'https://*.cometchat.io/*']);
    expect(firefox.optional_permissions).toEqual(['http://*/*', 'https://*/*']);
  });

  it('should not write a token, jwt or key to any console of the extension, even when a token is copied', async () => {
    await popup.loginAsTestUser('George Alan');
    await expect.poll(() => popup.currentUser.textContent()).toContain('George Alan');
    // Headless Chromium refuses clipboard permissions to extension origins: record what the popup copies instead.
    await popup.page.evaluate(() => {
      navigator.clipboard.writeText = async (text: string) => void ((window as any).__copied = text);
    });

    await popup.page.getByRole('button', { name: 'Copy token' }).click();

    await expect.poll(() => popup.page.getByRole('button', { name: 'Copied' }).count()).toBe(1);
    const copied: string = await popup.page.evaluate(() => (window as any).__copied ?? '');
    expect(copied.startsWith('cometchat-uid-2_'), 'the clipboard holds the unmasked token').toBe(true);
    expect(browser.consoleMessages().filter((message) => /_\d{10}[0-9a-f]{30}|eyJ|auth-key/.test(message))).toEqual([]);
    expect(browser.consoleMessages().filter((message) => message.includes(copied))).toEqual([]);
  });
});
