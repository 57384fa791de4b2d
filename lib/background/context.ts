import type { CometChatClient } from '../cometchat/client';
import { CometChatException } from '../cometchat/exception';
import { ERROR_CODES } from '../cometchat/error-codes';
import type { AppEndpoint } from '../cometchat/hosts';
import { SNAPSHOT_EVENT_LIMIT, type Snapshot, type ViewEvent } from '../protocol';
import { createSerialQueue } from '../serial-queue';
import type { StoredProfile } from '../store/schema';
import type { SessionStore, StoredState } from '../store/session-store';
import { toSnapshot } from './snapshot';

export interface BackgroundDeps {
  store: SessionStore;
  createClient(endpoint: AppEndpoint): CometChatClient;
  /** Broadcasts to every connected view; called only after the change has committed. */
  emit(event: ViewEvent): void;
  /** Also told every new snapshot (the toolbar badge). */
  onSnapshot?(snapshot: Snapshot): void;
  now?: () => number;
  newId?: () => string;
}

/**
 * What the background's services share: the store, one serial queue for every command that
 * writes (so commands from several views end in one order), and the snapshot broadcast.
 */
export function createBackgroundContext({ store, createClient, emit, onSnapshot, now = Date.now, newId = () => crypto.randomUUID() }: BackgroundDeps) {
  const queue = createSerialQueue();

  /** Broadcasts a state already read (e.g. inside the committing transaction). */
  function broadcastState(state: StoredState): void {
    const current = toSnapshot(state);
    emit({ type: 'snapshot', snapshot: current });
    onSnapshot?.(current);
  }

  async function snapshot(): Promise<Snapshot> {
    return toSnapshot(await store.readState(SNAPSHOT_EVENT_LIMIT));
  }

  return {
    store,
    createClient,
    emit,
    now,
    newId,
    queue,
    snapshot,
    async broadcastSnapshot(): Promise<void> {
      broadcastState(await store.readState(SNAPSHOT_EVENT_LIMIT));
    },
    broadcastState,
    async requireProfile(): Promise<StoredProfile> {
      const profile = await store.getActiveProfile();
      if (!profile) {
        throw new CometChatException({
          code: ERROR_CODES.ERR_APP_NOT_CONFIGURED,
          message: 'Set up a CometChat app first (App ID, region and Auth Key).',
          details: {},
        });
      }
      return profile;
    },
  };
}

export type BackgroundContext = ReturnType<typeof createBackgroundContext>;
