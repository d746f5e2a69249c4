/** `/note` and `/system` typed in the TUI, and what the debug pane's prompt section says of them. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { debugLines } from '../../src/ui/debug/sections.js';
import { helpText } from '../../src/ui/info.js';
import { KEYS, liveArea, makeSession, playTurn, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

const text = (lines: ReturnType<typeof debugLines>) => lines.map((l) => l.map((s) => s.text).join('')).join('\n');

async function command(app: ReturnType<typeof renderApp>, line: string): Promise<void> {
  app.type(line);
  await tick();
  app.type(KEYS.enter);
  await tick(60);
}

describe('/note and /system in the TUI', () => {
  it('sets, shows and removes the note; the debug pane names its depth and whether it went in', async () => {
    const app = renderApp(await makeSession());
    await command(app, '/note Keep the rain falling. --depth 2 --every 2');
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes("Author's note set, 2 messages from the end, every 2 turns (next at turn 2)"),
      'the notice',
    );
    expect(app.session.authorsNote).toEqual({ text: 'Keep the rain falling.', depth: 2, every: 2 });

    await command(app, '/note');
    const overlay = await waitForFrame(
      app.lastFrame,
      (f) => f.includes('Keep the rain falling.') && f.includes('Next in the prompt at turn 2'),
      'the overlay',
    );
    expect(overlay).toContain('Inserted 2 messages from the end, every 2 turns');
    app.type(KEYS.esc);
    await tick(60);

    await playTurn(app, 'I walk up the hill.');
    await playTurn(app, 'I knock on the door.');
    const [first, second] = app.session.turns();
    const pane = (n: number) => {
      const turn = app.session.turns()[n];
      return text(
        debugLines(
          {
            turn: n + 1,
            totalTurns: 2,
            plan: turn.plan,
            pacing: turn.pacing,
            prompt: turn.prompt,
            candidates: turn.candidates,
            shown: turn.chosen,
            running: false,
          },
          120,
        ),
      );
    };
    expect(pane(0)).toContain("author's note 2 messages from the end, every 2 turns · not inserted this turn");
    expect(pane(1)).toContain(
      `author's note 2 messages from the end, every 2 turns · inserted this turn (${second.prompt.authorsNote!.tokens} tok)`,
    );
    // Counted in the breakdown, like every other part of the prompt.
    expect(pane(1)).toMatch(new RegExp(`^note\\s+[█░]+ ${second.prompt.breakdown.note}$`, 'm'));
    expect(first.prompt.breakdown.note).toBe(0);

    await command(app, '/note off');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes("The author's note is removed."), 'the removal');
    expect(app.session.authorsNote).toBeUndefined();
  });

  it('sets and resets the story system prompt; a bad /note is one notice and changes nothing', async () => {
    const app = renderApp(await makeSession());
    await command(app, '/system {{original}} Keep it short.');
    await waitForFrame(app.lastFrame, (f) => f.includes('System prompt set for this story'), 'the notice');
    expect(app.session.systemPrompts).toEqual({ story: '{{original}} Keep it short.' });
    await playTurn(app, 'I look around.');
    const turn = app.session.turns()[0];
    const pane = text(
      debugLines(
        {
          turn: 1,
          totalTurns: 1,
          plan: turn.plan,
          pacing: turn.pacing,
          prompt: turn.prompt,
          candidates: turn.candidates,
          shown: turn.chosen,
          running: false,
        },
        120,
      ),
    );
    expect(pane).toContain("system prompt the story's, keeping skald's rules ({{original}})");

    await command(app, '/system reset');
    await waitForFrame(app.lastFrame, (f) => f.includes("This story's system prompt is reset."), 'the reset');
    expect(app.session.systemPrompts).toEqual({});

    await command(app, '/note --every 0');
    await waitForFrame(app.lastFrame, (f) => f.includes('--every takes a whole number from 1 to 1000, not "0"'), 'the refusal');
    expect(app.session.authorsNote).toBeUndefined();
  });

  it('/help lists /note and /system', () => {
    const help = helpText();
    expect(help).toMatch(/\/note \[text\] \[--depth N\] \[--every K\]\s+the author's note/);
    expect(help).toMatch(/\/system \[text\|reset\]\s+this story's own system prompt/);
  });
});
