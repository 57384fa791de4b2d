import type { Emulator } from '@/emulator';

/**
 * Deletes `uid` for good through the emulator's REST API, as an app's server would (plain http emulators only: Node's
 * fetch does not trust the TLS one's certificate). Resolves with the HTTP status.
 */
export async function deleteUserForGood(emulator: Emulator, uid: string): Promise<number> {
  const reply = await fetch(`${emulator.url}/v3/users/${uid}`, {
    method: 'DELETE',
    headers: { appid: emulator.appId, apikey: emulator.restApiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ permanent: true }),
  });
  return reply.status;
}
