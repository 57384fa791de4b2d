import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '@/emulator';
import { TEST_USERS } from '@/lib/test-users';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './support/chromium';
import { readStoredTruth, sequenceProblems, type StoredEventRow, type StoredTruth } from './support/extension-db';
import { PanelPage, readAllTimelineRows, readPanelViewState } from './support/panel-page';
import { PopupPage, readPopupViewState } from './support/popup-page';
import { createSeededRandom, seedFromEnvironment, type SeededRandom } from './support/seeded-random';
import { applyEvent, createSessionModel, heldOf } from './support/session-model';
import { SessionDriver, type DriverOutcome, type TimedCommand } from './support/session-driver';
import { isSubsequence, recordShownUser, shownUserHistory } from './support/shown-user-history';

const SEED = seedFromEnvironment(0x2ace_5eed);
const COMMANDS = 50;
/** Commands go out 1 ms apart, alternating between the pages as the script says; nobody waits for a reply. */
const SPACING_MS = 1;
const REQUEST_BOUND_MS = 20_000;
const TEST_UIDS = TEST_USERS.map((user) => user.uid);

type View = 'popup' | 'panel';
const SOURCE: Record<View, string> = { popup: 'popup', panel: 'devtools-panel' };

interface ScriptedCommand extends TimedCommand {
  view: View;
}

/** 50 commands from the seed: Auth Key logins, unknown uids (failures), switches (held or not), logouts, a few token logins. */
function writeScript(random: SeededRandom, mintToken: (uid: string) => string): ScriptedCommand[] {
  return Array.from({ length: COMMANDS }, (_, index) => {
    const view: View = random.chance(0.5) ? 'popup' : 'panel';
    const roll = random.next();
    const uid = random.pick(TEST_UIDS);
    const command: TimedCommand['command'] =
      roll < 0.3
        ? { type: 'login', uid }
        : roll < 0.45
          ? { type: 'login', uid: `no-such-user-${index}` }
          : roll < 0.75
            ? { type: 'switchSession', uid }
            : roll < 0.93
              ? { type: 'logout' }
              : { type: 'loginWithAuthToken', authToken: mintToken(uid) };
    return { index, view, atMs: index * SPACING_MS, command };
  });
}

/** The event a command should have written, as far as its reply tells: the type family, the uid, and the error code. */
function replyFits(scripted: ScriptedCommand, outcome: DriverOutcome, event: StoredEventRow): string | null {
  const { command } = scripted;
  const family = command.type === 'logout' ? 'logout' : 'login';
  const problems: string[] = [];
  if (!event.type.startsWith(family)) problems.push(`a ${family} command logged ${event.type}`);
  if (outcome.ok !== event.type.endsWith('Success'))
    problems.push(`the reply was ${outcome.ok ? 'ok' : outcome.code} but the log says ${event.type}`);
  if (!outcome.ok && outcome.code !== event.errorCode) problems.push(`the reply's code ${outcome.code} differs from the logged ${event.errorCode}`);
  if ((command.type === 'login' || command.type === 'switchSession') && event.uid !== command.uid)
    problems.push(`for ${command.uid} the log names ${event.uid}`);
  if (command.type === 'switchSession' && event.method !== 'switch') problems.push(`a switch logged method ${event.method}`);
  if (outcome.ok && outcome.uid !== undefined && outcome.uid !== event.uid) problems.push(`the reply names ${outcome.uid}, the log ${event.uid}`);
  return problems.length ? `command #${scripted.index} ${JSON.stringify(command)} from ${scripted.view}: ${problems.join('; ')}` : null;
}

