// A TUI resume shown from its log's end while the whole story loads (cli/session-setup.ts's
// ResumePreview, store/tail.ts): the early frame is the frame of the whole story, keys typed
// meanwhile are held and applied in order, nothing runs against the partial story, and what the
// careful load finds still reaches the player. The moment the whole log is read is the test's
// (the `show` promise), not a timer's.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { SessionStartRecord } from '../../src/engine/session/records.js';
import { setupSession, type PreviewSetup, type SessionSetup } from '../../src/cli/session-setup.js';
import { notesFor } from '../../src/cli/play-tui.js';
import { InputError } from '../../src/errors.js';
import { longStory } from '../support/long-story.js';
import { recordLines, sessionPath } from '../../src/store/session-file.js';
import { fillsHistory, type WrappedTurns } from '../../src/ui/text/history-window.js';
import type { Line } from '../../src/ui/text/wrap.js';
import { nameColors } from '../../src/ui/text/colors.js';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';
import { KEYS, render, tick, waitForFrame, waitUntil } from './harness.js';

afterEach(() => cleanup());

const TURNS = 300;
/** ink-testing-library's terminal is 100 columns; the history is one narrower. */
const WIDTH = 99;
let lines: string[] = [];

beforeAll(async () => {
  // A real offline story's records as templates, written out to TURNS turns with swipes on the way.
  const records = await longStory(TURNS, { step: 1000, swipeEvery: 7 });
  lines = records.map((r) => recordLines(r).story);
});

/** Writes the story as session `id` (with `edit` applied to its lines first). */
function writeStory(id: string, edit: (lines: string[]) => string[] = (l) => l): void {
  const own = [...lines];
  own[0] = recordLines({ ...(JSON.parse(`{${own[0].slice(18)}`) as SessionStartRecord), id }).story;
  mkdirSync(dirname(sessionPath(id)), { recursive: true });
  writeFileSync(sessionPath(id), `${edit(own).join('\n')}\n`);
}

/** The wrapped turns of a tail check, counting the lines the history takes from it once `counting` is on. */
class CountedLines extends Map<string, Line[]> {
  counting = false;
  taken = 0;
  override get(key: string): Line[] | undefined {
    const lines = super.get(key);
    if (lines && this.counting) this.taken++;
    return lines;
  }
}

/** A progressive resume as play-run starts it, with the moment its frame is "drawn" in the test's hands. */
function resume(id: string, wrapped = new CountedLines(), width = WIDTH) {
  let previewed!: (preview: PreviewSetup) => void;
  const preview = new Promise<PreviewSetup>((resolve) => (previewed = resolve));
  let drawn!: () => void;
  const frame = new Promise<void>((resolve) => (drawn = resolve));
  let shown = 0;
  const whole = setupSession(undefined, { resume: id, offline: true }, undefined, {
    enough: (pack, playerName) => {
      seed = { playerName, names: nameColors(pack), width, lines: wrapped };
      return fillsHistory(playerName, seed.names, width, wrapped);
    },
    show: (p) => {
      shown++;
      previewed(p);
      return frame;
    },
  });
  let seed: WrappedTurns | undefined;
  return { preview, whole, drawn, shown: () => shown, wrapped: () => seed };
}

const started = (made: SessionSetup) => ({ session: made.session, notes: notesFor(made) });

