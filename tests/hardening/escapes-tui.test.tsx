/**
 * The TUI's frames carry no escape sequence from a pack or a model: the real App over a Session
 * on a pack full of escapes, with a model that streams escapes in its story text and reasoning.
 * Colours are off in tests (FORCE_COLOR=0), so any ESC, BEL or C1 byte in a frame came from data.
 */
import { render } from '../ui/harness.js';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/engine/session/index.js';
import { MemorySessionStore } from '../../src/engine/session/records.js';
import type { GenerateRequest, Provider, ProviderEvent } from '../../src/engine/types.js';
import { miniPack } from '../fixtures/mini-pack.js';
import { EVIL, rawEscapes } from './escapes.js';
import { App } from '../../src/ui/App.js';
import { fileServices } from '../../src/cli/file-services.js';

function evilProvider(): Provider {
  return {
    id: 'evil',
    label: `evil ${EVIL[1]}model`,
    offline: false,
    async *generate(request: GenerateRequest): AsyncIterable<ProviderEvent> {
      const text = `The lamp gutters. ${EVIL.join(' Wren turns. ')} "Who's there?"`;
      for (let c = 0; c < request.candidates.length; c++) {
        yield { type: 'reasoning', candidate: c, text: `thinking ${EVIL[3]} about it` };
        // Split mid-sequence, as a stream would.
        for (let i = 0; i < text.length; i += 5) yield { type: 'delta', candidate: c, text: text.slice(i, i + 5) };
        yield { type: 'done', candidate: c, incomplete: false, finishReason: 'stop' };
      }
    },
    async complete() {
      return `summary ${EVIL[0]}`;
    },
  };
}

describe('escape sequences in the TUI', () => {
  it('never reach a frame: not in the banner, the transcript, the carousel or the debug pane', async () => {
    const base = miniPack();
    const pack = {
      ...base,
      title: `${EVIL[1]}${base.title}`,
      setting: `${EVIL[0]}${base.setting}`,
      characters: base.characters.map((c, i) => ({
        ...c,
        name: i === 0 ? c.name : c.name,
        persona: `${EVIL[i % EVIL.length]}${c.persona}`,
      })),
      openings: base.openings.map((o) => ({ ...o, title: `${EVIL[2]}${o.title}`, text: `${EVIL[4]}${o.text}${EVIL[5]}` })),
    };
    let now = Date.UTC(2026, 10, 1);
    const session = await Session.create({
      pack,
      provider: evilProvider(),
      store: new MemorySessionStore(),
      clock: { now: () => (now += 5) },
      seed: 1,
      candidates: 2,
    });
    const app = render(<App started={{ session, notes: [`note ${EVIL[6]}`] }} services={fileServices} debug />);
    app.stdin.write('I look around.');
    await new Promise((resolve) => setTimeout(resolve, 20));
    app.stdin.write('\r');
    const deadline = Date.now() + 30_000;
    while (session.turns().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(session.turns()).toHaveLength(1);
    const frames = app.frames.join('\n');
    expect(frames).toContain('Wren turns.');
    const bad = app.frames.filter((f) => rawEscapes(f.replace(/\r\n/g, '\n')));
    expect(
      bad.map((f) =>
        JSON.stringify(f.slice(Math.max(0, f.search(/[\u001b\u0007\u0080-\u009f]/) - 40), f.search(/[\u001b\u0007\u0080-\u009f]/) + 40)),
      ),
    ).toEqual([]);
    app.unmount();
  });
});
