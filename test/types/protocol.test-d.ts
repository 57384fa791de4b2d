/**
 * Type tests: they pin the protocol map, so a request without a handler, a handler with the wrong reply,
 * or a view sending the wrong parameters fails `npm run typecheck`, which compiles this file: a broken expectation is a compile error.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { Handlers, RoutedType } from '@/lib/background/router';
import type { CometChatUser } from '@/lib/cometchat/user';
import type { AuthEvent, DirectoryPage, RequestMap, RequestType, SessionCheckReport, Subscription, TestUsersOutcome } from '@/lib/protocol';
import type { SessionClient } from '@/lib/session-client';
import type { WireEvent } from '@/lib/store/events';

declare const client: SessionClient;
declare const handlers: Handlers;

describe('the protocol map', () => {
  it('should route every request type but subscribe, which the hub answers', () => {
    expectTypeOf<RoutedType>().toEqualTypeOf<Exclude<RequestType, 'subscribe'>>();
    expectTypeOf<keyof Handlers>().toEqualTypeOf<RoutedType>();
  });

  it('should refuse a router that lacks a handler', () => {
    const { login: _login, ...withoutLogin } = handlers;
    // @ts-expect-error: `login` has no handler
    const incomplete: Handlers = withoutLogin;
    expectTypeOf(incomplete).toEqualTypeOf<Handlers>();
  });

  it('should refuse a handler whose reply is not the request result', () => {
    // @ts-expect-error: login answers the user, not a uid
    const wrong: Handlers['login'] = async () => 'cometchat-uid-1';
    expectTypeOf(wrong).returns.resolves.toEqualTypeOf<CometChatUser>();
  });

  it('should give views the result type of each request', () => {
    expectTypeOf(client.request('login', { uid: 'cometchat-uid-1' })).resolves.toEqualTypeOf<CometChatUser>();
    expectTypeOf(client.request('getEvents', { query: { newest: 100 } })).resolves.toEqualTypeOf<AuthEvent[]>();
    expectTypeOf(client.request('subscribe', { afterSeq: null, epoch: null })).resolves.toEqualTypeOf<Subscription>();
    expectTypeOf<RequestMap['logout']['result']>().toEqualTypeOf<null>();
    expectTypeOf(client.request('login', { uid: 'cometchat-uid-1', fresh: true })).resolves.toEqualTypeOf<CometChatUser>();
    expectTypeOf(client.request('forgetSession', { uid: 'cometchat-uid-1', revoke: true })).resolves.toEqualTypeOf<{ revoked: boolean | null }>();
    expectTypeOf(client.request('checkSessions', { throttled: true })).resolves.toEqualTypeOf<SessionCheckReport>();
    expectTypeOf(client.request('listUsers', { search: 'nancy', page: 2 })).resolves.toEqualTypeOf<DirectoryPage>();
    expectTypeOf(client.request('createUser', { uid: 'tester-1', name: 'Tess' })).resolves.toEqualTypeOf<CometChatUser>();
    expectTypeOf(client.request('createTestUsers', {})).resolves.toEqualTypeOf<TestUsersOutcome>();
  });

  it('should refuse a createUser without a name', () => {
    // @ts-expect-error: `name` is required
    void client.request('createUser', { uid: 'tester-1' });
  });

  it('should refuse a request with missing or unknown parameters', () => {
    // @ts-expect-error: login needs a uid
    void client.request('login', {});
    // @ts-expect-error: logout takes no parameters
    void client.request('logout', { uid: 'cometchat-uid-1' });
    // @ts-expect-error: fresh is a boolean
    void client.request('login', { uid: 'cometchat-uid-1', fresh: 'yes' });
    // @ts-expect-error: no such request
    void client.request('dropDatabase', {});
  });
});

describe('the stored event and the wire event', () => {
  it('should be one shape: the store hands out what views get, field for field', () => {
    expectTypeOf<Required<WireEvent>>().toEqualTypeOf<Required<AuthEvent>>();
  });
});
