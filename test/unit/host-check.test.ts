import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_HOST_CHECK_TIMEOUT_MS, checkApiHost } from '@/lib/cometchat/host-check';

const ENDPOINT = { appId: 'app-1', region: 'eu', apiHost: 'http://127.0.0.1:7717' };
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('checking that a CometChat API answers at an API host', () => {
  afterEach(() => vi.useRealTimers());

  it.each([
    ["CometChat's error for a call without a token", json({ error: { code: 'AUTH_ERR_EMPTY_AUTH_TOKEN', message: 'empty', details: {} } }, 401)],
    ['a CometChat data envelope', json({ data: { uid: 'x' } })],
  ])('should accept a host that answers with %s', async (_name, reply) => {
    const fetch = vi.fn(() => Promise.resolve(reply));

    await expect(checkApiHost(ENDPOINT, { fetch })).resolves.toBeUndefined();
  });

  it("should ask the host's `me` without any Auth Key or token", async () => {
    const fetch = vi.fn((_url: string | URL | Request, _init?: RequestInit) =>
      Promise.resolve(json({ error: { code: 'AUTH_ERR_EMPTY_AUTH_TOKEN' } })),
    );

    await checkApiHost(ENDPOINT, { fetch });

    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://127.0.0.1:7717/me');
    expect(Object.keys(init?.headers ?? {}).map((name) => name.toLowerCase())).not.toEqual(expect.arrayContaining(['apikey']));
    expect(Object.keys(init?.headers ?? {}).map((name) => name.toLowerCase())).not.toContain('authtoken');
  });

  it.each([
    ['a refused connection', () => Promise.reject(new TypeError('Failed to fetch')), 'Could not connect to http://127.0.0.1:7717.'],
    [
      'a web server that is not CometChat',
      () => Promise.resolve(new Response('<html>Not found</html>', { status: 404 })),
      'http://127.0.0.1:7717 answered (HTTP 404), but not as a CometChat API does.',
    ],
    ['JSON that is no CometChat envelope', () => Promise.resolve(json({ hello: 'world' })), 'answered (HTTP 200), but not as a CometChat API does.'],
  ])('should refuse %s with ERR_API_HOST_UNREACHABLE, said by the API host field', async (_name, reply, reason) => {
    const fetch = vi.fn(reply);

    const refused = checkApiHost(ENDPOINT, { fetch });

    await expect(refused).rejects.toMatchObject({ code: 'ERR_API_HOST_UNREACHABLE', details: { apiHost: [expect.stringContaining(reason)] } });
    await expect(refused).rejects.toMatchObject({ message: expect.stringContaining('No CometChat API answered at this API host.') });
  });

  it('should give up on a host that does not answer within 3 s', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn(
      (_url: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    );

    const refused = checkApiHost(ENDPOINT, { fetch });
    const settled = expect(refused).rejects.toMatchObject({
      code: 'ERR_API_HOST_UNREACHABLE',
      details: { apiHost: ['Nothing answered at http://127.0.0.1:7717 within 3 s.'] },
    });
    await vi.advanceTimersByTimeAsync(API_HOST_CHECK_TIMEOUT_MS);

    await settled;
    expect(API_HOST_CHECK_TIMEOUT_MS).toBeLessThanOrEqual(3_000);
  });
});
