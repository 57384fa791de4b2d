import { describe, expect, it } from 'vitest';
import { grantableSite, isSitePattern, sitePattern } from '@/lib/sites';

describe('site access patterns', () => {
  it.each([
    ['http://127.0.0.1:5173', 'http://127.0.0.1/*'],
    ['https://app.example.com', 'https://app.example.com/*'],
    ['https://app.example.com:8443/path?q=1#x', 'https://app.example.com/*'],
    ['http://[::1]:3000', 'http://[::1]/*'],
    ['http://localhost:3000', 'http://localhost/*'],
  ])('should ask for one port-less site for %s', (origin, pattern) => {
    expect(sitePattern(origin)).toBe(pattern);
  });

  it.each([
    ['a wildcard host', 'https://*'],
    ['a wildcard subdomain', 'https://*.example.com'],
    ['a wildcard inside a host', 'http://app*.example.com'],
    ['a wildcard as Chromium parses it', 'https://%2A'],
    ['a file page', 'file:///home/tester/app.html'],
    ['an opaque origin', 'null'],
    ['a browser page', 'chrome://extensions'],
    ['a wildcard scheme', '*://example.com'],
    ['every site', '*://*'],
    ['nothing', ''],
  ])('should refuse to build a request for %s', (_name, origin) => {
    expect(grantableSite(origin)).toBeNull();
    expect(() => sitePattern(origin)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_SITE' }));
  });

  it.each([
    ['http://127.0.0.1/*', true],
    ['https://app.example.com/*', true],
    ['https://*/*', false],
    ['http://*/*', false],
    ['https://*.example.com/*', false],
    ['*://*/*', false],
    ['<all_urls>', false],
  ])('should tell a one-site grant from a wider one: %s', (pattern, isOneSite) => {
    expect(isSitePattern(pattern)).toBe(isOneSite);
  });
});