describe('concurrent commands from popup and panel in Chromium', () => {
  let emulator: Emulator;
  let browser: ChromiumWithExtension;
  let popup: PopupPage;
  let panel: PanelPage;
  const drivers = {} as Record<View, SessionDriver>;
  let before: StoredTruth;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    browser = await launchChromiumWithExtension();
    popup = new PopupPage(await browser.openPage('popup.html'));
    await popup.setUpWithEmulator({ apiHost: emulator.url });
    await popup.currentUser.getByText('No user logged in.').waitFor();
    panel = new PanelPage(await browser.openPage('devtools-panel.html', { width: 1000, height: 900 }));
    drivers.popup = await SessionDriver.install(popup.page, { timeoutMs: REQUEST_BOUND_MS });
    drivers.panel = await SessionDriver.install(panel.page, { timeoutMs: REQUEST_BOUND_MS });
    // Two held sessions to start from, so early switches can succeed.
    for (const uid of ['cometchat-uid-1', 'cometchat-uid-2'])
      expect(await drivers.popup.request({ type: 'login', uid })).toMatchObject({ ok: true, uid });
    before = await readStoredTruth(panel.page);
    // The extension's session card shows it (the timeline's uid filter lists it too, hidden in its options).
    await panel.currentUser.getByText('cometchat-uid-2').first().waitFor();
    await Promise.all([recordShownUser(popup.page), recordShownUser(panel.page)]);
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it('should serialize 50 interleaved commands: one order of events for every view, the same final state everywhere', async () => {
    const script = writeScript(createSeededRandom(SEED), (uid) => emulator.createAuthToken(uid));
    console.log(
      `races: seed ${SEED} (replay with E2E_SEED=${SEED}), ${script.filter((c) => c.view === 'popup').length} commands from the popup, ${script.filter((c) => c.view === 'panel').length} from the panel`,
    );

    // Act: both pages start at the same wall-clock moment and fire without awaiting anything.
    const startAt = Date.now() + 250;
    const perView = await Promise.all(
      (['popup', 'panel'] as const).map((view) =>
        drivers[view].burst(
          script.filter((scripted) => scripted.view === view),
          startAt,
        ),
      ),
    );
    const burstMs = Date.now() - startAt;
    const outcomes = new Map(perView.flat().map(({ index, outcome }) => [index, outcome]));

    // Every request settled, none hung.
    expect(outcomes.size).toBe(COMMANDS);
    const hung = [...outcomes].filter(([, outcome]) => outcome.timedOut).map(([index]) => index);
    expect(hung, `commands that did not settle within ${REQUEST_BOUND_MS} ms`).toEqual([]);

    // The log: exactly one event per command, gap-free, and valid when replayed one by one (serialized).
    const truth = await readStoredTruth(panel.page);
    const written = truth.events.filter((event) => event.seq > before.lastSeq);
    expect(written, 'one event per command').toHaveLength(COMMANDS);
    expect(sequenceProblems(truth.events, truth.lastSeq)).toEqual([]);
    const model = createSessionModel(before.heldUids, before.activeUid);
    const activeAfterEach: Array<string | null> = [before.activeUid];
    for (const event of written) {
      expect(applyEvent(model, event), 'replaying the log in seq order').toBeNull();
      if (model.active !== activeAfterEach.at(-1)) activeAfterEach.push(model.active);
    }
    expect({ held: truth.heldUids, active: truth.activeUid }, 'stored state = the log replayed').toEqual({
      held: heldOf(model),
      active: model.active,
    });

    // Each view's commands ran in the order it sent them, and each reply agrees with its logged event.
    for (const view of ['popup', 'panel'] as const) {
      const sent = script.filter((scripted) => scripted.view === view);
      const logged = written.filter((event) => event.source === SOURCE[view]);
      expect(logged.length, `events from ${view}`).toBe(sent.length);
      const problems = sent.map((scripted, position) => replyFits(scripted, outcomes.get(scripted.index)!, logged[position]!)).filter(Boolean);
      expect(problems, `${view}: replies vs. the log, in send order`).toEqual([]);
    }

    // Both views' ports received the same events in the same order, with consecutive seqs: the log's.
    const expectedEvents = written.map(({ seq, type, uid, source }) => ({ seq, type, uid, source }));
    for (const view of ['popup', 'panel'] as const) {
      const observed = (await drivers[view].observedAuthEvents()).filter((event) => event.seq > before.lastSeq);
      expect(observed, `auth events as the ${view} received them`).toEqual(expectedEvents);
    }
    // The panel's own timeline (the view's session client and its listeners) lists the same events.
    await expect.poll(() => readPanelViewState(panel.page).then((state) => state.eventCount)).toBe(truth.events.length);
    const rows = (await readAllTimelineRows(panel.page)).filter((row) => row.seq > before.lastSeq);
    expect(rows, "the panel's timeline").toEqual(written.map(({ seq, type, uid }) => ({ seq, type, uid: uid ?? '—' })));

    // Both views end on the stored state, and never showed a user out of order on the way.
    await expect
      .poll(() => readPanelViewState(panel.page))
      .toMatchObject({ activeUid: truth.activeUid, heldUids: truth.heldUids, newestSeq: truth.lastSeq });
    await expect.poll(() => readPopupViewState(popup.page)).toMatchObject({ activeUid: truth.activeUid, heldTestUids: truth.heldUids });
    for (const page of [popup.page, panel.page]) {
      const shown = await shownUserHistory(page);
      expect(isSubsequence(shown, activeAfterEach), `shown ${JSON.stringify(shown)} vs. true ${JSON.stringify(activeAfterEach)}`).toBe(true);
    }

    const switches = written.filter((event, index) => index > 0 && event.source !== written[index - 1]!.source).length;
    const settleMs = [...outcomes.values()].map((outcome) => outcome.ms).sort((a, b) => a - b);
    const kinds = written.reduce<Record<string, number>>((counts, event) => ({ ...counts, [event.type]: (counts[event.type] ?? 0) + 1 }), {});
    console.log(
      `races: ${COMMANDS} commands settled ${burstMs} ms after the first was sent; ${switches} changes of source in the log; ` +
        `settle median ${settleMs[COMMANDS >> 1]!.toFixed(0)} ms, max ${settleMs.at(-1)!.toFixed(0)} ms; ${JSON.stringify(kinds)}; ` +
        `final: active ${truth.activeUid}, held ${truth.heldUids.join(', ') || 'none'}`,
    );
  });
});
