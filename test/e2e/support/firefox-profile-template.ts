import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Firefox profile that has started once (see below); each launch starts from a copy of it. */
    firefoxProfileTemplate: string;
  }
}

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Global setup of the suites that launch Firefox: starts Firefox once in an empty profile and keeps that profile as a
 * template. Firefox's first start in a profile builds its databases and caches (2.2–3 s on a 2-core machine); a copy of
 * a profile that has started once starts in 1.1 s. The template holds nothing of the extension's (it is installed after
 * each launch) and nothing a test chose: every launch's own preferences are written over it (`user.js`).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const template = mkdtempSync(join(tmpdir(), 'cc-e2e-firefox-template-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: template,
    args: ['--remote-allow-system-access'],
  });
  await browser.close();
  project.provide('firefoxProfileTemplate', template);
  return () => rmSync(template, { recursive: true, force: true });
}
