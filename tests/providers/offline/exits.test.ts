/**
 * The offline narrator over a few turns as people leave: someone the narration sent out, the
 * player sent away, or left behind by going elsewhere gives no more lines; a player left alone is
 * joined by someone else, who arrives first. And "Who is X?" is answered from X's description.
 */
import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { resolveWorld } from '../../../src/world/discover.js';
import type { StoryMessage } from '../../../src/engine/types.js';
import type { WorldPack } from '../../../src/world/types.js';
import { BEAT_CADENCES, contextFor, planFor, requestFor } from './support.js';

const orchard = async (): Promise<WorldPack> => (await resolveWorld('glass-orchard')).pack;

const QUOTED = /"[^"]*"|“[^”]*”/g;

/** Whether `id` acts in a text: a sentence of its narration (dialogue left out) opens on their name. */
function acts(pack: WorldPack, id: string, text: string): boolean {
  const c = pack.characters.find((x) => x.id === id)!;
  const names = [c.name, c.name.split(' ')[0], ...c.aliases].join('|');
  return new RegExp(`(?:^|[.!?*]\\s*)(?:${names})\\b`, 'm').test(text.replace(QUOTED, ' '));
}

/**
 * Plays `moves` at the mill (Wren is the opening's one character) with the planner asking for
 * Wren every turn, as it would from the history; returns each turn's replies over seeds and beats.
 */
function play(pack: WorldPack, moves: string[], narration: Record<number, string> = {}) {
  const turns: Array<Array<{ text: string; parts: Array<{ kind: string; text: string }> }>> = moves.map(() => []);
  for (let seed = 0; seed < 4; seed++) {
    const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
    moves.forEach((input, i) => {
      const turn = i + 1;
      const [beat, cadence] = BEAT_CADENCES[(turn + seed) % BEAT_CADENCES.length];
      const plan = planFor(beat, cadence, { actors: ['wren'], targetLength: pack.style.length });
      const context = contextFor(pack, { turn, playerInput: input, history: [...history], seed });
      const replies = [0, 1, 2].map((c) => composeReply(context, requestFor(plan, `c${c}`), c));
      turns[i].push(...replies);
      history.push({ role: 'player', text: input, turn }, { role: 'narrator', text: narration[turn] ?? replies[seed % 3].text, turn });
    });
  }
  return turns;
}

describe('the offline narrator as people leave', () => {
  it('gives no lines to someone the narration sent out, and brings someone else in first', async () => {
    const pack = await orchard();
    const turns = play(pack, ['I say nothing.', 'I sit down on the mill steps.', 'I wait.'], {
      1: 'Wren looks at you for a long moment. He walks out into the dusk without a word.',
    });
    for (const replies of turns.slice(1))
      for (const reply of replies) {
        expect(acts(pack, 'wren', reply.text), reply.text).toBe(false);
        expect(reply.parts.some((p) => p.kind === 'speech' && p.text.includes('Wren'))).toBe(false);
      }
    // The first reply after he went opens on someone arriving.
    for (const reply of turns[1]) expect(reply.parts[0].kind, reply.text).toBe('entrance');
  });

  it('lets someone the player sends away answer and go, then gives them no more lines', async () => {
    const pack = await orchard();
    const turns = play(pack, ['Go home, Wren. I will close the sluice myself.', 'I close the sluice gate.', 'I wait.']);
    for (const reply of turns[0]) {
      const last = reply.parts[reply.parts.length - 1];
      expect(last.text, reply.text).toMatch(/^Wren (holds your eyes|goes without|nods once and goes)/);
    }
    for (const replies of turns.slice(1)) for (const reply of replies) expect(acts(pack, 'wren', reply.text), reply.text).toBe(false);
  });

  it('leaves behind whoever the player walks away from', async () => {
    const pack = await orchard();
    const turns = play(pack, ['I walk up the hill to the orchard alone.', 'I look at the trees.']);
    for (const replies of turns) for (const reply of replies) expect(acts(pack, 'wren', reply.text), reply.text).toBe(false);
    // Someone other than Wren meets the player up there, and says so first.
    for (const reply of turns[0]) expect(reply.parts[0].kind, reply.text).toBe('entrance');
  });

  it("answers who someone is from the pack's description of them", async () => {
    const pack = await orchard();
    for (const [question, words] of [
      ['Who is Maud?', 'the orchard-keeper, past seventy'],
      ['Who is Ilsa Morrow?', 'a widow in her forties'],
      ['Wren, who is Absalom Crane?', 'a glass-buyer from Harrowgate'],
    ]) {
      const [replies] = play(pack, [question]);
      for (const reply of replies) {
        const answer = reply.parts.find((p) => p.kind === 'answer');
        expect(answer?.text, `${question}: ${reply.text}`).toContain(words);
      }
    }
    // Asked of himself, the answer is the narration's, not Wren naming himself in his own voice.
    const [self] = play(pack, ['Who is Wren?']);
    for (const reply of self) expect(reply.parts.find((p) => p.kind === 'answer')?.text).toMatch(/^Wren Alder is your older brother/);
  });

  it('has someone follow a player who leaves everyone behind, not a stranger speak', async () => {
    const pack = (await resolveWorld('qingshan-inn')).pack;
    const input = '我起身离开客栈，走到院子里。';
    for (let seed = 0; seed < 4; seed++)
      for (const [beat, cadence] of BEAT_CADENCES) {
        const plan = planFor(beat, cadence, { actors: ['yun-niang'], targetLength: pack.style.length });
        const reply = composeReply(contextFor(pack, { playerInput: input, seed }), requestFor(plan), seed);
        expect(reply.parts[0].kind, reply.text).toBe('entrance');
        expect(reply.parts[0].text).toContain('云娘');
        expect(reply.text).not.toContain('陌生人');
      }
  });
});
