// The reply controls in the real TUI: a real Session whose narrator is the openai provider talking
// to the loopback server, keys through stdin, frames read back.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { startOpenAIServer, type OpenAIServer } from '../support/openai-server.js';
import { KEYS, liveArea, modelSession, playTurn, renderApp, tick, waitForFrame, waitUntil } from './harness.js';
import { keyHints, resolveKey, type KeyState } from '../../src/ui/keys.js';
import { parseKeypress } from '../../src/ui/input/keypress.js';
import { helpText } from '../../src/ui/info.js';
import { turnLines, versionLabel } from '../../src/ui/text/blocks.js';
import { debugLines } from '../../src/ui/debug/sections.js';
import type { Candidate, Turn } from '../../src/engine/types.js';

let server: OpenAIServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

const ALT_C = '\u001bc';

async function command(app: ReturnType<typeof renderApp>, text: string): Promise<void> {
  app.type(text);
  await tick();
  app.type(KEYS.enter);
}

describe('the continue key', () => {
  const state: KeyState = {
    modal: false,
    generating: false,
    composerEmpty: true,
    slash: false,
    onFirstLine: true,
    onLastLine: true,
    debugOpen: false,
    canRetry: false,
    hasTurn: true,
    earlierSelected: false,
  };
  it('is Alt+C (ESC c) with a turn and nothing streaming, and hinted only for a cut reply', () => {
    expect(resolveKey(parseKeypress(ALT_C), state)?.id).toBe('continue');
    expect(resolveKey(parseKeypress(ALT_C), { ...state, generating: true })?.id).not.toBe('continue');
    expect(resolveKey(parseKeypress(ALT_C), { ...state, hasTurn: false })?.id).not.toBe('continue');
    expect(keyHints({ ...state, cutReply: true })).toContainEqual({ keys: 'Alt+C', label: 'continue' });
    expect(keyHints(state).map((h) => h.label)).not.toContain('continue');
  });
});

describe('how a new version is shown', () => {
  const base: Candidate = {
    id: 'n1-c0',
    text: 'The ferryman nods.',
    variant: { beat: 'breathe', cadence: 'gentle', label: 'planned' },
    critics: [],
    score: 1,
    repairs: [],
    incomplete: false,
    timing: { ttftMs: null, totalMs: 0, tokensPerSecond: null },
    retries: 0,
  };
  it('labels continued and edited versions in the carousel, and marks an edited reply in the history', () => {
    expect(versionLabel(base)).toBe('planned');
    expect(versionLabel({ ...base, revision: { kind: 'continued', from: 'n1-c0' } })).toBe('planned · continued');
    const edited = { ...base, id: 'n1-e-c1', revision: { kind: 'edited' as const, from: 'n1-c0' } };
    const turn = { number: 1, input: { text: 'Hello.' }, candidates: [base, edited], chosen: 1 } as unknown as Turn;
    const text = turnLines(turn, 'Tamsin', [], 60)
      .map((l) => l.map((s) => s.text).join(''))
      .join('\n');
    expect(text).toContain('(edited)');
    expect(
      turnLines({ ...turn, chosen: 0 }, 'Tamsin', [], 60)
        .map((l) => l.map((s) => s.text).join(''))
        .join('\n'),
    ).not.toContain('(edited)');
  });

  it('says in the debug pane which version a candidate is', () => {
    const continued = { ...base, id: 'n1-k-c1', revision: { kind: 'continued' as const, from: 'n1-c0' } };
    const edited = { ...base, id: 'n1-e-c2', revision: { kind: 'edited' as const, from: 'n1-k-c1' } };
    const text = debugLines({ turn: 1, totalTurns: 1, candidates: [base, continued, edited], shown: 2, running: false }, 80)
      .map((l) => l.map((s) => s.text).join(''))
      .join('\n');
    expect(text).toContain('continued by the model from where the reply stopped');
    expect(text).toContain('edited by you');
    expect(text.match(/version/g)).toHaveLength(2);
  });

  it('/help lists the controls and the key', () => {
    const help = helpText();
    for (const line of ['/continue', '/edit [--reply] [text]', '/delete [turn]', '/continue [turn]', '/impersonate [hint]', 'Alt+C'])
      expect(help).toContain(line);
  });
});

