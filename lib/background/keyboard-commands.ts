import { TEST_USERS } from '../test-users';
import type { BackgroundContext } from './context';
import type { SessionService } from './session-service';

/** Names of the manifest's `commands`, rebindable by the tester in the browser's shortcut settings. */
export const COMMANDS = { NEXT_TEST_USER: 'next-test-user', LOG_OUT: 'log-out' } as const;

/** What the keyboard shortcuts do; errors land in the event log like any other failure. */
export function createCommandHandler(context: BackgroundContext, sessions: SessionService) {
  return async (command: string): Promise<void> => {
    if (command === COMMANDS.LOG_OUT) {
      await sessions.logout('keyboard').catch(() => undefined);
      return;
    }
    if (command !== COMMANDS.NEXT_TEST_USER) return;
    const { active } = await context.snapshot();
    const index = TEST_USERS.findIndex((user) => user.uid === active?.uid);
    const next = TEST_USERS[(index + 1) % TEST_USERS.length]!;
    // The login rule reuses a held session of that uid (see `SessionService.login`).
    await sessions.login(next.uid, 'keyboard').catch(() => undefined);
  };
}
