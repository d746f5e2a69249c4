// The stop strings a turn records are asked for with the seed and turn its request goes out with,
// so a `{{random}}` in a template's stop sequence draws as the provider's own request does
// (tests/providers/openai/completions.test.ts checks the provider's side).
import { describe, expect, it } from 'vitest';
import { collect, newSession } from './helpers.js';
import { scriptedProvider } from './scripted-provider.js';

describe('stop strings of a turn', () => {
  it("are asked for with the request's seed and turn, a regenerated reply with its own", async () => {
    const asked: Array<{ seed: number; turn: number } | undefined> = [];
    const base = scriptedProvider();
    const provider = {
      ...base,
      sentStop(stop: readonly string[], _user?: string, draw?: { seed: number; turn: number }) {
        asked.push(draw);
        return { sent: [...stop], template: [] };
      },
    };
    const { session } = await newSession({ provider, seed: 9 });
    await collect(session.play({ text: 'I knock.' }));
    await collect(session.regenerate());
    const contexts = base.requests.map((r) => ({ seed: r.context.seed, turn: r.context.turn }));
    expect(contexts).toHaveLength(2);
    expect(contexts[1].seed).not.toBe(contexts[0].seed);
    // Every prompt of a generation asks with its request's draw.
    expect(new Set(asked.map((a) => JSON.stringify(a)))).toEqual(new Set(contexts.map((c) => JSON.stringify(c))));
  });
});