describe('a TUI resume shown from the end of its log', () => {
  it('draws the same frame from the tail as from the whole story, and keeps it when the whole story takes its place', async () => {
    writeStory('20261206-2100-aaaa');
    const run = resume('20261206-2100-aaaa');
    const preview = await run.preview;
    expect(preview.earlier).toBeGreaterThan(0);
    expect(preview.session.turns().length).toBeLessThan(TURNS);
    let redraws = 0;
    const loading = run.whole.then(started);
    const early = render(
      <App
        started={{ session: preview.session, notes: notesFor({ ...preview, resumed: true }, preview.earlier), earlier: preview.earlier }}
        loading={loading}
        services={fileServices}
        onRedraw={() => redraws++}
        scheduleWarmUp={() => () => undefined}
      />,
    );
    const first = await waitForFrame(early.lastFrame, (f) => f.includes(`turn ${TURNS}`), 'the early frame');
    expect(first).toContain('earlier turns not shown');
    run.drawn();
    const made = await run.whole;
    await loading;
    await tick();
    // The whole story on its own screen: the frame the tail drew is this one.
    const direct = render(<App started={started(made)} services={fileServices} scheduleWarmUp={() => () => undefined} />);
    const whole = await waitForFrame(direct.lastFrame, (f) => f.includes(`turn ${TURNS}`), 'the whole frame');
    expect(first).toBe(whole);
    expect(first).toContain(`Resumed session 20261206-2100-aaaa: ${TURNS} turns on this branch`);
    // The swap printed nothing again and cleared nothing: a key typed now shows (so the whole story
    // is in place, keys being held until then) above the same history.
    early.stdin.write('x');
    await waitForFrame(early.lastFrame, (f) => f.includes('› x'), 'the key on the whole story');
    expect(early.printed()).toBe(direct.printed());
    expect(redraws).toBe(0);
    await made.store.close();
  });

  it('prints the turns its tail check wrapped as they are, the frame unchanged; wrapped at another width, it wraps them afresh', async () => {
    for (const width of [WIDTH, 60]) {
      const id = `20261206-2100-c0${width}`;
      writeStory(id);
      const lines = new CountedLines();
      const run = resume(id, lines, width);
      const preview = await run.preview;
      const wrapped = run.wrapped();
      expect(wrapped?.lines.size).toBeGreaterThan(0);
      lines.counting = true;
      const early = render(
        <App
          started={{
            session: preview.session,
            notes: notesFor({ ...preview, resumed: true }, preview.earlier),
            earlier: preview.earlier,
            wrapped,
          }}
          loading={run.whole.then(started)}
          services={fileServices}
          scheduleWarmUp={() => () => undefined}
        />,
      );
      const first = await waitForFrame(early.lastFrame, (f) => f.includes(`turn ${TURNS}`), 'the early frame');
      run.drawn();
      const made = await run.whole;
      const direct = render(<App started={started(made)} services={fileServices} scheduleWarmUp={() => () => undefined} />);
      expect(first).toBe(await waitForFrame(direct.lastFrame, (f) => f.includes(`turn ${TURNS}`), 'the whole frame'));
      // Each turn of the history's window came from the tail check's lines: none was wrapped twice.
      const printed = (first.match(/^Tamsin\b/gm) ?? []).length;
      expect(printed).toBeGreaterThan(10);
      if (width === WIDTH) expect(lines.taken).toBeGreaterThanOrEqual(printed - 1);
      else expect(lines.taken).toBe(0);
      await made.store.close();
      cleanup();
    }
  });

  it('holds the keys typed while the whole story loads and applies them in order on it, never on the partial one', async () => {
    writeStory('20261206-2100-bbbb');
    const run = resume('20261206-2100-bbbb');
    const preview = await run.preview;
    const loading = run.whole.then(started);
    // The warm-up waits for the whole story too: it would stand between the held keys and their story.
    const warmUps: unknown[] = [];
    const app = render(
      <App
        started={{ session: preview.session, notes: notesFor({ ...preview, resumed: true }, preview.earlier), earlier: preview.earlier }}
        loading={loading}
        services={fileServices}
        scheduleWarmUp={(run) => {
          warmUps.push(run);
          return () => undefined;
        }}
      />,
    );
    const first = await waitForFrame(app.lastFrame, (f) => f.includes(`turn ${TURNS}`), 'the early frame');
    app.stdin.write('I wave');
    app.stdin.write(KEYS.left);
    app.stdin.write('X');
    app.stdin.write(KEYS.right);
    app.stdin.write('.');
    app.stdin.write(KEYS.enter);
    await tick();
    // Held: not on the screen, and no turn started on the story read from the tail.
    expect(app.lastFrame()).toBe(first);
    expect(warmUps).toHaveLength(0);
    run.drawn();
    const made = await run.whole;
    await waitUntil(() => made.session.turns().length === TURNS + 1, 'the held line sent on the whole story');
    expect(made.session.turns().at(-1)?.input.text).toBe('I wavXe.');
    await waitForFrame(app.lastFrame, (f) => f.includes(`turn ${TURNS + 1}`), 'the new turn');
    expect(preview.session.turns()).toHaveLength(TURNS - preview.earlier);
    expect(warmUps).toHaveLength(1);
    await made.store.close();
  });

  it('shows nothing early when the tail reader is not sure (a damaged last line), and the careful load warns', async () => {
    writeStory('20261206-2100-cccc', (l) => [...l.slice(0, -1), l[l.length - 1].replace('step', 'stop')]);
    const run = resume('20261206-2100-cccc');
    const made = await run.whole;
    expect(run.shown()).toBe(0);
    expect(made.warnings.join(' ')).toMatch(/damaged|checksum/i);
    expect(made.session.turns()).toHaveLength(TURNS - 1);
    await made.store.close();
  });

  it('shows nothing early for a story the named world does not match, and says why as the careful path does', async () => {
    writeStory('20261206-2100-ffff');
    let shown = 0;
    const failed = setupSession('harbor-lights', { resume: '20261206-2100-ffff', offline: true }, undefined, {
      enough: () => () => true,
      show: () => {
        shown++;
        return Promise.resolve();
      },
    });
    // The sentence a player reads (InputError: one line, no stack), as when no preview is asked for.
    await expect(failed).rejects.toThrow(InputError);
    await expect(failed).rejects.toThrow(/played in world "glass-orchard"/);
    expect(shown).toBe(0);
  });

  it('prints the history again with the warning when the careful load finds a damaged line the tail did not read', async () => {
    writeStory('20261206-2100-dddd', (l) => l.map((line, i) => (i === 5 ? line.replace('step', 'stop') : line)));
    const run = resume('20261206-2100-dddd');
    const preview = await run.preview;
    let redraws = 0;
    const loading = run.whole.then(started);
    const app = render(
      <App
        started={{ session: preview.session, notes: notesFor({ ...preview, resumed: true }, preview.earlier), earlier: preview.earlier }}
        loading={loading}
        services={fileServices}
        onRedraw={() => redraws++}
        scheduleWarmUp={() => () => undefined}
      />,
    );
    await waitForFrame(app.lastFrame, (f) => f.includes(`turn ${TURNS}`), 'the early frame');
    run.drawn();
    const made = await run.whole;
    expect(made.warnings.length).toBeGreaterThan(0);
    await waitUntil(() => redraws === 1, 'the history printed afresh');
    await waitForFrame(app.printed, (f) => f.includes(made.warnings[0].slice(0, 40)), 'the warning in the history');
    await made.store.close();
  });
});
