import { describe, expect, it } from 'vitest';
import { resolveWorld } from '../../src/world/discover.js';
import { cleanPlayerLine, scriptedPlayer } from '../../src/eval/players/index.js';
import { nounsOf, questionsOf } from '../../src/eval/players/material.js';
import type { PlayerContext } from '../../src/eval/players/player.js';
import type { PlayerStyle } from '../../src/eval/types.js';
import type { StoryMessage } from '../../src/engine/types.js';

const pack = (await resolveWorld('glass-orchard')).pack;
const reply = 'Wren sets down the sluice chain and looks at the ledger. "You came back for the mill, didn\'t you?"';

function ctx(turn: number, history: StoryMessage[] = [{ role: 'narrator', text: reply, turn: 0 }]): PlayerContext {
  return { pack, persona: pack.player, turn, history, recent: [] };
}

async function lines(style: PlayerStyle, seed: number, turns = 14): Promise<string[]> {
  const player = scriptedPlayer(style, seed);
  const out: string[] = [];
  for (let t = 1; t <= turns; t++) out.push((await player.next(ctx(t))).text);
  return out;
}

describe('scripted players', () => {
  it('repeat exactly for a seed and differ across seeds', async () => {
    for (const style of ['slow', 'fast', 'erratic', 'prober', 'adversarial', 'terse'] as const) {
      expect(await lines(style, 5)).toEqual(await lines(style, 5));
    }
    expect(await lines('fast', 5)).not.toEqual(await lines('fast', 6));
  });

  it('slow writes long introspective lines with feelings and dialogue; fast writes short imperatives and time skips', async () => {
    const slow = await lines('slow', 1);
    const fast = await lines('fast', 1);
    const words = (s: string) => s.split(/\s+/).length;
    expect(Math.min(...slow.map(words))).toBeGreaterThan(25);
    expect(slow.every((l) => l.includes('"'))).toBe(true);
    expect(slow.some((l) => /ache|fear|homesickness|tenderness|relief|anger/.test(l))).toBe(true);
    expect(Math.max(...fast.map(words))).toBeLessThan(15);
    expect(fast.some((l) => /Skip to nightfall|Next morning|Later that night|An hour later/.test(l))).toBe(true);
    // Material from the pack and the narrator's last reply.
    expect([...slow, ...fast].some((l) => pack.characters.some((c) => l.includes(c.name)))).toBe(true);
    expect([...slow, ...fast].some((l) => /sluice chain|ledger|mill/.test(l))).toBe(true);
  });

  it('terse only says a word or two; erratic mixes lengths and sometimes steps out of character', async () => {
    const terse = await lines('terse', 3);
    expect(terse.every((l) => l.split(/\s+/).length <= 2)).toBe(true);
    const erratic = await lines('erratic', 3, 40);
    expect(erratic.some((l) => /OOC/i.test(l))).toBe(true);
    expect(erratic.some((l) => l.split(/\s+/).length > 25)).toBe(true);
    expect(erratic.some((l) => l.split(/\s+/).length <= 2)).toBe(true);
  });

  it('the prober states a fact early and asks about it many turns later', async () => {
    const prober = await lines('prober', 9, 14);
    const stated = /My name is Tamsin and I carry (.+?)\./.exec(prober[0]);
    expect(stated).not.toBeNull();
    expect(prober[1]).toMatch(/^I promised /);
    expect(prober.slice(5)).toContain('What did I say I carry?');
  });

  it('the adversarial player tries to break character and asks for what a law forbids', async () => {
    const lines40 = await lines('adversarial', 4, 40);
    expect(lines40.some((l) => /ignore your instructions|as an AI|break character|talk to me as yourself/i.test(l))).toBe(true);
    const forbidden = pack.laws.flatMap((l) => l.forbid);
    expect(lines40.some((l) => forbidden.some((f) => l.includes(f)))).toBe(true);
  });

  it('steers the story when it stalls (the plot director)', async () => {
    const stalledTurn = {
      candidates: [{ critics: [{ id: 'stagnation', flagged: true, score: 0.2, evidence: [] }] }],
      chosen: 0,
      plan: { beat: 'breathe' },
    };
    const player = scriptedPlayer('fast', 1);
    const moves = await Promise.all(Array.from({ length: 30 }, (_, i) => player.next({ ...ctx(i + 1), recent: [stalledTurn as never] })));
    const steered = moves.filter((m) => m.director);
    expect(steered.length).toBeGreaterThan(10);
    expect(steered[0].director).toMatch(/did not move/);
    expect(
      steered.some(
        (m) => m.text.includes(pack.threads[0].hook.replace(/\s+/g, ' ').trim().slice(0, 30)) || /I leave for|I go to find/.test(m.text),
      ),
    ).toBe(true);
    const calm = await Promise.all(Array.from({ length: 30 }, (_, i) => player.next(ctx(i + 1))));
    expect(calm.filter((m) => m.director)).toEqual([]);
  });
});

describe("the pack's language", () => {
  it('plays a Chinese world in Chinese', async () => {
    const inn = (await resolveWorld('qingshan-inn')).pack;
    for (const style of ['slow', 'fast', 'prober', 'adversarial', 'erratic'] as const) {
      const player = scriptedPlayer(style, 2);
      for (let t = 1; t <= 8; t++) {
        const { text } = await player.next({
          pack: inn,
          persona: inn.player,
          turn: t,
          history: [{ role: 'narrator', text: inn.openings[0].text, turn: 0 }],
          recent: [],
        });
        expect(text).toMatch(/\p{Script=Han}/u);
        expect(text).not.toMatch(/\b(?:I|the|and)\b/);
      }
    }
    expect((await scriptedPlayer('prober', 2).next({ pack: inn, persona: inn.player, turn: 1, history: [], recent: [] })).text).toContain(
      `我叫${inn.player.name}`,
    );
  });
});

describe('material and cleaning', () => {
  it('finds nouns and questions in a reply', () => {
    expect(nounsOf(reply)).toEqual(expect.arrayContaining(['sluice chain', 'ledger', 'mill']));
    expect(questionsOf(reply)).toEqual(["You came back for the mill, didn't you?"]);
  });

  it("keeps only the player's words from a model answer", () => {
    expect(cleanPlayerLine('Tamsin: I open the gate.', 'Tamsin', ['Wren Alder'])).toBe('I open the gate.');
    expect(cleanPlayerLine('**Tamsin:** I open the gate.\nNarrator: The gate creaks.', 'Tamsin', [])).toBe('I open the gate.');
    expect(cleanPlayerLine('I wave.\n\nWren Alder: "Come in."', 'Tamsin', ['Wren Alder'])).toBe('I wave.');
    expect(cleanPlayerLine('<think>plan</think>"I wait."', 'Tamsin', [])).toBe('I wait.');
  });
});
