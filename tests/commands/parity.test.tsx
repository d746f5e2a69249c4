// Every registered command through both front ends: the real TUI (ink-testing-library) and
// headless play in process, each over its own real Session on the same world, seed and clock.
// After each line of the command's example both sessions must hold the same story, and what the
// command shows must appear on both. A command without an example or with a front end that
// disagrees fails here; a command one front end does not run must be refused there.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { COMMANDS, FRONT_ENDS, commandsFor, type Command } from '../../src/commands/index.js';
import { runHeadless } from '../../src/cli/play-headless.js';
import type { SessionSetup } from '../../src/cli/session-setup.js';
import type { Session } from '../../src/engine/session/index.js';
import { fileServices } from '../../src/cli/file-services.js';
import { KEYS, liveArea, makeSession, renderApp, tick, waitForFrame, waitUntil } from '../ui/harness.js';

afterEach(() => cleanup());

/** What both front ends must agree on: the branch, its turns and replies, the facts, the tree, the narrator. */
function digest(session: Session): string {
  return JSON.stringify({
    // Replies are counted, not compared: the offline narrator's wording differs between two runs.
    turns: session.turns().map((t) => ({ n: t.number, input: t.input.text, chosen: t.chosen, candidates: t.candidates.length })),
    facts: session.memory().facts.map((f) => f.text),
    branches: session.tree().map((b) => [b.turns, b.active, b.lastInput]),
    opening: session.opening.id,
    persona: session.persona.name,
    provider: session.providerId,
  });
}

/** Headless play over `session`: the lines in, the JSON objects out (the session line dropped). */
async function headless(session: Session, lines: readonly string[]): Promise<Array<Record<string, unknown>>> {
  const setup = {
    session,
    store: { file: '(memory)', close: async () => undefined },
    warnings: [],
    resumed: false,
  } as unknown as SessionSetup;
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => (text += String(chunk)));
  input.end(lines.map((l) => `${l}\n`).join(''));
  await runHeadless(setup, { input, output }, fileServices);
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The frame with its wrapping undone two ways (a break at a space, a word cut at the edge). */
const readable = (frame: string) => [frame.replace(/\s+/g, ' '), frame.replace(/\n/g, '')];

type App = ReturnType<typeof renderApp>;

/** Types a line into the TUI's cleared composer and sends it. */
async function send(app: App, line: string): Promise<void> {
  app.type('\u0015'); // Ctrl+U: an undone message waits in the composer
  await tick();
  app.type(line);
  await tick();
  app.type(KEYS.enter);
}

/** Waits until the TUI's session holds the story `expected` describes, and any turn has settled on screen. */
async function settle(app: App, expected: string, what: string, onScreen = true): Promise<void> {
  await waitUntil(() => digest(app.session) === expected, what).catch((error: Error) => {
    throw new Error(`${error.message}\nTUI:      ${digest(app.session)}\nheadless: ${expected}`);
  });
  if (onScreen && app.session.turns().length > 0 && !liveArea(app.lastFrame() ?? '').includes('Esc close')) {
    await waitForFrame(app.lastFrame, (f) => /[◀◁] \d+\/\d+ [▶▷]/.test(liveArea(f)), `${what}: the carousel`);
  }
}

function runsIn(command: Command) {
  return `/${command.name} (${command.frontEnds.join(', ')})`;
}

describe('every command behaves the same in the TUI and headless play', () => {
  it('the registry has commands, with names and aliases that do not collide', () => {
    const names = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]);
    expect(COMMANDS.length).toBeGreaterThan(10);
    expect(new Set(names).size).toBe(names.length);
    for (const c of COMMANDS) expect(c.frontEnds.length, `/${c.name} runs nowhere`).toBeGreaterThan(0);
  });

  for (const command of COMMANDS) {
    it(runsIn(command), async () => {
      const { before = [], line, shows, after } = command.example;
      const both = FRONT_ENDS.every((f) => command.frontEnds.includes(f));

      // Headless, one line at a time, keeping the story after each (what the TUI must reach too).
      // /export reads the story back from its session file, so its sessions are saved.
      const saved = command.name === 'export';
      const quiet = await makeSession({ saved });
      const expected: string[] = [];
      for (const l of before) {
        await headless(quiet, [l]);
        expected.push(digest(quiet));
      }
      const unchanged = digest(quiet);
      const out = await headless(quiet, after === undefined ? [line] : [line, after]);
      expected.push(digest(quiet));

      if (!command.frontEnds.includes('headless')) {
        // Declared TUI-only: headless refuses it, says where it runs, changes nothing, lists it nowhere.
        expect(out).toEqual([{ type: 'error', kind: 'command', message: `/${command.name} works only in the TUI.` }]);
        expect(expected.at(-1)).toBe(unchanged);
        expect(commandsFor('headless')).not.toContain(command);
      } else {
        expect(
          out.filter((o) => o.type === 'error'),
          `headless /${command.name}`,
        ).toEqual([]);
        if (shows) expect(JSON.stringify(out)).toContain(shows);
        else if (after === undefined)
          expect(expected.at(-1), `/${command.name} changes nothing, so its example must say what it shows`).not.toBe(unchanged);
      }

      // The TUI, the same lines.
      // A saved story an hour later: its own id, so its file is not the headless one's, still open.
      const app = renderApp(await makeSession(saved ? { saved, startAt: 1_700_003_600_000 } : {}), { noticeMs: 60_000 });
      for (const [i, l] of before.entries()) {
        await send(app, l);
        await settle(app, expected[i], `the TUI after ${l}`);
      }
      await send(app, line);
      if (!command.frontEnds.includes('tui')) {
        await waitForFrame(
          app.lastFrame,
          (f) => readable(f).some((r) => r.includes(`/${command.name} works only in headless play.`)),
          'the refusal',
        );
        expect(commandsFor('tui')).not.toContain(command);
        return;
      }
      if (shows) await waitForFrame(app.lastFrame, (f) => readable(f).some((r) => r.includes(shows)), `the TUI showing "${shows}"`);
      if (after !== undefined) {
        // Leaving: the live area (header, composer) goes, the transcript stays, and nothing more is played.
        await waitForFrame(app.lastFrame, (f) => !/ · turn \d+ · /.test(f), 'the live area gone');
        await send(app, after);
        await tick(200);
      }
      if (both) await settle(app, expected.at(-1)!, `the TUI after ${line}`, after === undefined);
    });
  }
});
