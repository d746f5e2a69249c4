import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { helpText } from '../../src/ui/info.js';
import { samplersText } from '../../src/commands/samplers-text.js';
import { debugLines } from '../../src/ui/debug/sections.js';
import { KEYS, liveArea, makeSession, playTurn, renderApp, tick, waitForFrame } from './harness.js';

afterEach(() => cleanup());

async function command(app: ReturnType<typeof renderApp>, text: string): Promise<void> {
  app.type(text);
  await tick();
  app.type(KEYS.enter);
}

describe('/set in the TUI', () => {
  it('/help lists it', () => {
    expect(helpText()).toMatch(/\/set \[name value\]\s+samplers: alone, each value and where it comes from/);
  });

  it('changes a sampler for the story with a notice, refuses a bad value in one line, and lists them alone', async () => {
    const session = await makeSession();
    const app = renderApp(session);
    await command(app, '/set temperature 0.9');
    await waitForFrame(
      app.lastFrame,
      (f) => f.includes('temperature 0.9 for this story (the offline narrator takes no samplers).'),
      'the /set notice',
    );
    await command(app, '/set temperature 9');
    await waitForFrame(app.lastFrame, (f) => f.includes('temperature takes a number from 0 to 5, not 9.'), 'the refusal');
    await command(app, '/set');
    await waitForFrame(
      app.lastFrame,
      (f) => liveArea(f).includes('Esc closes') && liveArea(f).includes('from story'),
      'the samplers overlay',
    );
    expect(liveArea(app.lastFrame())).toMatch(/temperature\s+0\.9\s+from story/);
    expect(session.samplers().rows).toEqual([{ key: 'temperature', value: 0.9, source: 'story', sent: false }]);
    // The closing how-to is one paragraph: it broke after '/set stop ["###"],' mid-sentence.
    expect(samplersText(session.samplers())).toMatch(/\/set stop \["###"\], \/set extra\.dry_multiplier 0\.8/);
  });
});

describe('the debug pane', () => {
  it('shows the samplers each candidate was sent with', async () => {
    const session = await makeSession();
    const app = renderApp(session);
    await playTurn(app, 'I ask Wren about the wheel.');
    const turn = session.turns()[0];
    const candidates = turn.candidates.map((c, i) => ({ ...c, samplers: { temperature: 0.8, seed: 7 + i, max_tokens: 300 } }));
    const text = debugLines(
      { turn: 1, totalTurns: 1, plan: turn.plan, pacing: turn.pacing, prompt: turn.prompt, candidates, shown: 0, running: false },
      120,
    )
      .map((l) => l.map((s) => s.text).join(''))
      .join('\n');
    expect(text).toContain('samplers temperature 0.8 · seed 7 · max_tokens 300');
    expect(text).toContain('samplers temperature 0.8 · seed 8 · max_tokens 300');
  });
});