describe('the reply controls in the TUI', () => {
  it("/impersonate puts a draft in the player's voice into the composer and sends nothing", async () => {
    server = await startOpenAIServer({ models: ['test-model'] });
    server.enqueue(
      { content: 'The ferryman nods toward the far bank.' },
      { content: 'Tamsin: I ask the ferryman what the crossing costs.' },
    );
    const session = await modelSession(server.url);
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => f.includes('turn 0'), 'the opening');
    await playTurn(app, 'I step onto the ferry.');
    await command(app, '/impersonate ask about the fare');
    const frame = await waitForFrame(
      app.lastFrame,
      (f) => f.includes('I ask the ferryman what the crossing costs.'),
      'the draft in the composer',
    );
    expect(liveArea(frame)).toContain('nothing was sent');
    expect(liveArea(frame)).not.toContain('Tamsin: I ask');
    expect(session.turns()).toHaveLength(1);
    expect(JSON.stringify(server.chatRequests()[1].body!.messages)).toContain('ask about the fare');
    // The draft is the player's to send: Enter plays it as their message.
    server.enqueue({ content: 'Two coins, says the ferryman.' });
    app.type(KEYS.enter);
    await waitUntil(() => session.turns().length === 2, 'the drafted message played');
    expect(session.turns()[1].input.text).toBe('I ask the ferryman what the crossing costs.');
  });

  it('/impersonate never replaces what the player typed while the draft was written', async () => {
    server = await startOpenAIServer({ models: ['test-model'] });
    server.enqueue({ content: 'The ferryman nods.' }, { content: 'I ask about the fare.' });
    const session = await modelSession(server.url);
    // The draft is held until the player has typed: no race with the clock.
    let release!: () => void;
    const typed = new Promise<void>((resolve) => (release = resolve));
    const draft = session.impersonate.bind(session);
    session.impersonate = async (...args) => {
      await typed;
      return draft(...args);
    };
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => f.includes('turn 0'), 'the opening');
    await playTurn(app, 'I step onto the ferry.');
    await command(app, '/impersonate');
    await waitForFrame(app.lastFrame, (f) => f.includes('Drafting your next message'), 'the drafting notice');
    app.type('I jump overboard.');
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('I jump overboard.'), 'the typed text');
    release();
    const frame = await waitForFrame(app.lastFrame, (f) => f.includes('your text was kept'), 'the draft set aside');
    expect(liveArea(frame)).toContain('I jump overboard.');
    expect(liveArea(frame)).not.toContain('I ask about the fare.');
  });

  it('Alt+C continues a reply stopped with Esc, and the hint shows while it applies', async () => {
    server = await startOpenAIServer({ models: ['test-model'] });
    // Long enough (about six seconds of chunks) that Esc lands mid-stream on a loaded machine.
    const words = 'The ferryman pushes off from the pier and the lantern sways over the black water while he hums.'.split(/(?<= )/u);
    server.enqueue({ content: Array.from({ length: 8 }, () => words).flat(), delayMs: 40 });
    const session = await modelSession(server.url);
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => f.includes('turn 0'), 'the opening');
    app.type('I sit down.');
    await tick();
    app.type(KEYS.enter);
    await waitForFrame(app.lastFrame, (f) => f.includes('Esc stops') && liveArea(f).includes('pushes'), 'some text streamed');
    app.type(KEYS.esc);
    await waitUntil(() => session.turns().length === 1, 'the stopped turn');
    const stopped = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('(stopped)'), 'the stopped mark');
    // The status line's hint (the dim note under the reply says "Alt+C continues").
    expect(liveArea(stopped)).toMatch(/Alt\+C continue(?!s)/);
    const partial = session.turns()[0].candidates[0].text.trimEnd();

    server.enqueue({ content: `${partial.split(' ').slice(-2).join(' ')} and the far bank draws near.` });
    app.type(ALT_C);
    await waitUntil(() => session.turns()[0].candidates.length === 2, 'the continued version');
    const continued = session.turns()[0].candidates[1];
    expect(continued.text).toBe(`${partial} and the far bank draws near.`);
    const frame = await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('· continued'), 'the continued label');
    expect(liveArea(frame)).toContain('the far bank draws near.');
    expect(liveArea(frame)).not.toContain('(stopped)');
  });

  it('/edit on a reply selected with Alt+↑ keeps the edited text as a marked version of that turn', async () => {
    server = await startOpenAIServer({ models: ['test-model'] });
    server.enqueue({ content: 'The ferryman nods.' }, { content: 'The river widens.' });
    const session = await modelSession(server.url);
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => f.includes('turn 0'), 'the opening');
    await playTurn(app, 'I step onto the ferry.');
    await playTurn(app, 'I look ahead.');
    app.type(KEYS.altUp);
    await waitForFrame(app.lastFrame, (f) => f.includes('viewing turn 1'), 'turn 1 selected');
    await command(app, '/edit');
    await waitForFrame(app.lastFrame, (f) => f.includes('Editing the reply of turn 1'), 'the edit notice');
    // The composer holds the reply: add to its end and send.
    app.type(' He smiles.');
    await tick();
    app.type(KEYS.enter);
    await waitUntil(() => session.turns()[0].candidates.length === 2, 'the edited version');
    const turn = session.turns()[0];
    expect(turn.candidates[turn.chosen]).toMatchObject({ text: 'The ferryman nods. He smiles.', revision: { kind: 'edited' } });
    // An earlier turn: the story goes on from the edit as a new branch, the old one kept.
    expect(session.turns()).toHaveLength(1);
    expect(session.tree()).toHaveLength(2);
    await waitForFrame(app.lastFrame, (f) => liveArea(f).includes('· edited'), 'the edited label');
  });

  it('/delete on the last turn rewinds to before it', async () => {
    server = await startOpenAIServer({ models: ['test-model'] });
    server.setBehaviour({ content: 'The ferryman nods.' });
    const session = await modelSession(server.url);
    const app = renderApp(session);
    await waitForFrame(app.lastFrame, (f) => f.includes('turn 0'), 'the opening');
    await playTurn(app, 'I step onto the ferry.');
    await playTurn(app, 'I look ahead.');
    await command(app, '/delete');
    await waitForFrame(app.lastFrame, (f) => f.includes('Deleted turn 2'), 'the delete notice');
    expect(session.turns()).toHaveLength(1);
    expect(
      session
        .tree()
        .map((b) => b.turns)
        .sort(),
    ).toEqual([1, 2]);
  });
});
