import { ERROR_CODES, ERROR_REGISTRY } from './error-codes';
import { CometChatException } from './exception';
import { apiBaseUrls, type AppEndpoint } from './hosts';

/** Long enough for a server on another continent, short enough that the first-run form does not seem stuck. */
export const API_HOST_CHECK_TIMEOUT_MS = 3_000;

export interface ApiHostCheckOptions {
  /** Injected for tests; defaults to the global `fetch`. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Resolves when a CometChat API answers at `endpoint`'s API host; else throws `ERR_API_HOST_UNREACHABLE`, its
 * message by the form's API host field (`details.apiHost`). It asks `GET me` with no token, which needs no
 * credentials: any CometChat envelope (`{data}` or `{error}`, here `AUTH_ERR_EMPTY_AUTH_TOKEN`) means the host answers;
 * a refused connection, a timeout or a reply that is not CometChat's JSON (a web server at the wrong port) does not.
 * No Auth Key or token is sent to a host not yet known to be the tester's.
 */
export async function checkApiHost(
  endpoint: AppEndpoint,
  { fetch: doFetch = (input, init) => fetch(input, init), timeoutMs = API_HOST_CHECK_TIMEOUT_MS }: ApiHostCheckOptions = {},
): Promise<void> {
  const url = `${apiBaseUrls(endpoint).client}me`;
  const host = endpoint.apiHost ?? url;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let reason: string;
  try {
    const response = await doFetch(url, { method: 'GET', headers: { appId: endpoint.appId, Accept: 'application/json' }, signal: abort.signal });
    // An envelope is a few hundred bytes; a page of HTML or a stream is not CometChat, whatever its size.
    const text = (await response.text()).slice(0, 64 * 1024);
    if (isEnvelope(text)) return;
    reason = `${host} answered (HTTP ${response.status}), but not as a CometChat API does.`;
  } catch {
    reason = abort.signal.aborted ? `Nothing answered at ${host} within ${timeoutMs / 1000} s.` : `Could not connect to ${host}.`;
  } finally {
    clearTimeout(timer);
  }
  throw new CometChatException({
    code: ERROR_CODES.ERR_API_HOST_UNREACHABLE,
    message: `${ERROR_REGISTRY.ERR_API_HOST_UNREACHABLE.message} ${reason}`,
    details: { apiHost: [reason] },
  });
}

/** `{"data": …}` or `{"error": {…}}`: what every CometChat endpoint answers (protocol doc §3). */
function isEnvelope(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return false;
    const { data, error } = parsed as { data?: unknown; error?: unknown };
    return data !== undefined || (typeof error === 'object' && error !== null);
  } catch {
    return false;
  }
}
