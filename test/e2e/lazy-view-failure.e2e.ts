import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchExtension, type ExtensionUnderTest } from './support/extension-driver';
import { CHROME_BUILD, FIREFOX_BUILD } from './support/paths';

/**
 * A lazy view's code can be gone when a page asks for it: the extension was updated or reloaded while the popup or the
 * panel stayed open, and the old page names chunks the new build no longer has. The view then says so in its place
 * (components/shared/lazy-view.tsx); until 2026-12-07 it showed "Loading…" for good. Here the set-up form's chunk is
 * taken out of a copy of the build before a first-run popup asks for it.
 */
describe.each(BROWSERS)('a view whose code is gone, in %s', (name) => {
  let extension: ExtensionUnderTest;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cc-lazy-view-'));
    cpSync(name === 'chromium' ? CHROME_BUILD : FIREFOX_BUILD, dir, { recursive: true });
    const chunks = join(dir, 'chunks');
    const setupForm = readdirSync(chunks).filter((file) => file.startsWith('SetupForm-'));
    expect(setupForm, "the set-up form's own chunk").toHaveLength(1);
    rmSync(join(chunks, setupForm[0]!));
    extension = await launchExtension(name, name === 'chromium' ? { chromium: { extensionDir: dir } } : { firefox: { extensionDir: dir } });
  });

  afterAll(async () => {
    await extension?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should say in its place that it could not load and how to get it back, not "Loading…"', async () => {
    const popup = await extension.openPage('popup.html');

    await expect
      .poll(() => popup.text('[role="alert"]'))
      .toBe('This view could not load: the extension was updated or reloaded while this page was open. Close it and open it again.');
    expect(await popup.text()).not.toContain('Loading…');
    await popup.screenshot(`${name}-popup-view-load-failed`);
  });
});
