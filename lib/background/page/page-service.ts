import { ERROR_CODES, ERROR_REGISTRY } from '../../cometchat/error-codes';
import { CometChatException, toCometChatError } from '../../cometchat/exception';
import type { CometChatSession } from '../../cometchat/user';
import type { PageSessionGrant, PageSessionTarget } from '../../protocol';
import type { StoredProfile } from '../../store/schema';
import type { BackgroundContext } from '../context';
import { requireAuthKey, type SessionService } from '../session-service';

/**
 * Sessions for inspected pages. The panel writes them into the page; the background only obtains and
 * checks them, and never changes the extension's own active session while doing so.
 */
export function createPageService(context: BackgroundContext, sessions: SessionService) {
  return {
    /**
     * A page never gets a token the extension holds: a uid, and a held session too, get a freshly minted
     * token (the page's own logout then ends the page's session only, never the extension's). A pasted
     * token goes to the page as pasted, checked with `PUT me`, which also returns a current jwt. `profile`: the active
     * app, where the caller has just read it.
     */
    async preparePageSession(target: PageSessionTarget, profile?: StoredProfile): Promise<PageSessionGrant> {
      profile ??= await context.requireProfile();
      const client = context.createClient(profile);
      let session: CometChatSession;
      if ('uid' in target) session = await client.login(String(target.uid).trim(), requireAuthKey(profile));
      else if ('heldUid' in target) session = await client.login((await sessions.requireHeld(String(target.heldUid))).uid, requireAuthKey(profile));
      else session = await client.loginWithAuthToken(String(target.authToken ?? '').trim());
      return { user: session.user, authToken: session.authToken, jwt: session.jwt, wsChannel: session.wsChannel, settings: session.settings };
    },

    /**
     * `DELETE me` for a token the page used, with the hosts of `profile` (the active app's by default); says whether
     * the server still knew it. A token the extension holds is never revoked this way: that would end the extension's
     * session behind its back.
     */
    async revokeAuthToken(authToken: string, profile?: StoredProfile): Promise<{ revoked: boolean }> {
      profile ??= await context.requireProfile();
      if (authToken && (await context.knownSecrets()).includes(authToken)) {
        throw new CometChatException({ code: ERROR_CODES.ERR_TOKEN_HELD, message: ERROR_REGISTRY.ERR_TOKEN_HELD.message, details: {} });
      }
      try {
        await context.createClient(profile).logout(String(authToken ?? ''));
        return { revoked: true };
      } catch (thrown) {
        if (toCometChatError(thrown).code !== ERROR_CODES.AUTH_ERR_AUTH_TOKEN_NOT_FOUND) throw thrown;
        return { revoked: false };
      }
    },
  };
}

export type PageService = ReturnType<typeof createPageService>;
