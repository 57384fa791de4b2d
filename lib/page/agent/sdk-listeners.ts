import type { AgentState } from './agent-state';
import { quietly } from './patching';

/** The id of the agent's listeners on the global SDK. */
export const SDK_LISTENER_ID = '__cometchat_inspector';

/** The part of the global `CometChat` the agent uses; anything may be missing on a page's own `CometChat`. */
interface GlobalSdk {
  getVersion?: () => unknown;
  addLoginListener?: (id: string, listener: unknown) => void;
  addConnectionListener?: (id: string, listener: unknown) => void;
  LoginListener?: new (handlers: object) => unknown;
  ConnectionListener?: new (handlers: object) => unknown;
}

type Details = (value: unknown) => { uid?: string; code?: string };
const none: Details = () => ({});
const codeOf: Details = (error) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? { code } : {};
};
const uidOf: Details = (user) => {
  const found = user as { uid?: unknown; getUid?: () => unknown } | null;
  const uid = typeof found?.getUid === 'function' ? found.getUid() : found?.uid;
  return typeof uid === 'string' ? { uid } : {};
};
/** The methods of the SDK's listeners, each with what it reports besides its name: the user of a login, a failure's code. */
const LISTENER_METHODS = {
  login: { loginSuccess: uidOf, loginFailure: codeOf, logoutSuccess: none, logoutFailure: codeOf },
  connection: { onConnected: none, inConnecting: none, onDisconnected: none },
};

/**
 * Looks for the SDK's global (`window.CometChat`, which the SDK sets during `init`; a bundled app may have none) and,
 * the first time it is there once CometChat traffic was seen (so after `init`), adds the agent's `LoginListener` and
 * `ConnectionListener`. Returns the look, to call on each CometChat REST reply or socket event (`hasTraffic`) and on
 * `load`. 4.2.0 has no `getVersion`: its version comes from the `sdk` request header; a later SDK may have one.
 */
export function watchGlobalSdk(win: Window & typeof globalThis, agent: AgentState): (hasTraffic: boolean) => void {
  let isListening = false;
  const handlers = (listener: keyof typeof LISTENER_METHODS) =>
    Object.fromEntries(
      Object.entries(LISTENER_METHODS[listener]).map(([event, details]) => [
        event,
        (value: unknown) => quietly(() => agent.emit({ kind: 'listener', listener, event, ...quietly(() => details(value)) })),
      ]),
    );

  const listen = (sdk: GlobalSdk) => {
    sdk.addLoginListener!(SDK_LISTENER_ID, new sdk.LoginListener!(handlers('login')));
    sdk.addConnectionListener!(SDK_LISTENER_ID, new sdk.ConnectionListener!(handlers('connection')));
  };

  return (hasTraffic) =>
    quietly(() => {
      const sdk = (win as unknown as { CometChat?: GlobalSdk }).CometChat;
      if ((typeof sdk !== 'object' && typeof sdk !== 'function') || sdk === null) return;
      agent.hasGlobalSdk = true;
      const version = quietly(() => sdk.getVersion?.());
      if (agent.sdkVersion === null && typeof version === 'string') agent.sdkVersion = version.includes('@') ? version : `javascript@${version}`;
      if (!hasTraffic || isListening) return;
      isListening = true;
      listen(sdk);
    });
}
