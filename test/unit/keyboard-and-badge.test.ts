import { describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '@/lib/background/keyboard-commands';
import { createToolbarBadge } from '@/lib/background/toolbar-badge';
import { toolbarActionOf } from '@/lib/browser-differences';
import { createMemoryBackground, PROFILE } from '../fakes/memory-background';
import { englishWords } from './support/english-messages';

async function setUp() {
  const background = createMemoryBackground();
  await background.profiles.saveProfile(PROFILE);
  return background;
}

describe('keyboard commands', () => {
  it('should go through the test users in order, wrapping around, switching to held sessions without network', async () => {
    const { onCommand, fake, loggedInUser } = await setUp();
    const seen: string[] = [];

    for (let press = 0; press < 6; press++) {
      await onCommand(COMMANDS.NEXT_TEST_USER);
      seen.push((await loggedInUser())!.uid);
    }

    expect(seen).toEqual(['cometchat-uid-1', 'cometchat-uid-2', 'cometchat-uid-3', 'cometchat-uid-4', 'cometchat-uid-5', 'cometchat-uid-1']);
    expect(fake.calls.filter((call) => call.startsWith('login'))).toHaveLength(5);
  });

  it('should log out, and record the keyboard as the source', async () => {
    const { onCommand, log, loggedInUser } = await setUp();
    await onCommand(COMMANDS.NEXT_TEST_USER);

    await onCommand(COMMANDS.LOG_OUT);

    expect(await loggedInUser()).toBeNull();
    expect((await log.getEvents()).at(-1)).toMatchObject({ type: 'logoutSuccess', source: 'keyboard' });
  });

  it('should ignore commands it does not know', async () => {
    const { onCommand, log } = await setUp();

    await onCommand('_execute_action');

    expect(await log.getEvents()).toEqual([]);
  });
});

describe('toolbar badge', () => {
  const fakeAction = () => ({ setBadgeText: vi.fn(), setBadgeBackgroundColor: vi.fn(), setTitle: vi.fn() });

  it("should use Chrome's action, or Firefox MV2's browserAction", () => {
    const action = fakeAction();

    expect(toolbarActionOf({ action })).toBe(action);
    expect(toolbarActionOf({ browserAction: action })).toBe(action);
  });

  it('should draw every snapshot the background broadcasts, and skip unchanged ones', async () => {
    const action = fakeAction();
    const badge = createToolbarBadge(action, englishWords);
    const { context, service } = await setUp();
    await service.login('cometchat-uid-3', 'popup');

    await badge.show(await context.snapshot());
    await badge.show(await context.snapshot());

    expect(action.setBadgeText).toHaveBeenCalledTimes(1);
    expect(action.setBadgeText).toHaveBeenCalledWith({ text: 'U3' });
    expect(action.setTitle).toHaveBeenCalledWith({ title: expect.stringContaining('Nancy Grace (cometchat-uid-3)') });
  });
});
