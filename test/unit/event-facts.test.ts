import { describe, expect, it } from 'vitest';
import { eventAsJson, isFailure, measuredDuration, methodOf, sourceWords, tabDescription, tabLabel } from '@/lib/event-facts';
import { maskSecret } from '@/lib/mask';
import type { AuthEvent } from '@/lib/protocol';
import { englishWords } from './support/english-messages';

const TOKEN = 'cometchat-uid-3_1795000000abcdefabcdefabcdefabcdefabcdef';

const event = (change: Partial<AuthEvent> = {}): AuthEvent => ({
  seq: 1,
  at: 1_700_000_000_042,
  type: 'loginSuccess',
  appId: 'app-1',
  uid: 'cometchat-uid-1',
  source: 'popup',
  durationMs: 120,
  ...change,
});
const app = (activity: AuthEvent['activity'], change: Partial<AuthEvent> = {}) =>
  event({
    type: 'pageActivity',
    target: 'app',
    source: 'page-agent',
    durationMs: 0,
    activity,
    tabId: 1665040218,
    pageOrigin: 'http://shop.test',
    ...change,
  });

describe('what an event means', () => {
  it.each([
    ["the extension's failed login", event({ type: 'loginFailure' }), true],
    ["the extension's failed logout", event({ type: 'logoutFailure' }), true],
    ["the app's 404", app({ kind: 'rest', method: 'POST', endpoint: 'users/ghost/auth_tokens', status: 404, durationMs: 9 }), true],
    ["the app's call that got no reply", app({ kind: 'rest', method: 'GET', endpoint: 'me', status: 0, durationMs: 9 }), true],
    [
      "the app's call answered with an error code",
      app({ kind: 'rest', method: 'GET', endpoint: 'me', status: 200, code: 'ERR_X', durationMs: 9 }),
      true,
    ],
    ["the app's refused WebSocket", app({ kind: 'socket', state: 'refused' }), true],
    ["the app's LoginListener loginFailure", app({ kind: 'listener', listener: 'login', event: 'loginFailure' }), true],
    ["the extension's login", event(), false],
    ["the app's 200", app({ kind: 'rest', method: 'PUT', endpoint: 'me', status: 200, durationMs: 9 }), false],
    ["the app's own login", app({ kind: 'storage', appId: 'app-1', uid: 'cometchat-uid-1' }), false],
  ])('should say whether %s failed', (_name, given, failed) => {
    expect(isFailure(given)).toBe(failed);
  });

  it.each([
    ["the extension's login", event({ durationMs: 120 }), 120],
    ['a page operation that took no time at all (still measured)', event({ target: 'page', durationMs: 0 }), 0],
    ["the app's REST call, as the agent timed it", app({ kind: 'rest', method: 'GET', endpoint: 'me', status: 200, durationMs: 37 }), 37],
    ["the app's own login (a moment, not measured)", app({ kind: 'storage', appId: 'app-1', uid: 'cometchat-uid-1' }), null],
    ["the app's WebSocket change", app({ kind: 'socket', state: 'open' }), null],
  ])('should give the duration of %s only when measured', (_name, given, duration) => {
    expect(measuredDuration(given)).toBe(duration);
  });

  it.each([
    ['page-agent', app({ kind: 'start' }), 'the page'],
    ['popup', event(), 'the extension (popup)'],
    ['keyboard', event({ source: 'keyboard' }), 'the extension (keyboard shortcut)'],
    ['of a view this version does not know', event({ source: 'options' }), 'the extension (options)'],
  ])('should name the source %s in plain words', (_name, given, words) => {
    expect(sourceWords(given, englishWords)).toBe(words);
  });

  it('should name the tab a row came from by its title and a short id, and in details by its title and origin', () => {
    const given = app({ kind: 'start' });
    const tab = { title: 'Shop', origin: 'http://shop.test' };

    expect(tabLabel(given, tab, englishWords)).toEqual({ name: 'Shop', shortId: 'tab …0218' });
    expect(tabDescription(given, tab, englishWords)).toBe('Shop (http://shop.test)');
    expect(tabLabel(given, undefined, englishWords), 'a closed tab: the origin it reported from').toEqual({
      name: 'http://shop.test',
      shortId: 'tab …0218',
    });
    expect(tabLabel(event(), tab, englishWords), "the extension's own session: no tab").toBeNull();
  });

  it('should name the method the request used, not a dash, for an app call', () => {
    expect(methodOf(app({ kind: 'rest', method: 'GET', endpoint: 'me', status: 200, durationMs: 1 }))).toBe('GET');
    expect(methodOf(event({ method: 'authKey' }))).toBe('authKey');
    expect(methodOf(app({ kind: 'start' }))).toBeNull();
  });

  it('should copy the whole event as JSON with its tokens masked as the panel shows them', () => {
    const failed = event({
      type: 'loginFailure',
      error: { code: 'ERR', message: `The auth token ${TOKEN} does not exist`, details: { token: TOKEN } },
    });

    const copied = eventAsJson(failed);

    expect(copied).not.toContain(TOKEN);
    expect(copied).toContain(maskSecret(TOKEN));
    expect(JSON.parse(copied)).toMatchObject({ seq: 1, type: 'loginFailure', error: { code: 'ERR' } });
  });
});
