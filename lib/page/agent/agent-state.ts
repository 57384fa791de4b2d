import type { AgentStatus, PageActivity, PagePin, PageReport, SocketState } from '../reports';

/** What every watcher of the monitor shares: the status it keeps, and the way out for an activity. */
export interface AgentState {
  /** Per app, the user the SDK runs (null: logged out). */
  users: Map<string, string | null>;
  /** Per app, the user in the storage the tab uses (see `AgentStatus.stored`). */
  stored: Map<string, string | null>;
  /** Apps whose SDK keeps its session in the tab's `sessionStorage` (see `AgentStatus.sessionStorageApps`). */
  sessionStorageApps: Set<string>;
  sdkVersion: string | null;
  hasGlobalSdk: boolean;
  socket: { state: SocketState; since: number; closeCode?: number } | null;
  pin: PagePin | null;
  /** The extension itself is writing (a page switch): its writes change the status, reported as `status`, not as the app's activity. */
  muted: boolean;
  /** Sends the activity with a copy of the status as it is now. */
  emit(activity: PageActivity): void;
  /** A structured-cloneable copy of the status, so a reader can neither change it nor see it change. */
  snapshot: () => AgentStatus;
  /** Called on each CometChat REST reply and socket event: the global SDK may have appeared since. */
  onTraffic(): void;
}

/** The state of one agent, reporting through `send`. `onTraffic` does nothing until the monitor sets it. */
export function createAgentState(pin: PagePin | null, send: (report: PageReport) => void): AgentState {
  const state: AgentState = {
    users: new Map(),
    stored: new Map(),
    sessionStorageApps: new Set(),
    sdkVersion: null,
    hasGlobalSdk: false,
    socket: null,
    pin,
    muted: false,
    emit: (activity) => {
      send({ activity: state.muted && activity.kind === 'storage' ? { kind: 'status' } : activity, status: state.snapshot() });
    },
    snapshot: () => ({
      sdkVersion: state.sdkVersion,
      hasGlobalSdk: state.hasGlobalSdk,
      users: [...state.users].map(([appId, uid]) => ({ appId, uid })),
      stored: [...state.stored].map(([appId, uid]) => ({ appId, uid })),
      sessionStorageApps: [...state.sessionStorageApps],
      socket: state.socket && { ...state.socket },
      pin: state.pin && { ...state.pin },
    }),
    onTraffic: () => undefined,
  };
  return state;
}
