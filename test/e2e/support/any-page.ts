import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

/**
 * An extension page of either driver: Playwright's (Chromium) or Puppeteer's over WebDriver BiDi (Firefox). The
 * reliability helpers (protocol driver, database reads, view states) only evaluate functions in a page, which both do
 * alike: the function's source is sent with one JSON argument, and the promise it returns is awaited.
 */
export type AnyPage = PlaywrightPage | PuppeteerPage;

/** Runs `fn(arg)` in `page` and resolves to its (JSON-shaped) result. */
export function evaluateIn<R, A = undefined>(page: AnyPage, fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  return (page as unknown as { evaluate(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> }).evaluate(fn, arg);
}
