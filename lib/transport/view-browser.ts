import type { browser } from 'wxt/browser';

/**
 * The browser's own extension API for the popup and the panel: Firefox's `browser`, Chrome's `chrome`. Both answer
 * every call the views make (ports, tabs, permissions) with a promise, so the views skip webextension-polyfill (3 kB
 * gzip of the popup's 20 kB budget), as the page relay does; the background keeps it. Typed as `wxt/browser`.
 */
export const viewBrowser = ((globalThis as { browser?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome) as typeof browser;
