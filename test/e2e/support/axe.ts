import { createRequire } from 'node:module';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe over the document and keeps the serious and critical violations: a script, so any driver can evaluate it. */
const RUN_AXE = `(async () => {
  const results = await window.axe.run(document, { resultTypes: ['violations'] });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
})()`;

/**
 * Runs axe-core in the page (Playwright's in Chromium, Puppeteer's in Firefox) and returns the serious and critical
 * violations. Injected as evaluated source (CDP or WebDriver BiDi), which extension pages' CSP does not block (a
 * script tag would be).
 */
export async function seriousViolations(page: PlaywrightPage | PuppeteerPage): Promise<AxeViolation[]> {
  // Both drivers evaluate a source string as a script and await the promise it ends in.
  const evaluate = <T>(source: string) => (page as unknown as { evaluate(source: string): Promise<T> }).evaluate(source);
  await evaluate(axeSource);
  return evaluate<AxeViolation[]>(RUN_AXE);
}
