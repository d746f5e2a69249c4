/**
 * The ambient sentences fit the place: on a wharf or by a sluice gate no board creaks, no one
 * knocks at the door and no shadow leans across the floor; once the player steps inside, they may.
 */
import { describe, expect, it } from 'vitest';
import { composeReply } from '../../../src/providers/offline/compose.js';
import { resolveWorld } from '../../../src/world/discover.js';
import type { StoryMessage } from '../../../src/engine/types.js';
import type { WorldPack } from '../../../src/world/types.js';
import { BEAT_CADENCES, contextFor, planFor, requestFor } from './support.js';

const world = async (id: string): Promise<WorldPack> => (await resolveWorld(id)).pack;

// Words that put a sentence in a room (the test's own list, not the narrator's).
const ROOMISH = /\b(room|walls?|floor|door|shutters?|roof|overhead|corners|board|latch|kettle)\b/i;

/** The ambient parts (sensory beats, sudden events) of replies to `input` after `before`, over seeds and beats. */
function ambient(pack: WorldPack, before: string[], input: string): string[] {
  const out: string[] = [];
  for (let seed = 0; seed < 10; seed++) {
    const history: StoryMessage[] = [{ role: 'narrator', text: pack.openings[0].text, turn: 0 }];
    before.forEach((text, i) =>
      history.push({ role: 'player', text, turn: i + 1 }, { role: 'narrator', text: 'Time passes.', turn: i + 1 }),
    );
    const turn = before.length + 1;
    history.push({ role: 'player', text: input, turn });
    for (const [beat, cadence] of BEAT_CADENCES) {
      const context = contextFor(pack, { turn, playerInput: input, history: [...history], seed });
      const reply = composeReply(context, requestFor(planFor(beat, cadence, { targetLength: pack.style.length })), seed % 3);
      out.push(...reply.parts.filter((p) => p.kind === 'sensory' || p.kind === 'event').map((p) => p.text));
    }
  }
  return out;
}

describe('the place of the scene', () => {
  it('tells no room on a wharf or at a sluice gate, and tells one again indoors', async () => {
    const mill = await world('glass-orchard');
    const atSluice = ambient(mill, [], 'I drop my bag and look at Wren.');
    expect(atSluice.length).toBeGreaterThan(40);
    for (const text of atSluice) expect(text).not.toMatch(ROOMISH);
    // Out of doors there is still more to hear than the eleven room-free sentences of the old pool.
    // Out of doors there is still as much to hear as indoors: 16 distinct ambient sentences over these
    // replies from the room-free part of the old pool, 20 with the sentences heard as well outside.
    expect(new Set(atSluice.filter((t) => !/[A-Z][a-z]+'s|Wren/.test(t))).size).toBeGreaterThanOrEqual(18);
    const harbor = await world('harbor-lights');
    const onWharf = ambient(harbor, [], 'I hold up my key.');
    for (const text of onWharf) expect(text).not.toMatch(ROOMISH);
    // Inside the diner, the room comes back.
    const inside = ambient(harbor, ['I unlock the door and step inside the diner.'], 'I look around.');
    expect(inside.some((t) => ROOMISH.test(t))).toBe(true);
  });

  it('keeps every ambient sentence for a scene that opens indoors', async () => {
    const court = await world('ember-crown');
    expect(ambient(court, [], 'I kneel beside the Queen.').some((t) => ROOMISH.test(t))).toBe(true);
  });
});
