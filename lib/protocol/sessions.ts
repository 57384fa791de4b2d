/**
 * Sessions the background holds, as views see them (no secrets), and what a health check found.
 * Part of the protocol (`lib/protocol.ts`): types and constants only.
 */
import type { CometChatError } from '../cometchat/exception';
import type { SessionHealth } from '../cometchat/session-health';
import type { CometChatUser } from '../cometchat/user';

/** A session the background holds, without its secrets. */
export interface SessionSummary {
  uid: string;
  user: CometChatUser;
  authTokenMasked: string;
  hasJwt: boolean;
  loggedInAt: number;
  /** The last `checkSessions` verdict on its token; null: not checked yet (or stored by an older version). */
  health: SessionHealth | null;
  /** When CometChat minted the token (unix seconds), from its timestamp part; null when the token has none. */
  tokenCreatedAt: number | null;
}

/** What `checkSessions` did: each held session of the active app asked about, or nothing (`skipped`: asked within the last minute). */
export interface SessionCheckReport {
  skipped: boolean;
  /** Per session: its health now, or the error that kept the check from saying (the network); its health is then left as it was. */
  results: { uid: string; health: SessionHealth | null; error?: CometChatError }[];
}
